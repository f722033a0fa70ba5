// The search page: routes between the search view and one lead (?lead=ID), shows errors that concern the whole page
// (query service down, sign-in, missing role) and wires the token form.
import { startLeadView } from './lead.js';
import { startSearch } from './search.js';
import { byId } from './dom.js';
import { currentToken, forgetToken, setToken, takeTokenFromAddress } from './token.js';

takeTokenFromAddress();

const notice = byId('notice');

function showNotice(error) {
  if (!error) {
    clearNotice();
    return;
  }
  if (!['unreachable', 'unauthenticated', 'forbidden'].includes(error.kind)) {
    return;
  }
  notice.dataset.kind = error.kind;
  notice.textContent = error.kind === 'unauthenticated'
    ? 'Sign in: paste an access token with the role leads.read (Access token, above), or open the page with #token=… .'
    : error.message;
  notice.hidden = false;
  if (error.kind !== 'unreachable') {
    byId('access').open = true;
  }
}

function clearNotice() {
  notice.hidden = true;
  notice.textContent = '';
  delete notice.dataset.kind;
}

const onError = (error) => showNotice(error);
const search = startSearch({ onOpen: (id) => navigate(id), onError });
const lead = startLeadView({ onError });

function route() {
  clearNotice();
  const id = new URLSearchParams(window.location.search).get('lead');
  const onLead = id !== null && /^\d+$/.test(id);
  byId('search-view').hidden = onLead;
  byId('lead-view').hidden = !onLead;
  if (onLead) {
    lead.show(id);
  } else {
    document.title = 'Lead search';
    search.focus();
  }
}

function navigate(id) {
  window.history.pushState(null, '', id === null ? '/' : '/?lead=' + encodeURIComponent(id));
  route();
}

for (const link of [byId('home-link'), byId('back-link')]) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    navigate(null);
  });
}
window.addEventListener('popstate', route);

const tokenState = () => {
  byId('token-state').textContent = currentToken() ? 'A token is in use for this tab.' : 'No token: calls go without one.';
};
byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  setToken(byId('token-input').value);
  byId('token-input').value = '';
  tokenState();
  byId('access').open = false;
  route();
  search.retry();
});
byId('token-forget').addEventListener('click', () => {
  forgetToken();
  tokenState();
});
tokenState();
route();
