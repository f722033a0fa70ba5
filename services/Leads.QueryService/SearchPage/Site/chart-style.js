// How the dashboard's charts and numbers look: one colour per status (the page's badge colours, darker), counts and
// durations as people read them, and the Chart.js options every chart shares.
export const statusOrder = ['AVAILABLE', 'FOLLOW_UP', 'CLOSED', 'CONVERTED'];

/** The JSON field of a status in StatusCounts. */
export const countField = { AVAILABLE: 'available', FOLLOW_UP: 'followUp', CLOSED: 'closed', CONVERTED: 'converted' };

export const colors = {
  AVAILABLE: '#1f5fbf',
  FOLLOW_UP: '#c77800',
  CLOSED: '#6b7280',
  CONVERTED: '#23804a',
  created: '#3d4658',
  overdue: '#a1261b',
  open: '#9aa3b5',
};

/** A count from the JSON (int64 arrives as a string); 0 when absent. */
export const count = (value) => Number(value || 0);

const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
export const formatCount = (value) => counts.format(value);

const percents = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
export const formatShare = (part, whole) => (whole > 0 ? percents.format(part / whole) : '—');

/** A table cell of a share: the percentage, its exact ratio kept (see chart-card.js); a dash of nothing. */
export const shareCell = (part, whole) => (whole > 0 ? { text: formatShare(part, whole), value: part / whole } : '—');

const units = [
  { name: 'days', short: 'd', seconds: 86400 },
  { name: 'hours', short: 'h', seconds: 3600 },
  { name: 'minutes', short: 'min', seconds: 60 },
  { name: 'seconds', short: 's', seconds: 1 },
];

/** The largest unit in which `seconds` is at least 1 (seconds below that). */
export const unitFor = (seconds) => units.find((u) => seconds >= u.seconds) || units[units.length - 1];

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDigits = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 });
/** A duration in its own unit: "3.5 d", "12 h", "0.04 s". */
export function formatDuration(seconds) {
  const unit = unitFor(seconds);
  return `${(seconds < 1 ? twoDigits : oneDecimal).format(seconds / unit.seconds)} ${unit.short}`;
}

/** Options every chart shares: fills its box, no animation (the numbers are the point), legend below, bars kept slim. */
export function baseOptions(extra) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    datasets: { bar: { maxBarThickness: 28 } },
    ...extra,
  };
}

/** A linear axis of whole numbers from zero. */
export const countAxis = (extra) => ({ beginAtZero: true, ticks: { precision: 0 }, ...extra });
