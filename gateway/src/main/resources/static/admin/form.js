// Labelled controls for the portal's forms. Every control gets an id and a <label for> (and its hint through
// aria-describedby); data-field holds the JSON path the API names in a problem's errors, so showProblem can put the
// message next to it.
import { el } from './http.js';

let ids = 0;
const nextId = (prefix) => `${prefix}-${++ids}`;

/** A labelled text-like control: input attributes go to the input, which is returned with the wrapper. */
export function input(label, attributes = {}, hint = null) {
  const control = el('input', { type: 'text', id: nextId('f'), ...attributes });
  return [control, labelled(label, control, hint)];
}

export function textarea(label, value, attributes = {}, hint = null) {
  const control = el('textarea', { id: nextId('f'), rows: 5, ...attributes });
  control.value = value ?? '';
  return [control, labelled(label, control, hint)];
}

/** options: [value, text] pairs. */
export function select(label, options, value, attributes = {}) {
  const control = el('select', { id: nextId('f'), ...attributes },
    options.map(([optionValue, text]) => el('option', { value: optionValue, selected: optionValue === value }, text)));
  return [control, labelled(label, control)];
}

export function checkbox(label, checked, attributes = {}) {
  const control = el('input', { type: 'checkbox', id: nextId('f'), checked: Boolean(checked), ...attributes });
  return [control, el('div', { class: 'choice' }, control, ' ', el('label', { for: control.id }, label))];
}

/** Comma- or space-separated codes, as the API's lists of languages or accessibility codes. */
export const codes = (text) => text.split(/[,\s]+/).filter(Boolean);

export const blankToNull = (text) => (text.trim() === '' ? null : text.trim());

function labelled(label, control, hint) {
  const parts = [el('label', { for: control.id }, label)];
  if (hint) {
    const note = el('p', { class: 'hint', id: `${control.id}-hint` }, hint);
    control.setAttribute('aria-describedby', note.id);
    parts.push(note);
  }
  return el('div', { class: 'field' }, parts, control);
}
