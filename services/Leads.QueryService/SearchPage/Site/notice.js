// The notice atop the Follow-ups and analytics pages, for what concerns the whole page (the query service down, sign-in,
// a missing role); other errors are shown where they happened. The search page has its own (it holds the token form).
import { byId } from './dom.js';

export function showPageNotice(error) {
  const notice = byId('notice');
  if (!['unreachable', 'unauthenticated', 'forbidden'].includes(error.kind)) {
    return;
  }
  notice.textContent = error.kind === 'unauthenticated'
    ? 'Sign in: open the search page and paste an access token with the role leads.read, or open this page with #token=… .'
    : error.message;
  notice.hidden = false;
}
