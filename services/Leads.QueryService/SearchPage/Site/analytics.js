// The analytics dashboard: five charts over one period, each from one leads.v1.LeadAnalytics RPC as JSON. The period
// picker reloads them all (a newer period cancels the calls still running for the older one); each card shows its own
// empty state or error, and the notice says what concerns the whole page (sign-in, role, query service down).
import { getActivity, getFollowupDiscipline, getFunnel, getPipeline, getTimeInStatus } from './api.js';
import { createCard } from './chart-card.js';
import { byId } from './dom.js';
import { showPageNotice } from './notice.js';
import { activityView, followupsView, timeInStatusView } from './outcome-views.js';
import { defaultPeriod, keepInAddress, periodFromAddress, periodProblem } from './period.js';
import { funnelView, pipelineView } from './pipeline-views.js';
import { takeTokenFromAddress } from './token.js';

takeTokenFromAddress();

if (window.Chart) {
  window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.color = '#1d2330';
}

const cards = [
  { id: 'pipeline', load: (p, signal) => getPipeline(p.from, p.to, p.bucket, signal), view: pipelineView },
  { id: 'funnel', load: (p, signal) => getFunnel(p.from, p.to, p.bucket, signal), view: funnelView },
  { id: 'time-in-status', load: (p, signal) => getTimeInStatus(p.from, p.to, signal), view: timeInStatusView },
  { id: 'followups', load: (p, signal) => getFollowupDiscipline(p.from, p.to, signal), view: followupsView },
  { id: 'activity', load: (p, signal) => getActivity(p.from, p.to, signal), view: activityView },
].map((card) => ({ ...card, card: createCard(byId(card.id)) }));

const form = byId('period-form');
const inputs = { from: byId('period-from'), to: byId('period-to'), bucket: byId('period-bucket') };
const pageStatus = byId('analytics-status');
const periodError = byId('period-error');
let running = null;

function fill(period) {
  for (const [name, input] of Object.entries(inputs)) {
    input.value = period[name];
  }
}

async function loadCard({ card, load, view }, period, signal) {
  card.loading();
  try {
    const reply = await load(period, signal);
    if (!signal.aborted) {
      card.show(view(reply, period));
    }
  } catch (error) {
    if (signal.aborted) {
      return;
    }
    card.fail(error);
    showPageNotice(error);
    throw error;
  }
}

async function show(period) {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  keepInAddress(period);
  pageStatus.textContent = `Loading ${period.from} to ${period.to}…`;
  const results = await Promise.allSettled(cards.map((card) => loadCard(card, period, controller.signal)));
  if (controller.signal.aborted) {
    return;
  }
  const failed = results.filter((r) => r.status === 'rejected').length;
  const empty = cards.every(({ id }) => byId(id).dataset.state === 'empty');
  pageStatus.textContent = failed > 0
    ? `${failed} of ${cards.length} charts could not be loaded.`
    : empty
      ? `No lead history from ${period.from} to ${period.to}: nothing to chart. Choose another period.`
      : `Showing ${period.from} to ${period.to}, by ${period.bucket}.`;
}

function submitted(event) {
  event.preventDefault();
  const period = { from: inputs.from.value, to: inputs.to.value, bucket: inputs.bucket.value };
  const problem = periodProblem(period);
  for (const [name, input] of Object.entries(inputs)) {
    input.setAttribute('aria-invalid', String(problem?.field === name));
  }
  periodError.textContent = problem ? problem.message : '';
  if (problem) {
    pageStatus.textContent = 'Choose a period to show.';
    inputs[problem.field].focus();
    return;
  }
  show(period);
}

form.addEventListener('submit', submitted);
byId('period-default').addEventListener('click', () => {
  fill(defaultPeriod());
  form.requestSubmit();
});

fill(periodFromAddress());
form.requestSubmit();
