// How values read on the page.
const statusNames = {
  AVAILABLE: 'Available',
  FOLLOW_UP: 'Follow-up',
  CLOSED: 'Closed',
  CONVERTED: 'Converted',
  LEAD_STATUS_UNSPECIFIED: 'Unknown',
};

export const statusName = (status) => statusNames[status] || String(status || 'Unknown');

/** A CSS-safe modifier for the status badge. */
export const statusClass = (status) => 'status-' + String(statusNames[status] ? status : 'LEAD_STATUS_UNSPECIFIED').toLowerCase().replace(/_/g, '-');

const fieldNames = { MATCHED_FIELD_NAME: 'name', MATCHED_FIELD_EMAIL: 'email', MATCHED_FIELD_PHONE: 'phone' };
export const fieldName = (field) => fieldNames[field] || 'value';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An RFC 3339 timestamp as local date and time; '' for none. */
export function when(timestamp) {
  if (!timestamp) {
    return '';
  }
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? String(timestamp) : dateTime.format(date);
}

/** A <time> element for a timestamp. */
export function timeElement(el, timestamp) {
  return el('time', { datetime: timestamp || undefined }, when(timestamp) || '—');
}
