// How an author is named on their story and the themes they suggest: the same controls, in the same words, when a
// story is shared and when its author manages it. The markup (radios namedAs, input name in [data-name-field],
// a [data-themes] fieldset) is in each page; the texts are in common.js.
import { el, t, THEMES } from './common.js';

/** The theme checkboxes in the [data-themes] fieldset, in the reader's language, with the given slugs ticked. */
export function renderThemes(form, checked = new FormData(form).getAll('themes')) {
  const box = form.querySelector('[data-themes]');
  const ticked = new Set(checked);
  box.querySelectorAll('.choice').forEach((node) => node.remove());
  const before = box.querySelector('[data-field-error]');
  THEMES.forEach((slug) => box.insertBefore(el('div', { class: 'choice' },
    el('input', { type: 'checkbox', id: `t-${slug}`, name: 'themes', value: slug, checked: ticked.has(slug) }), ' ',
    el('label', { for: `t-${slug}` }, t(`theme.${slug}`))), before));
}

/** Shows the name field only while the author chooses to be named. Returns the function that brings it up to date. */
export function wireNaming(form) {
  const field = form.querySelector('[data-name-field]');
  const update = () => { field.hidden = controls(form).namedAs.value === 'anonymous'; };
  form.querySelectorAll('[name=namedAs]').forEach((radio) => radio.addEventListener('change', update));
  update();
  return update;
}

/** Sets the controls to a story's naming: anonymous unless it says otherwise. */
export function setNaming(form, { namedAs, name }) {
  const { namedAs: radios, name: input } = controls(form);
  radios.value = namedAs || 'anonymous';
  input.value = name ?? '';
}

/** The naming the form asks for, as the stories API takes it: no name with anonymity. */
export function naming(form) {
  const { namedAs: radios, name: input } = controls(form);
  const namedAs = radios.value || 'anonymous';
  return { namedAs, name: namedAs === 'anonymous' ? null : input.value.trim() };
}

// through elements, not form.name: a form's own name property must not be mistaken for the name field
function controls(form) {
  return { namedAs: form.elements.namedItem('namedAs'), name: form.elements.namedItem('name') };
}
