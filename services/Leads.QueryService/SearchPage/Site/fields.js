// Where a refused command's message goes: beside the field the command service named (the input marked invalid and
// described by the message, which is announced), else under the form.
import { el, replaceChildren } from './dom.js';

/** Clears every message of a form and un-marks its inputs. */
export function clearErrors(form) {
  for (const input of form.querySelectorAll('[data-field]')) {
    input.removeAttribute('aria-invalid');
    const message = document.getElementById(input.id + '-error');
    if (message) {
      message.textContent = '';
    }
  }
  replaceChildren(formMessage(form));
}

/** Shows a CommandError: beside its field when the form has it, else under the form; unreachable adds a Retry button. */
export function showRefusal(form, error) {
  const input = error.field ? form.querySelector(`[data-field="${CSS.escape(error.field)}"]`) : null;
  const message = input ? document.getElementById(input.id + '-error') : null;
  if (input && message) {
    input.setAttribute('aria-invalid', 'true');
    message.textContent = error.message;
    input.focus();
    return;
  }
  const retry = error.retryable
    ? el('button', { type: 'submit', class: 'retry' }, 'Retry')
    : null;
  replaceChildren(formMessage(form), el('span', null, error.message), retry ? ' ' : null, retry);
}

function formMessage(form) {
  return form.querySelector('.form-error');
}
