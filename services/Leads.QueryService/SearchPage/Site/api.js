// The query service's read RPCs as JSON over HTTP (gRPC JSON transcoding of leads.v1.LeadQueries and
// leads.v1.LeadAnalytics), same origin.
import { authorizationHeaders } from './token.js';

/** Why a call failed, in the words the page shows. kind: unreachable | unauthenticated | forbidden | notFound | invalid | failed. */
export class ApiError extends Error {
  constructor(kind, message, status) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

async function get(path, params, signal) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, String(value));
    }
  }
  const url = path + (query.toString() ? '?' + query.toString() : '');
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json', ...authorizationHeaders() }, signal, cache: 'no-store' });
  } catch (error) {
    if (error && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError('unreachable', 'The query service is not reachable.', 0);
  }
  if (response.ok) {
    return response.json();
  }
  let detail = '';
  try {
    const body = await response.json();
    detail = typeof body.message === 'string' ? body.message : '';
  } catch {
    detail = '';
  }
  throw errorFor(response.status, detail);
}

function errorFor(status, detail) {
  switch (status) {
    case 401: return new ApiError('unauthenticated', 'Sign in: the query service needs an access token.', status);
    case 403: return new ApiError('forbidden', 'Your token lacks the role leads.read.', status);
    case 404: return new ApiError('notFound', detail || 'Not found.', status);
    case 400: return new ApiError('invalid', detail || 'The request was refused.', status);
    default:
      if (status >= 500) {
        return new ApiError('unreachable', 'The query service is not reachable.', status);
      }
      return new ApiError('failed', detail || 'The query failed (HTTP ' + status + ').', status);
  }
}

const lead = (id) => '/v1/leads/' + encodeURIComponent(id);

export const searchLeads = (query, pageSize, signal) => get('/v1/leads:search', { query, pageSize }, signal);
/** The lead's view; with minPosition (a command reply's position) once the view includes it (read-your-writes). */
export const getLead = (id, signal, minPosition) => get(lead(id), { minPosition }, signal);
export const getStatusHistory = (id, signal) => get(lead(id) + '/status-history', {}, signal);
export const getLeadHistory = (id, pageSize, pageToken, signal) =>
  get(lead(id) + '/history', { pageSize, pageToken, newestFirst: true }, signal);
export const getLeadAsOfRevision = (id, revision, signal) => get(lead(id) + '/as-of', { revision }, signal);
export const getLeadAsOfMoment = (id, at, signal) => get(lead(id) + '/as-of', { at }, signal);
export const listFollowups = (dueFrom, dueTo, pageSize, pageToken, signal) =>
  get('/v1/followups', { dueFrom, dueTo, pageSize, pageToken }, signal);

// leads.v1.LeadAnalytics (the analytics dashboard): days are UTC YYYY-MM-DD, from..to both included.
export const getPipeline = (from, to, bucket, signal) => get('/v1/analytics/pipeline', { from, to, bucket }, signal);
export const getFunnel = (from, to, bucket, signal) => get('/v1/analytics/funnel', { from, to, bucket }, signal);
export const getTimeInStatus = (from, to, signal) => get('/v1/analytics/time-in-status', { from, to }, signal);
export const getFollowupDiscipline = (from, to, signal) => get('/v1/analytics/followups', { from, to }, signal);
export const getActivity = (from, to, signal) => get('/v1/analytics/activity', { from, to }, signal);
