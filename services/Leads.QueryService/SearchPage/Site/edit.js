// The lead page's edit forms (rename, contact info, status, follow-up), for tokens with leads.write. Each form keeps
// the revision the agent saw when starting to edit it and sends it as expected_revision, with a command id made when
// the action starts (kept for retries). Live updates refill only forms the agent has not started editing.
import { CommandError, UserAction, changeContactInfo, changeName, changeStatus, setFollowup } from './commands.js';
import { byId } from './dom.js';
import { clearErrors, showRefusal } from './fields.js';
import { clearOutcome, showConflict, showSaved } from './outcome.js';
import { canWrite } from './roles.js';

const forms = [
  {
    id: 'edit-name-form', what: 'name', send: changeName,
    values: (form) => ({ name: form.elements.name.value }),
    fill: (form, lead) => { form.elements.name.value = lead.name; },
  },
  {
    id: 'edit-contact-form', what: 'contact info', send: changeContactInfo,
    values: (form) => ({ email: form.elements.email.value, phone: form.elements.phone.value }),
    fill: (form, lead) => { form.elements.email.value = lead.email; form.elements.phone.value = lead.phone; },
  },
  {
    id: 'edit-status-form', what: 'status', send: changeStatus,
    values: (form) => ({ status: form.elements.status.value }),
    fill: (form, lead) => { form.elements.status.value = lead.status; },
  },
  {
    id: 'edit-followup-form', what: 'follow-up date', send: setFollowup,
    values: (form) => ({ followupOn: form.elements.followupOn.value }),
    fill: (form, lead) => { form.elements.followupOn.value = lead.followupOn || ''; },
  },
];

/**
 * Wires the forms once. currentLead() is the lead the page shows; refresh(minPosition) reloads it (waiting for that
 * position: read-your-writes). Returns render(lead), called whenever the page shows a lead, and ownChange(revision), true
 * for revisions this page wrote itself or may be writing now.
 */
export function startEditing({ currentLead, refresh }) {
  const card = byId('edit-card');
  const written = new Set();
  let sending = 0;

  for (const spec of forms) {
    const form = byId(spec.id);
    const action = new UserAction();
    form.addEventListener('input', () => { form.dataset.dirty = 'true'; });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') {
        return;
      }
      const lead = currentLead();
      const base = form.dataset.baseRevision;
      const values = { ...spec.values(form), expectedRevision: base };
      const body = { ...values, commandId: action.idFor({ leadId: lead.leadId, ...values }) };
      setBusy(form, true);
      clearErrors(form);
      clearOutcome();
      sending += 1;
      try {
        const reply = await spec.send(lead.leadId, body);
        action.answered();
        written.add(String(reply.revision));
        delete form.dataset.dirty;
        await showSaved(lead.leadId, reply, base, spec.what);
        await refresh(reply.position);
      } catch (error) {
        if (!(error instanceof CommandError)) {
          throw error;
        }
        if (!error.retryable) {
          action.answered();
        }
        if (error.kind === 'conflict') {
          await showConflict(lead.leadId, error, () => review(form));
        } else {
          showRefusal(form, error);
        }
      } finally {
        sending -= 1;
        setBusy(form, false);
      }
    });
  }

  // After a conflict: show the lead as it is now, keep what the agent typed, and let the next send start from here.
  const review = async (form) => {
    await refresh();
    form.dataset.baseRevision = currentLead().revision;
    byId('conflict').hidden = true;
    byId('edit-outcome').textContent = 'The page shows the lead as it is now; what you entered is kept. Send it again if it still applies.';
    form.querySelector('button[type="submit"]').focus();
  };

  const render = (lead) => {
    const editable = canWrite() && !lead.forgotten;
    card.hidden = !editable;
    for (const spec of forms) {
      const form = byId(spec.id);
      if (form.dataset.leadId !== String(lead.leadId)) {
        delete form.dataset.dirty;
        clearErrors(form);
        form.dataset.leadId = lead.leadId;
      }
      if (!form.dataset.dirty) {
        spec.fill(form, lead);
        form.dataset.baseRevision = lead.revision;
      }
    }
  };

  // A change the stream reports while this page's own command is on its way is (or will be) shown by its answer.
  return { render, ownChange: (revision) => sending > 0 || written.has(String(revision)) };
}

function setBusy(form, busy) {
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const button of form.querySelectorAll('button')) {
    button.disabled = busy;
  }
}
