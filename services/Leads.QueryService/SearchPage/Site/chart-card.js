// One card of the analytics dashboard: a Chart.js chart with its text alternative (a one-line summary on the canvas and
// under it, and a table of every number) and its states, kept in data-state: idle, loading, ready, empty (a sentence saying
// there is nothing to chart) or error (the message). A view says what to show; the card shows it.
import { el, replaceChildren } from './dom.js';

/**
 * A view: { empty } when there is nothing to chart, else { summary, chart (a Chart.js configuration),
 * table: { caption, columns, rows } }; a cell is text, or { text, value } whose exact number (a duration in seconds, a
 * share from 0 to 1) is kept in data-value.
 */
function table(spec) {
  const cell = (value, index) => {
    const text = typeof value === 'object' && value !== null ? value.text : value;
    const exact = typeof value === 'object' && value !== null ? value.value : undefined;
    return index === 0 ? el('th', { scope: 'row' }, text) : el('td', { 'data-value': exact }, text);
  };
  return [
    el('caption', null, spec.caption),
    el('thead', null, el('tr', null, spec.columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', null, spec.rows.map((row) => el('tr', null, row.map(cell)))),
  ];
}

export function createCard(section) {
  const canvas = section.querySelector('canvas');
  const box = section.querySelector('.chart-box');
  const status = section.querySelector('.chart-status');
  const numbers = section.querySelector('details.numbers');
  const grid = numbers.querySelector('table');
  const title = section.querySelector('h2').textContent;
  let chart = null;

  const enter = (state, text) => {
    section.dataset.state = state;
    section.setAttribute('aria-busy', String(state === 'loading'));
    status.textContent = text;
    status.classList.toggle('error', state === 'error');
    box.hidden = state !== 'ready';
    numbers.hidden = state !== 'ready';
  };

  const clear = () => {
    chart?.destroy();
    chart = null;
    replaceChildren(grid);
    canvas.setAttribute('aria-label', title);
  };

  const fail = (error) => {
    clear();
    enter('error', error.message || 'The chart could not be shown.');
  };

  const show = (view) => {
    clear();
    if (view.empty) {
      enter('empty', view.empty);
      return;
    }
    const { Chart } = window;
    if (typeof Chart !== 'function') {
      fail(new Error('The charting library did not load: reload the page.'));
      return;
    }
    enter('ready', view.summary);
    replaceChildren(grid, table(view.table));
    canvas.setAttribute('aria-label', `${title}. ${view.summary} Every number is in the table “${numbers.querySelector('summary').textContent}”.`);
    chart = new Chart(canvas, view.chart);
  };

  const loading = () => {
    clear();
    enter('loading', 'Loading…');
  };

  enter('idle', '');
  return { loading, show, fail };
}
