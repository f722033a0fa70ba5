// A new lead (?new): its id, name, email and phone, checked by the command service; its messages appear beside the
// fields. Once written, the lead's page opens and waits for the view to include it (read-your-writes).
import { CommandError, UserAction, initializeLead } from './commands.js';
import { byId } from './dom.js';
import { clearErrors, showRefusal } from './fields.js';

/** Wires the form once; onCreated(leadId, position) opens the new lead. */
export function startCreate({ onCreated }) {
  const form = byId('create-form');
  const action = new UserAction();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') {
      return;
    }
    const values = {
      leadId: form.elements.leadId.value.trim(),
      name: form.elements.name.value,
      email: form.elements.email.value,
      phone: form.elements.phone.value,
    };
    clearErrors(form);
    if (!/^\d{1,18}$/.test(values.leadId)) {
      showRefusal(form, { field: 'lead_id', message: 'lead_id must be a positive number' });
      return;
    }
    form.setAttribute('aria-busy', 'true');
    form.querySelector('button[type="submit"]').disabled = true;
    try {
      const reply = await initializeLead({ ...values, commandId: action.idFor(values) });
      action.answered();
      form.reset();
      onCreated(reply.leadId, reply.position);
    } catch (error) {
      if (!(error instanceof CommandError)) {
        throw error;
      }
      if (!error.retryable) {
        action.answered();
      }
      showRefusal(form, error);
    } finally {
      form.setAttribute('aria-busy', 'false');
      form.querySelector('button[type="submit"]').disabled = false;
    }
  });
  return { focus: () => form.elements.leadId.focus() };
}
