// One lead: its current state, status timeline, time travel and the audit log newest first with "older" paging.
import { getLead, getLeadAsOfMoment, getLeadAsOfRevision, getLeadHistory, getStatusHistory } from './api.js';
import { byId, el, fact, replaceChildren } from './dom.js';
import { statusClass, statusName, timeElement, when } from './format.js';

const auditPageSize = 5;

/**
 * Wires the lead view's controls once; returns show(leadId, minPosition?), which loads and renders one lead,
 * refresh(minPosition?), which loads it again in place, and current(). onError as for search; onLoaded(lead) after
 * each render.
 */
export function startLeadView({ onError, onLoaded }) {
  const view = byId('lead-view');
  const status = byId('lead-status');
  const body = byId('lead-body');
  let leadId = null;
  let current = null;
  let olderToken = '';
  let loading = null;

  const setState = (state, text) => {
    view.dataset.state = state;
    view.setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
    status.textContent = text;
    status.classList.toggle('error', state === 'error' || state === 'missing');
  };

  const show = (id, minPosition) => load(id, minPosition, false);
  const refresh = (minPosition) => load(leadId, minPosition, true);

  const load = async (id, minPosition, inPlace) => {
    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    leadId = id;
    if (!inPlace) {
      body.hidden = true;
      setState('loading', `Loading lead ${id}…`);
    }
    try {
      const [lead, statuses, history] = await Promise.all([
        getLead(id, controller.signal, minPosition),
        getStatusHistory(id, controller.signal),
        getLeadHistory(id, auditPageSize, '', controller.signal),
      ]);
      current = lead;
      onError(null);
      renderLead(lead);
      renderTimeline(statuses.entries || []);
      replaceChildren(byId('audit'));
      appendAudit(history);
      resetTravel(lead);
      body.hidden = false;
      setState('loaded', '');
      document.title = `${lead.name} (lead ${lead.leadId})`;
      if (!inPlace) {
        byId('lead-title').focus();
      }
      onLoaded?.(lead);
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      setState(error.kind === 'notFound' ? 'missing' : 'error', error.kind === 'notFound' ? `There is no lead ${id}.` : error.message);
      onError(error);
    }
  };

  const appendAudit = (page) => {
    const audit = byId('audit');
    for (const event of page.events || []) {
      audit.appendChild(auditEntry(event));
    }
    olderToken = page.nextPageToken || '';
    byId('audit-older').hidden = !olderToken;
    byId('audit-status').textContent = olderToken ? '' : 'That is the first event of this lead.';
  };

  byId('audit-older').addEventListener('click', async () => {
    const button = byId('audit-older');
    button.disabled = true;
    byId('audit-status').textContent = 'Loading older events…';
    try {
      appendAudit(await getLeadHistory(leadId, auditPageSize, olderToken));
    } catch (error) {
      byId('audit-status').textContent = error.message;
      onError(error);
    } finally {
      button.disabled = false;
    }
  });

  const travelBy = () => document.querySelector('input[name="travel-by"]:checked').value;
  for (const radio of document.querySelectorAll('input[name="travel-by"]')) {
    radio.addEventListener('change', () => {
      const byRevision = travelBy() === 'revision';
      byId('travel-revision').hidden = !byRevision;
      byId('travel-revision-label').hidden = !byRevision;
      byId('travel-moment').hidden = byRevision;
      byId('travel-moment-label').hidden = byRevision;
    });
  }

  byId('travel-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const travelStatus = byId('travel-status');
    const state = byId('travel-state');
    state.hidden = true;
    let request;
    if (travelBy() === 'revision') {
      const revision = byId('travel-revision').value.trim();
      if (!/^\d+$/.test(revision)) {
        travelStatus.textContent = 'Enter a revision: 0 is the lead\'s first event.';
        return;
      }
      request = () => getLeadAsOfRevision(leadId, revision);
    } else {
      const local = byId('travel-moment').value;
      const moment = local ? new Date(local) : null;
      if (!moment || Number.isNaN(moment.getTime())) {
        travelStatus.textContent = 'Pick a date and time.';
        return;
      }
      request = () => getLeadAsOfMoment(leadId, moment.toISOString());
    }
    travelStatus.textContent = 'Looking back…';
    try {
      const then = await request();
      const behind = Number(then.currentRevision) - Number(then.revision);
      travelStatus.textContent = behind === 0
        ? 'This is the lead as it is now.'
        : `The lead as it was at revision ${then.revision}, ${behind} change${behind === 1 ? '' : 's'} ago (recorded ${when(then.recordedAt)}).`;
      replaceChildren(state, snapshotFacts(then, current));
      state.hidden = false;
    } catch (error) {
      travelStatus.textContent = error.kind === 'notFound' ? 'The lead did not exist yet at that moment.' : error.message;
      onError(error);
    }
  });

  return { show, refresh, current: () => current };
}

