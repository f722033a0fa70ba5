// What the dashboard shows of GetTimeInStatus (median and 90th percentile bars, in one unit fit for the longest),
// GetFollowupDiscipline (how the follow-ups due in the period went, overdue in red) and GetActivity (commands per
// caller, the busiest first); each view also carries its summary and table (see chart-card.js).
import { statusName } from './format.js';
import { baseOptions, colors, count, countAxis, formatCount, formatDuration, formatShare, shareCell, statusOrder, unitFor } from './chart-style.js';

const duration = (summary) => ({
  count: count((summary || {}).count),
  median: Number((summary || {}).medianSeconds || 0),
  p90: Number((summary || {}).p90Seconds || 0),
});

const durationCell = (seconds, n) => (n > 0 ? { text: formatDuration(seconds), value: seconds } : '—');

export function timeInStatusView(reply) {
  const byStatus = new Map((reply.statuses || []).map((s) => [s.status, duration(s.duration)]));
  const measures = [
    ...statusOrder.map((s) => ({ label: statusName(s), ...(byStatus.get(s) || duration()) })),
    { label: 'Creation to conversion', ...duration(reply.creationToConversion) },
  ];
  if (measures.every((m) => m.count === 0)) {
    return { empty: 'No stay in a status ended in this period and no lead was converted in it: no times to show.' };
  }
  const unit = unitFor(Math.max(...measures.map((m) => m.p90)));
  const inUnit = (seconds, n) => (n > 0 ? seconds / unit.seconds : null);
  const measured = measures.filter((m) => m.count > 0);
  return {
    summary: measured.map((m) => `${m.label}: median ${formatDuration(m.median)}, 90th percentile ${formatDuration(m.p90)}`).join('; ') + '.',
    chart: {
      type: 'bar',
      data: {
        labels: measures.map((m) => m.label),
        datasets: [
          { label: 'Median', data: measures.map((m) => inUnit(m.median, m.count)), backgroundColor: colors.AVAILABLE },
          { label: '90th percentile', data: measures.map((m) => inUnit(m.p90, m.count)), backgroundColor: colors.FOLLOW_UP },
        ],
      },
      options: baseOptions({
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, title: { display: true, text: unit.name } } },
      }),
    },
    table: {
      caption: 'Time in each status and from creation to conversion',
      columns: ['Measure', 'Count', 'Median', '90th percentile'],
      rows: measures.map((m) => [m.label, formatCount(m.count), durationCell(m.median, m.count), durationCell(m.p90, m.count)]),
    },
  };
}

export function followupsView(reply) {
  const scheduled = count(reply.scheduled);
  if (scheduled === 0) {
    return { empty: 'No follow-ups were due in this period.' };
  }
  const outcomes = [
    { label: 'Resolved on time', value: count(reply.resolvedOnTime), color: colors.CONVERTED },
    { label: 'Rescheduled on time', value: count(reply.rescheduled), color: colors.AVAILABLE },
    { label: 'Overdue', value: count(reply.overdue), color: colors.overdue },
    { label: 'Still open', value: count(reply.open), color: colors.open },
  ];
  const overdue = outcomes[2].value;
  return {
    summary: `${formatCount(overdue)} of ${formatCount(scheduled)} follow-ups due in the period went overdue (${formatShare(overdue, scheduled)}); `
      + outcomes.filter((o) => o.label !== 'Overdue').map((o) => `${formatCount(o.value)} ${o.label.toLowerCase()}`).join(', ') + '.',
    chart: {
      type: 'bar',
      data: {
        labels: outcomes.map((o) => o.label),
        datasets: [{ label: 'Follow-ups', data: outcomes.map((o) => o.value), backgroundColor: outcomes.map((o) => o.color) }],
      },
      options: baseOptions({ indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: countAxis() } }),
    },
    table: {
      caption: 'Follow-ups due in the period, by outcome',
      columns: ['Outcome', 'Follow-ups', 'Share'],
      rows: [...outcomes.map((o) => [o.label, formatCount(o.value), shareCell(o.value, scheduled)]), ['Scheduled', formatCount(scheduled), shareCell(scheduled, scheduled)]],
    },
  };
}

const shownCallers = 10;

export function activityView(reply) {
  const callers = new Map();
  for (const row of reply.rows || []) {
    const caller = callers.get(row.caller) || { name: row.caller || '(no caller recorded)', commands: 0, days: new Set() };
    caller.commands += count(row.commands);
    caller.days.add(row.day);
    callers.set(row.caller, caller);
  }
  const ranked = [...callers.values()].sort((a, b) => b.commands - a.commands || a.name.localeCompare(b.name));
  if (ranked.length === 0) {
    return { empty: 'No commands were recorded in this period.' };
  }
  const total = ranked.reduce((sum, c) => sum + c.commands, 0);
  const top = ranked.slice(0, shownCallers);
  return {
    summary: `${formatCount(total)} commands by ${formatCount(ranked.length)} caller${ranked.length === 1 ? '' : 's'}; the busiest: `
      + top.slice(0, 3).map((c) => `${c.name} (${formatCount(c.commands)})`).join(', ') + '.',
    chart: {
      type: 'bar',
      data: {
        labels: top.map((c) => c.name),
        datasets: [{ label: 'Commands', data: top.map((c) => c.commands), backgroundColor: colors.AVAILABLE }],
      },
      options: baseOptions({ indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: countAxis() } }),
    },
    table: {
      caption: `Commands per caller${ranked.length > shownCallers ? ` (the chart shows the ${shownCallers} busiest)` : ''}`,
      columns: ['Caller', 'Commands', 'Active days'],
      rows: ranked.map((c) => [c.name, formatCount(c.commands), formatCount(c.days.size)]),
    },
  };
}
