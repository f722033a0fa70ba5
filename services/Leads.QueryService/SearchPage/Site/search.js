// Search as you type: debounced, newest answer wins, results as a listbox driven from the search box by the keyboard.
import { searchLeads } from './api.js';
import { byId, el, replaceChildren } from './dom.js';
import { fieldName, statusClass, statusName } from './format.js';
import { highlighted, matchRanges } from './highlight.js';

const debounceMs = 120;
const pageSize = 20;

/** Wires the search view; onOpen(leadId) opens a lead, onError(error) reports each call's failure (null: it worked). */
export function startSearch({ onOpen, onError }) {
  const view = byId('search-view');
  const input = byId('search-input');
  const status = byId('search-status');
  const list = byId('results');
  let timer = 0;
  let sequence = 0;
  let inFlight = null;
  let hits = [];
  let active = -1;

  const setState = (state, text) => {
    view.dataset.state = state;
    view.setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
    status.textContent = text;
    status.classList.toggle('error', state === 'error');
  };

  const showResults = (query, found) => {
    hits = found;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    replaceChildren(list, found.map((hit, index) => resultItem(hit, index, query)));
    list.hidden = found.length === 0;
    list.dataset.query = query;
    input.setAttribute('aria-expanded', found.length ? 'true' : 'false');
  };

  const clear = (text) => {
    showResults('', []);
    setState('idle', text);
  };

  const run = async (query) => {
    const mine = ++sequence;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    setState('loading', 'Searching…');
    try {
      const reply = await searchLeads(query, pageSize, controller.signal);
      if (mine !== sequence) {
        return;
      }
      const found = reply.hits || [];
      onError(null);
      showResults(query, found);
      setState(found.length ? 'results' : 'empty', found.length
        ? `${found.length === 1 ? '1 lead matches' : found.length + ' leads match'}. Use the arrow keys and Enter to open one.`
        : `No lead was ever known by “${query}”.`);
    } catch (error) {
      if (error.name === 'AbortError' || mine !== sequence) {
        return;
      }
      showResults(query, []);
      setState('error', error.message);
      onError(error);
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      sequence++;
      inFlight?.abort();
      clear('Type a name, an email or phone digits.');
      return;
    }
    timer = window.setTimeout(() => run(query), debounceMs);
  });

  const move = (to) => {
    if (!hits.length) {
      return;
    }
    active = (to + hits.length) % hits.length;
    list.querySelectorAll('[role="option"]').forEach((option, index) => option.setAttribute('aria-selected', index === active ? 'true' : 'false'));
    const option = byId('result-' + active);
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  };

  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(active < 0 ? hits.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = hits[active >= 0 ? active : 0];
      if (chosen && (active >= 0 || hits.length === 1)) {
        onOpen(chosen.leadId);
      }
    } else if (event.key === 'Escape') {
      input.value = '';
      input.dispatchEvent(new Event('input'));
    }
  });

  byId('search-form').addEventListener('submit', (event) => event.preventDefault());

  list.addEventListener('click', (event) => {
    const option = event.target.closest('[role="option"]');
    if (option) {
      event.preventDefault();
      onOpen(option.dataset.leadId);
    }
  });

  clear('Type a name, an email or phone digits.');
  return {
    focus: () => input.focus(),
    retry: () => input.value.trim() && run(input.value.trim()),
  };
}

function resultItem(hit, index, query) {
  const value = hit.matchedValue || '';
  const historical = hit.historical === true;
  const label = `Lead ${hit.leadId}, ${hit.name}, ${statusName(hit.status)}: ${fieldName(hit.matchedField)} ${value}, ${historical ? 'a value it had before' : 'its current value'}`;
  return el('li', { id: 'result-' + index, role: 'option', 'aria-selected': 'false', 'data-lead-id': hit.leadId, 'aria-label': label, class: 'result' },
    el('a', { href: '/?lead=' + encodeURIComponent(hit.leadId), tabindex: '-1', class: 'result-link' },
      el('span', { class: 'result-name' }, hit.name || '(no name)'),
      el('span', { class: 'result-id' }, '#' + hit.leadId),
      el('span', { class: 'badge ' + statusClass(hit.status) }, statusName(hit.status))),
    el('span', { class: 'result-match' },
      el('span', { class: 'field' }, fieldName(hit.matchedField) + ':'), ' ',
      el('span', { class: 'matched' }, highlighted(el, value, matchRanges(value, query, hit.matchedField))), ' ',
      el('span', { class: historical ? 'badge historical' : 'badge current' }, historical ? 'historical' : 'current')));
}
