// What the lead page adds for acting on a lead: the edit forms and the live stream that keeps the page current.
import { byId } from './dom.js';
import { startEditing } from './edit.js';
import { startLiveUpdates } from './live.js';

/** lead: the lead view (show/refresh/current). Returns loaded(lead), to call after each render, and leave(). */
export function startLeadActions(lead) {
  const liveStatus = byId('live-status');
  const editing = startEditing({ currentLead: () => lead.current(), refresh: (minPosition) => lead.refresh(minPosition) });
  const live = startLiveUpdates({
    onLead: (view) => {
      const shown = lead.current();
      if (!shown || String(shown.leadId) !== String(view.leadId) || Number(view.revision) <= Number(shown.revision) || editing.ownChange(view.revision)) {
        return;
      }
      liveStatus.textContent = `Updated: this lead was changed elsewhere (now at revision ${view.revision}).`;
      lead.refresh(view.position);
    },
    onState: (state, text) => {
      liveStatus.dataset.state = state;
      if (state !== 'live' || !liveStatus.textContent.startsWith('Updated')) {
        liveStatus.textContent = text;
      }
    },
  });

  return {
    loaded: (shown) => {
      editing.render(shown);
      live.follow(shown.leadId, shown.revision);
    },
    leave: () => {
      live.stop();
      liveStatus.textContent = '';
    },
  };
}
