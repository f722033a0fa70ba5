// The dashboard's period: from..to (UTC calendar days, both included, as the analytics RPCs count them) and the step
// (week or month). Kept in the address (?from=…&to=…&bucket=…) so a reload or a shared link shows the same charts.
const buckets = ['week', 'month'];

const utcDay = (date) => date.toISOString().slice(0, 10);

/** True for a real calendar day written YYYY-MM-DD. */
function isDay(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && utcDay(date) === text;
}

/** The last 12 months to today (UTC), week by week. */
export function defaultPeriod(now = new Date()) {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(to);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: utcDay(from), to: utcDay(to), bucket: 'week' };
}

/** The period in the address, each missing or unreadable part taken from the default. */
export function periodFromAddress() {
  const query = new URLSearchParams(window.location.search);
  const fallback = defaultPeriod();
  const pick = (name, valid) => (valid(query.get(name)) ? query.get(name) : fallback[name]);
  return { from: pick('from', isDay), to: pick('to', isDay), bucket: pick('bucket', (b) => buckets.includes(b)) };
}

/** Why the period cannot be asked for, naming the input at fault; null when it can. */
export function periodProblem(period) {
  if (!isDay(period.from)) {
    return { field: 'from', message: 'Choose the first day of the period.' };
  }
  if (!isDay(period.to)) {
    return { field: 'to', message: 'Choose the last day of the period.' };
  }
  if (period.to < period.from) {
    return { field: 'to', message: `The period ends (${period.to}) before it starts (${period.from}): choose a last day on or after the first.` };
  }
  return null;
}

export function keepInAddress(period) {
  const query = new URLSearchParams({ from: period.from, to: period.to, bucket: period.bucket });
  window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}${window.location.hash}`);
}
