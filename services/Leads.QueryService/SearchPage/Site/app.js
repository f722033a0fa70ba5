// The search page: routes between the search view and one lead (?lead=ID), shows errors that concern the whole page
// (query service down, sign-in, missing role) and wires the token form.
import { startLeadActions } from './actions.js';
import { startCreate } from './create.js';
import { startLeadView } from './lead.js';
import { canWrite } from './roles.js';
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
let actions = null;
const lead = startLeadView({ onError, onLoaded: (shown) => actions.loaded(shown) });
actions = startLeadActions(lead);
const create = startCreate({ onCreated: (id, position) => navigate(id, position) });

function route() {
  clearNotice();
  const params = new URLSearchParams(window.location.search);
  const id = params.get('lead');
  const onLead = id !== null && /^\d+$/.test(id);
  const onCreate = !onLead && params.has('new') && canWrite();
  byId('new-link').hidden = !canWrite();
  byId('search-view').hidden = onLead || onCreate;
  byId('lead-view').hidden = !onLead;
  byId('create-view').hidden = !onCreate;
  if (!onLead) {
    actions.leave();
  }
  if (onLead) {
    const position = params.get('position');
    lead.show(id, position && /^\d+$/.test(position) ? position : undefined);
  } else if (onCreate) {
    document.title = 'New lead';
    create.focus();
  } else {
    document.title = 'Lead search';
    search.focus();
  }
}

function navigate(id, position) {
  const address = id === null ? '/' : '/?lead=' + encodeURIComponent(id);
  window.history.pushState(null, '', id === 'new' ? '/?new' : address + (position ? '&position=' + encodeURIComponent(position) : ''));
  route();
}

byId('new-link').addEventListener('click', (event) => {
  event.preventDefault();
  navigate('new');
});
for (const link of [byId('home-link'), byId('back-link'), byId('create-back-link')]) {
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
