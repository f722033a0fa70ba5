// What became of a command, told where the agent looks: saved, saved and merged with a change made meanwhile (and which
// one, by whom, when), or refused because of a conflicting change, listed with who made it and when, with a way to
// review the lead as it is now and try again.
import { getLeadHistory } from './api.js';
import { byId, el, replaceChildren } from './dom.js';
import { when } from './format.js';

/** Clears the last outcome. */
export function clearOutcome() {
  replaceChildren(byId('edit-outcome'));
  delete byId('edit-outcome').dataset.outcome;
  replaceChildren(byId('conflict-events'));
  byId('conflict').hidden = true;
}

/** Says the command was saved; when the service rebased it, which changes made meanwhile it was merged with. */
export async function showSaved(leadId, reply, baseRevision, what) {
  const outcome = byId('edit-outcome');
  if (reply.noOp) {
    outcome.textContent = `Nothing to save: the lead already had that ${what}.`;
    return;
  }
  if (!reply.rebased) {
    outcome.textContent = `Saved: ${what} changed (revision ${reply.revision}).`;
    return;
  }
  const own = Number(reply.revision);
  const others = await eventsBetween(leadId, Number(baseRevision), own, (revision) => revision < own);
  outcome.dataset.outcome = 'merged';
  replaceChildren(outcome,
    `Saved and merged: the lead had changed since you opened it, and your ${what} change did not conflict, so it was added after `,
    others.length ? others.map((event, index) => [index ? ', ' : '', describe(event)]) : 'the changes made meanwhile',
    '. The page shows the lead as it is now.');
}

/** Shows the conflicting events (who, when, what) and offers to review the lead as it is now and retry. */
export async function showConflict(leadId, error, onReview) {
  const panel = byId('conflict');
  const wanted = new Set(error.conflictingEvents.map((event) => Number(event.revision)));
  const found = await eventsBetween(leadId, Number(error.expectedRevision), Number(error.currentRevision), (revision) => wanted.has(revision));
  const shown = found.length
    ? found.map((event) => el('li', { 'data-revision': event.revision }, describe(event), dataSummary(event)))
    : error.conflictingEvents.map((event) => el('li', { 'data-revision': event.revision }, `${event.type} (revision ${event.revision})`));
  replaceChildren(byId('conflict-message'),
    `Not saved: since you opened this lead (revision ${error.expectedRevision}) it was changed to revision ${error.currentRevision}, `
    + 'and these changes conflict with yours:');
  replaceChildren(byId('conflict-events'), shown);
  panel.hidden = false;
  const review = byId('conflict-review');
  review.onclick = () => onReview();
  review.focus();
}

async function eventsBetween(leadId, after, upTo, keep) {
  try {
    // The newest events are the ones that matter here: those since the revision the agent saw.
    const page = await getLeadHistory(leadId, 100, '');
    return (page.events || []).filter((event) => Number(event.revision) > after && Number(event.revision) <= upTo && keep(Number(event.revision))).reverse();
  } catch {
    return [];
  }
}

function describe(event) {
  const by = event.metadata && event.metadata.userId ? event.metadata.userId : 'someone';
  return el('span', { class: 'change' }, el('strong', null, event.type.replace(/\.v\d+$/, '')), ` by ${by} at `,
    el('time', { datetime: event.recordedAt }, when(event.recordedAt)), ` (revision ${event.revision})`);
}

function dataSummary(event) {
  let data = {};
  try {
    data = JSON.parse(event.dataJson || '{}');
  } catch {
    return null;
  }
  const parts = Object.entries(data).filter(([key]) => key !== 'leadId').map(([key, value]) => `${key}: ${value}`);
  return parts.length ? el('span', { class: 'muted' }, ' — ' + parts.join(', ')) : null;
}
