// Live updates of the lead page: one server-sent-events stream per open page (GET /v1/leads/{id}/changes), read with
// fetch so that it carries the bearer token, woken on the server by the view projector's commits. Reconnects with
// growing pauses after a failure; stops for good on 401/403 or when the page leaves the lead.
import { authorizationHeaders } from './token.js';

/** onLead(view) for each change the stream reports; onState('live' | 'reconnecting' | 'off', text) for the status line. */
export function startLiveUpdates({ onLead, onState }) {
  let following = null;

  const stop = () => {
    following?.controller.abort();
    following = null;
  };

  /** Follows lead id (the page shows revision); a second call for the same lead keeps the stream it has. */
  const follow = (id, revision) => {
    if (following && following.id === String(id)) {
      return;
    }
    stop();
    following = { id: String(id), controller: new AbortController() };
    run(following.id, revision, following.controller.signal);
  };

  const run = async (id, revision, signal) => {
    let shown = revision;
    let pause = 1000;
    while (!signal.aborted) {
      try {
        const response = await fetch('/v1/leads/' + encodeURIComponent(id) + '/changes?revision=' + encodeURIComponent(shown), {
          headers: { Accept: 'text/event-stream', ...authorizationHeaders() }, signal, cache: 'no-store',
        });
        if (response.status === 401 || response.status === 403) {
          onState('off', 'Live updates are off: the token was refused.');
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error('HTTP ' + response.status);
        }
        onState('live', 'Live: this page updates when the lead changes.');
        pause = 1000;
        for await (const event of serverSentEvents(response.body)) {
          if (event.type === 'lead') {
            const view = JSON.parse(event.data);
            shown = view.revision;
            onLead(view);
          }
        }
      } catch {
        if (signal.aborted) {
          return;
        }
      }
      onState('reconnecting', 'Live updates interrupted; reconnecting…');
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 30000);
    }
  };

  return { follow, stop };
}

/** The events of a text/event-stream body: { type, data } (comments and retry lines skipped). */
async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          type = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      if (data.length) {
        yield { type, data: data.join('\n') };
      }
    }
  }
}
