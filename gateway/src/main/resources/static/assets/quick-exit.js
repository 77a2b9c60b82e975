// Quick exit, on every public page: the button, or Shift pressed three times within five seconds anywhere (text
// fields included), as GOV.UK's "exit this page" does. Escape never leaves: people press it to close a menu or a
// suggestion list, and leaving on it lost the story being typed.
//
// Leaving blanks the page at once (before the next page has even started to load), forgets what the forms hold,
// then replaces this history entry with the neutral page: Back does not come back here. The neutral page is a link the
// reader follows; nothing is loaded from it.
const link = document.querySelector('[data-quick-exit]');
const PRESSES = 3;
const WINDOW_MS = 5000;
const TEXTS = {
  en: { once: 'Shift pressed once. Press it 2 more times to leave this site.',
    twice: 'Shift pressed twice. Press it once more to leave this site.', hint: 'or press Shift 3 times' },
  es: { once: 'Mayúsculas pulsada una vez. Púlsala 2 veces más para salir de este sitio.',
    twice: 'Mayúsculas pulsada dos veces. Púlsala una vez más para salir de este sitio.',
    hint: 'o pulsa Mayúsculas 3 veces' },
};
const text = (key) => (TEXTS[document.documentElement.lang] ?? TEXTS.en)[key];

let leaving = false;
/** True once the reader has asked to leave: the share form's "discard your text?" question must not stand in the way. */
export const isLeaving = () => leaving;

export function leave(event) {
  event?.preventDefault();
  if (leaving) return;
  leaving = true;
  document.documentElement.classList.add('leaving');
  document.title = '';
  document.querySelectorAll('form').forEach((form) => form.reset());
  window.location.replace(link?.href ?? 'https://www.google.com/');
}

link?.addEventListener('click', leave);

// the indicator under the button (three dots) and a status for screen readers, so a press is never silent
const dots = document.createElement('span');
dots.className = 'quick-exit-presses';
dots.setAttribute('aria-hidden', 'true');
for (let i = 0; i < PRESSES; i += 1) dots.append(document.createElement('span'));
const status = document.createElement('span');
status.className = 'visually-hidden';
status.setAttribute('role', 'status');
const hint = document.createElement('span');
hint.className = 'quick-exit-hint';
link?.after(hint, dots, status);
const showHint = () => { hint.textContent = text('hint'); };
showHint();
new MutationObserver(showHint).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

let presses = 0;
let timer = null;
// a Shift that typed a capital letter is not a press: only a Shift pressed and released on its own counts
let chord = false;

function show() {
  [...dots.children].forEach((dot, i) => dot.classList.toggle('on', i < presses));
  dots.classList.toggle('counting', presses > 0);
  status.textContent = presses === 1 ? text('once') : presses === 2 ? text('twice') : '';
}

function reset() {
  presses = 0;
  clearTimeout(timer);
  timer = null;
  show();
}

// capture phase: a field that stops its own key events still cannot hide a press from us
document.addEventListener('keydown', (event) => {
  if (event.key === 'Shift') return;
  if (event.shiftKey) chord = true;
  if (presses > 0) reset();
}, true);

document.addEventListener('keyup', (event) => {
  if (event.key !== 'Shift') return;
  if (chord) {
    chord = false;
    return;
  }
  presses += 1;
  show();
  if (presses >= PRESSES) {
    leave();
    return;
  }
  timer ??= setTimeout(reset, WINDOW_MS);
}, true);

// Chorus keeps one entry in the browser's history: a link to another page of the site replaces the page the reader
// is on, so Back leaves the site (to whatever came before it) and never steps back through the pages read here.
// New tabs, downloads, other origins and in-page anchors (the skip link) are left to the browser.
document.addEventListener('click', (event) => {
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  location.replace(url.href);
});
