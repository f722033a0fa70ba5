// The page's commands, sent to the query service on this origin, which forwards them to the command service with the
// bearer token (the command service authorizes, validates and writes). Every user action carries a command id made
// when the action starts and kept for its retries, so a double click or a retry after a lost answer writes once.
import { authorizationHeaders } from './token.js';

/** A refused or unsent command: kind is refused | conflict | unreachable; the rest as the command service said. */
export class CommandError extends Error {
  constructor(kind, body, httpStatus) {
    super(body.message || 'The command was refused.');
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.status = body.status || '';
    this.field = body.field || '';
    this.conflictingEvents = body.conflictingEvents || [];
    this.currentRevision = body.currentRevision;
    this.expectedRevision = body.expectedRevision;
  }

  /** True when the command may not have arrived: retrying it with the same command id is safe and writes at most once. */
  get retryable() {
    return this.kind === 'unreachable';
  }
}

/** A new command id: 128 random bits as hex (crypto.getRandomValues works on plain http too). */
export function newCommandId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'page-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One form's action: the same values sent again (a retry, a second click) reuse the command id; other values, or the
 * same values after the action was answered, get a new one.
 */
export class UserAction {
  #pending = null;

  /** The command id for these values. */
  idFor(values) {
    const fingerprint = JSON.stringify(values);
    if (!this.#pending || this.#pending.fingerprint !== fingerprint) {
      this.#pending = { fingerprint, id: newCommandId() };
    }
    return this.#pending.id;
  }

  /** The command was answered (written, a no-op, or refused for good): the next action gets a new id. */
  answered() {
    this.#pending = null;
  }
}

/** POSTs one command; resolves to the reply { leadId, revision, position, noOp, rebased } or throws a CommandError. */
export async function send(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authorizationHeaders() },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new CommandError('unreachable', { message: 'Not saved yet: the command service could not be reached.' }, 0);
  }
  let answer = {};
  try {
    answer = await response.json();
  } catch {
    answer = {};
  }
  if (response.ok) {
    return answer;
  }
  if (response.status >= 502 || answer.status === 'UNAVAILABLE' || answer.status === 'DEADLINE_EXCEEDED') {
    throw new CommandError('unreachable', { ...answer, message: 'Not saved yet: the command service could not be reached (' + (answer.message || 'HTTP ' + response.status) + ').' }, response.status);
  }
  throw new CommandError(answer.status === 'ABORTED' && answer.conflictingEvents ? 'conflict' : 'refused', answer, response.status);
}

const lead = (id) => '/v1/leads/' + encodeURIComponent(id);

export const initializeLead = (body) => send('/v1/leads', body);
export const changeName = (id, body) => send(lead(id) + '/name', body);
export const changeContactInfo = (id, body) => send(lead(id) + '/contact-info', body);
export const changeStatus = (id, body) => send(lead(id) + '/status', body);
export const setFollowup = (id, body) => send(lead(id) + '/followup', body);
