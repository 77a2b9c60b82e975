// What a form says when its input is refused, the same on the share and the manage page: each field error under
// the control it is about, the control marked invalid and described by it, the focus on the first, and one status
// line saying nothing was saved. Which control answers to which field of the stories API stays with each page.
import { explain, t } from './common.js';

/**
 * @param form   the form with the controls and, for each field, an element [data-field-error="field"] with an id
 * @param fields API field -> { control: selector in the form, label: text key, group: true for a fieldset of choices }
 * @param status the page's line for what went wrong as a whole
 */
export function fieldErrors(form, fields, status) {
  let shown = [];
  // while the status line is ours, how to say it again after a language switch
  let line = null;

  const control = (field) => form.querySelector(fields[field].control);
  const slot = (field) => form.querySelector(`[data-field-error="${field}"]`);

  function render() {
    Object.keys(fields).forEach((field) => {
      const message = slot(field);
      if (!message) return;
      // the page's own findings are text keys, the service's are its words
      const words = shown.filter((e) => e.field === field).map((e) => (e.key ? t(e.key) : e.message));
      message.textContent = words.length ? `${t(fields[field].label)}: ${words.join(' · ')}` : '';
      message.hidden = !words.length;
    });
    if (line) status.textContent = line();
  }

  function say(text) {
    line = text;
    render();
  }

  /** Takes every mark off, and the status line when it holds a refusal. */
  function clear() {
    Object.keys(fields).forEach((field) => {
      const element = control(field);
      const message = slot(field);
      if (!element || !message) return;
      element.removeAttribute('aria-invalid');
      describedBy(element, message.id, false);
    });
    shown = [];
    if (line) status.textContent = '';
    line = null;
    render();
  }

  /** Puts each error under its control and focuses the first control on the page; returns those it could not place. */
  function mark(errors) {
    const placed = [];
    const rest = [];
    errors.forEach((error) => {
      // consents.publishOnSite, contentWarnings[2]: the control is the whole field's
      const field = String(error.field).split(/[.[]/)[0];
      const element = fields[field] && control(field);
      const message = fields[field] && slot(field);
      if (!element || !message) {
        rest.push(error);
        return;
      }
      shown.push({ ...error, field });
      // a fieldset is not a control: its message is tied to it, the choices in it are not marked wrong one by one
      if (!fields[field].group) element.setAttribute('aria-invalid', 'true');
      describedBy(element, message.id, true);
      placed.push(element);
    });
    const first = placed.reduce((a, b) => (b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING ? b : a),
      placed[0]);
    (first?.matches('fieldset') ? first.querySelector('input:checked') ?? first.querySelector('input') : first)?.focus();
    return rest;
  }

  /** What the page found wrong itself, before sending anything: [{ field, key }] with text keys of the page. */
  function refuse(errors) {
    mark(errors);
    say(() => t('checkFields'));
  }

  /** What the stories API refused: field errors under their controls, the rest in the status line. */
  function refused(error, names = {}) {
    const errors = error.status === 400 && Array.isArray(error.problem?.errors) ? error.problem.errors : [];
    const rest = mark(errors);
    if (rest.length === errors.length) {
      say(() => explain(error, names));
    } else {
      say(() => [t('checkFields'), ...rest.map((e) => `${names[e.field] ?? e.field}: ${e.message}`)].join(' '));
    }
  }

  return { clear, refuse, refused, relabel: render };
}

function describedBy(element, id, on) {
  const ids = (element.getAttribute('aria-describedby') || '').split(' ').filter((other) => other && other !== id);
  if (on) ids.push(id);
  if (ids.length) element.setAttribute('aria-describedby', ids.join(' '));
  else element.removeAttribute('aria-describedby');
}
