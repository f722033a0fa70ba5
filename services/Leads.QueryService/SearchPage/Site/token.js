// The page's bearer token, in one place: taken from the address (#token=...) or pasted by the agent, kept in this
// tab's sessionStorage only, and sent as "Authorization: Bearer <token>" with every call when present.
const storageKey = 'leads.searchPage.token';

/** Moves a token from the address bar (#token=...) into sessionStorage and removes it from the address and history. */
export function takeTokenFromAddress() {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) {
    return;
  }
  setToken(token);
  fragment.delete('token');
  const rest = fragment.toString();
  const address = window.location.pathname + window.location.search + (rest ? '#' + rest : '');
  window.history.replaceState(window.history.state, '', address);
}

export function currentToken() {
  try {
    return window.sessionStorage.getItem(storageKey) || null;
  } catch {
    return null;
  }
}

export function setToken(token) {
  const trimmed = (token || '').trim().replace(/^Bearer\s+/i, '');
  if (trimmed) {
    window.sessionStorage.setItem(storageKey, trimmed);
  } else {
    forgetToken();
  }
}

export function forgetToken() {
  window.sessionStorage.removeItem(storageKey);
}

/** The headers that authenticate a call: none without a token. */
export function authorizationHeaders() {
  const token = currentToken();
  return token ? { Authorization: 'Bearer ' + token } : {};
}
