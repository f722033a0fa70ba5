// The Follow-ups page: leads in Follow-up by follow-up date, in three windows of the agent's calendar (their browser's
// date): Overdue (before today), Today, Upcoming (after today), each from ListFollowups as JSON, paged with "More".
import { listFollowups } from './api.js';
import { byId, el, replaceChildren } from './dom.js';
import { showPageNotice } from './notice.js';
import { takeTokenFromAddress } from './token.js';

takeTokenFromAddress();

const pageSize = 50;

/** yyyy-mm-dd of the local calendar day `offset` days from today. */
function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

const windows = {
  overdue: { dueTo: day(-1), empty: 'Nothing overdue.' },
  today: { dueFrom: day(0), dueTo: day(0), empty: 'No follow-ups today.' },
  upcoming: { dueFrom: day(1), empty: 'No follow-ups coming up.' },
};

function item(lead) {
  const contact = [lead.phone, lead.email].filter((v) => v).join(' · ');
  return el('li', { 'data-lead-id': lead.leadId },
    el('time', { datetime: lead.followupOn }, lead.followupOn),
    el('a', { href: '/?lead=' + encodeURIComponent(lead.leadId) }, lead.name || 'Lead ' + lead.leadId),
    contact ? el('span', { class: 'contact' }, contact) : null);
}

/** Loads one section's first page, then more on demand; resolves with the number of leads shown. */
function startSection(section) {
  const spec = windows[section.dataset.window];
  const list = section.querySelector('ol');
  const status = section.querySelector('.status');
  const more = section.querySelector('button.more');
  let token = '';
  let shown = 0;

  const load = async () => {
    section.setAttribute('aria-busy', 'true');
    try {
      const reply = await listFollowups(spec.dueFrom, spec.dueTo, pageSize, token);
      const leads = reply.leads || [];
      list.append(...leads.map(item));
      shown += leads.length;
      token = reply.nextPageToken || '';
      more.hidden = token === '';
      status.textContent = shown === 0 ? spec.empty : `${shown} lead${shown === 1 ? '' : 's'}${token ? ', more to show' : ''}.`;
      status.classList.remove('error');
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
      showPageNotice(error);
      throw error;
    } finally {
      section.setAttribute('aria-busy', 'false');
    }
  };

  more.addEventListener('click', () => { load().catch(() => {}); });
  replaceChildren(list);
  return load();
}

const sections = [...document.querySelectorAll('section.followups')];
Promise.allSettled(sections.map(startSection)).then((results) => {
  const failed = results.some((r) => r.status === 'rejected');
  byId('followups-status').textContent = failed ? 'Some follow-ups could not be loaded.' : 'Follow-ups loaded.';
});