function renderLead(lead) {
  replaceChildren(byId('lead-title'), lead.name, ' ', el('span', { class: 'badge ' + statusClass(lead.status) }, statusName(lead.status)));
  byId('lead-title').setAttribute('tabindex', '-1');
  replaceChildren(byId('current-state'),
    fact('Lead', lead.leadId),
    fact('Name', lead.name),
    fact('Email', lead.email),
    fact('Phone', lead.phone),
    fact('Status', statusName(lead.status)),
    fact('Follow-up on', lead.followupOn),
    fact('Revision', lead.revision),
    fact('Created', timeElement(el, lead.createdAt)),
    fact('Last changed', timeElement(el, lead.updatedAt)));
}

function renderTimeline(entries) {
  replaceChildren(byId('timeline'), entries.length
    ? entries.map((entry) => el('li', { class: 'timeline-entry' },
      el('span', { class: 'badge ' + statusClass(entry.status) }, statusName(entry.status)), ' ',
      timeElement(el, entry.changedAt)))
    : el('li', { class: 'muted' }, 'No status recorded yet.'));
}

function resetTravel(lead) {
  const revision = byId('travel-revision');
  revision.max = lead.revision;
  revision.value = '';
  byId('travel-moment').value = '';
  byId('travel-status').textContent = `Revisions run from 0 (the first event) to ${lead.revision} (now).`;
  byId('travel-state').hidden = true;
}

function snapshotFacts(then, now) {
  const changed = (a, b) => (now && a !== b ? el('span', { class: 'changed' }, a || '—', el('span', { class: 'visually-hidden' }, ' (differs from now)')) : a);
  return [
    fact('Name', changed(then.name, now?.name)),
    fact('Email', changed(then.email, now?.email)),
    fact('Phone', changed(then.phone, now?.phone)),
    fact('Status', changed(statusName(then.status), now && statusName(now.status))),
    fact('Follow-up on', changed(then.followupOn, now?.followupOn)),
    fact('Revision', then.revision),
    fact('Recorded', timeElement(el, then.recordedAt)),
  ];
}

function auditEntry(event) {
  const meta = event.metadata || {};
  let data = event.dataJson || '';
  try {
    data = JSON.stringify(JSON.parse(data), null, 1);
  } catch {
    // Shown as stored.
  }
  return el('li', { class: 'audit-entry', 'data-revision': event.revision },
    el('div', { class: 'audit-head' },
      el('span', { class: 'audit-type' }, event.type),
      el('span', { class: 'muted' }, 'revision ' + event.revision),
      timeElement(el, event.recordedAt)),
    el('dl', { class: 'facts compact' },
      meta.userId ? fact('By', meta.userId) : null,
      meta.commandId ? fact('Command', meta.commandId) : null,
      meta.correlationId ? fact('Correlation', meta.correlationId) : null),
    el('pre', { class: 'audit-data' }, data));
}
