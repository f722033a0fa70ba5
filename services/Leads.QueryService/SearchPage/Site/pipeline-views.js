// What the dashboard shows of GetPipeline (stacked areas: leads per status at the end of each step) and GetFunnel (one
// group of bars per creation cohort); each view also carries its summary and table (see chart-card.js).
import { statusName } from './format.js';
import { baseOptions, colors, count, countAxis, countField, formatCount, formatShare, shareCell, statusOrder } from './chart-style.js';

const stepNames = { week: 'week', month: 'month' };
const steps = (n, bucket) => `${n} ${stepNames[bucket] || 'step'}${n === 1 ? '' : 's'}`;

export function pipelineView(reply, period) {
  const points = (reply.points || []).map((p) => ({
    to: p.to,
    leads: statusOrder.map((s) => count((p.leads || {})[countField[s]])),
  }));
  if (!points.some((p) => p.leads.some((n) => n > 0))) {
    return { empty: 'No leads existed in this period: there is no pipeline to chart.' };
  }
  const last = points[points.length - 1];
  const counts = statusOrder.map((s, i) => `${formatCount(last.leads[i])} ${statusName(s)}`).join(', ');
  return {
    summary: `At the end of ${last.to}: ${counts}. Charted at the end of each of ${steps(points.length, period.bucket)}, ${points[0].to} to ${last.to}.`,
    chart: {
      type: 'line',
      data: {
        labels: points.map((p) => p.to),
        datasets: statusOrder.map((s, i) => ({
          label: statusName(s),
          data: points.map((p) => p.leads[i]),
          fill: i === 0 ? 'origin' : '-1',
          borderColor: colors[s],
          backgroundColor: colors[s] + 'b3',
          borderWidth: 1,
          pointRadius: points.length > 20 ? 0 : 2,
        })),
      },
      options: baseOptions({
        interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } }, y: countAxis({ stacked: true }) },
      }),
    },
    table: {
      caption: 'Leads in each status at the end of each step',
      columns: ['As of', ...statusOrder.map(statusName), 'Total'],
      rows: points.map((p) => [p.to, ...p.leads.map(formatCount), formatCount(p.leads.reduce((a, b) => a + b, 0))]),
    },
  };
}

const cohortLabel = (cohort, bucket) => (bucket === 'month' ? cohort.from.slice(0, 7) : cohort.from);

export function funnelView(reply, period) {
  const fields = ['created', 'reachedFollowUp', 'converted', 'closed', 'reopened', 'reopenings'];
  const cohorts = (reply.cohorts || []).map((c) => ({
    from: c.from, to: c.to, ...Object.fromEntries(fields.map((f) => [f, count(c[f])])),
  }));
  const total = Object.fromEntries(fields.map((f) => [f, cohorts.reduce((sum, c) => sum + c[f], 0)]));
  if (total.created === 0) {
    return { empty: 'No leads were created in this period: there are no cohorts to follow.' };
  }
  const bars = [
    { field: 'created', label: 'Created', color: colors.created },
    { field: 'reachedFollowUp', label: 'Reached Follow-up', color: colors.FOLLOW_UP },
    { field: 'converted', label: 'Converted', color: colors.CONVERTED },
    { field: 'closed', label: 'Closed', color: colors.CLOSED },
  ];
  return {
    summary: `${formatCount(total.created)} leads created in ${steps(cohorts.length, period.bucket)}: `
      + `${formatCount(total.reachedFollowUp)} reached Follow-up, ${formatCount(total.converted)} converted `
      + `(${formatShare(total.converted, total.created)}), ${formatCount(total.closed)} closed, ${formatCount(total.reopened)} reopened.`,
    chart: {
      type: 'bar',
      data: {
        labels: cohorts.map((c) => cohortLabel(c, period.bucket)),
        datasets: bars.map((b) => ({ label: b.label, data: cohorts.map((c) => c[b.field]), backgroundColor: b.color })),
      },
      options: baseOptions({
        interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } }, y: countAxis() },
      }),
    },
    table: {
      caption: 'Leads created in each step and how far they got',
      columns: ['Cohort', 'Created', 'Reached Follow-up', 'Converted', 'Closed', 'Reopened', 'Reopenings', 'Conversion rate'],
      rows: cohorts.map((c) => [
        c.from === c.to ? c.from : `${c.from} – ${c.to}`,
        ...fields.map((f) => formatCount(c[f])),
        shareCell(c.converted, c.created),
      ]),
    },
  };
}
