// Shared by every public page: language (English/Spanish), talking to our own API, and the national hotlines.
// Only this origin is ever called. Nothing is kept on the device but the reader's language choice, and that only for
// the tab's session (sessionStorage): a watched device keeps no trace of Chorus in its saved site data.
import './../quick-exit.js';
import { el, STORY_TAXONOMIES, taxonomies, termCodes, WARNINGS } from '../shared.js';
import { solve } from './proof.js';

export { el, taxonomies, termCodes, WARNINGS };

const saved = sessionStorage.getItem('chorus.lang');
export let lang = saved === 'es' || saved === 'en' ? saved : (navigator.language || 'en').startsWith('es') ? 'es' : 'en';

const shared = {
  en: {
    skip: 'Skip to content', home: 'Chorus', navRead: 'Read stories', navShare: 'Share your story', navHelp: 'Find help',
    other: 'Español', quickExit: 'Leave this site quickly', helpNow: 'Talk to someone now', safely: 'Browsing safely',
    helpNowFallback: 'The hotline list could not be loaded. Call 988 or 911 in an emergency.',
    footer: 'Chorus does not track you: no cookies for readers, no analytics, nothing loaded from other sites.',
    genericError: 'Something went wrong. Nothing was saved. Please try again in a moment.',
    tooMany: 'Too many requests from this connection. Please wait a minute and try again.',
    call: 'Call', text: 'Text', chat: 'Chat online', open247: 'Open 24/7', anonymous: 'Anonymous',
    naming: 'How should we name you?', namedAnonymous: 'Anonymous', namedFirstName: 'My first name',
    namedPseudonym: 'A name I choose', name: 'Name to show', themes: 'What is your story about? (optional)',
    checkFields: 'Nothing was saved. Please check the marked fields.',
    checking: 'Checking that this comes from a person, on this device. This takes a moment…',
    retrying: 'Chorus is very busy. Your story is still here on this page, not lost: trying again in {0} s…',
    proofFailed: 'Your browser could not finish a short check, so nothing was sent. Please try again, or in another browser. The hotlines below are there at any hour.',
    honeypot: 'Leave this empty',
    busy: 'Chorus is very busy right now, so some stories cannot be shown for a moment. Sharing your story still works. If you need to talk to someone now:',
  },
  es: {
    skip: 'Saltar al contenido', home: 'Chorus', navRead: 'Leer historias', navShare: 'Comparte tu historia',
    navHelp: 'Buscar ayuda', other: 'English', quickExit: 'Salir rápido de este sitio', safely: 'Navegar con seguridad',
    helpNow: 'Habla con alguien ahora',
    helpNowFallback: 'No se pudo cargar la lista de líneas de ayuda. En una emergencia, llama al 988 o al 911.',
    footer: 'Chorus no te rastrea: sin cookies para lectores, sin analíticas, nada cargado de otros sitios.',
    genericError: 'Algo salió mal. No se guardó nada. Inténtalo de nuevo en un momento.',
    tooMany: 'Demasiadas solicitudes desde esta conexión. Espera un minuto e inténtalo de nuevo.',
    call: 'Llamar', text: 'Texto', chat: 'Chat en línea', open247: 'Abierto 24/7', anonymous: 'Anónimo',
    naming: '¿Cómo quieres que te nombremos?', namedAnonymous: 'Anónimo', namedFirstName: 'Mi nombre de pila',
    namedPseudonym: 'Un nombre que elijo', name: 'Nombre a mostrar', themes: '¿De qué trata tu historia? (opcional)',
    checkFields: 'No se guardó nada. Revisa los campos marcados.',
    checking: 'Comprobando en este dispositivo que esto lo envía una persona. Tarda un momento…',
    retrying: 'Chorus está muy ocupado. Tu historia sigue aquí en esta página, no se ha perdido: lo intentamos de nuevo en {0} s…',
    proofFailed: 'Tu navegador no pudo terminar una breve comprobación, así que no se envió nada. Inténtalo de nuevo o en otro navegador. Las líneas de ayuda de abajo atienden a cualquier hora.',
    honeypot: 'Deja esto vacío',
    busy: 'Chorus está muy ocupado ahora y algunas historias no se pueden mostrar por un momento. Compartir tu historia sigue funcionando. Si necesitas hablar con alguien ahora:',
  },
};
let pageTexts = { en: {}, es: {} };

export const THEMES = termCodes(STORY_TAXONOMIES.themes);
labelled(STORY_TAXONOMIES.contentWarnings, 'cw.');
labelled(STORY_TAXONOMIES.themes, 'theme.');

/** Adds a taxonomy's labels to the shared texts under {@code prefix + code}, in both languages. */
export function labelled(terms, prefix = '') {
  (terms ?? []).forEach((term) => {
    shared.en[prefix + term.code] = term.label?.en ?? term.code;
    shared.es[prefix + term.code] = term.label?.es ?? term.label?.en ?? term.code;
  });
}

export function t(key, ...args) {
  const text = pageTexts[lang][key] ?? shared[lang][key] ?? pageTexts.en[key] ?? shared.en[key] ?? key;
  return args.reduce((s, arg, i) => s.replace(`{${i}}`, arg), text);
}

/** Fills every [data-i18n] element and wires the header; a page calls it once with its own texts. */
export function page(texts, onLanguage) {
  pageTexts = { en: { ...texts.en }, es: { ...texts.es } };
  // the English written in the page's HTML (what a reader without JavaScript sees) serves for any key left out
  document.querySelectorAll('main [data-i18n]').forEach((node) => {
    const text = node.textContent.trim().replace(/\s+/g, ' ');
    if (text && !(node.dataset.i18n in shared.en)) pageTexts.en[node.dataset.i18n] ??= text;
  });
  chrome();
  const apply = () => {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    if (pageTexts.en.title) document.title = `${t('title')} · Chorus`;
    onLanguage?.();
  };
  document.querySelector('[data-lang-toggle]')?.addEventListener('click', () => {
    lang = lang === 'en' ? 'es' : 'en';
    sessionStorage.setItem('chorus.lang', lang);
    apply();
  });
  apply();
  hotlines();
}

/** Header and footer, the same on every page; built here so the pages do not repeat them. */
function chrome() {
  const header = document.querySelector('[data-site-header]');
  header?.replaceChildren(
    el('a', { class: 'skip', href: '#main', 'data-i18n': 'skip' }),
    el('a', { class: 'brand', href: '/', 'data-i18n': 'home' }),
    el('nav', { 'aria-label': 'Chorus' },
      el('a', { href: '/stories.html', 'data-i18n': 'navRead' }),
      el('a', { href: '/share.html', 'data-i18n': 'navShare' }),
      el('a', { href: '/help.html', 'data-i18n': 'navHelp' })),
    el('button', { type: 'button', class: 'lang', 'data-lang-toggle': true, 'data-i18n': 'other' }));
  const current = header?.querySelector(`nav a[href="${location.pathname}"]`);
  current?.setAttribute('aria-current', 'page');
  // the hotlines close every page, unless the page shows them itself (help.html, at the top)
  const hotlinesShown = document.querySelector('main [data-hotlines]');
  document.querySelector('[data-site-footer]')?.replaceChildren(
    hotlinesShown ? '' : el('section', { class: 'help-now', 'data-hotlines': true, 'aria-live': 'polite' }),
    el('p', {}, el('a', { href: '/safety.html', 'data-i18n': 'safely' })),
    el('p', { 'data-i18n': 'footer' }));
}

/** Waits before each retry of a write that may be sent again; about a minute in all. */
const RETRY_WAITS = [2, 4, 8, 16, 30];

/**
 * JSON from our own API. Errors come back as RFC 9457 problems; `field` errors are handed to the caller. An anonymous
 * write passes `proof` (the gateway's proof-of-work is solved first, and once more if the first solution was refused,
 * say because it expired) and the form's hidden `honeypot` field, which only a program fills in. A write that is safe
 * to send again (`retry`: sharing a story under the token its page chose) is sent again, with a fresh proof, when no
 * answer came or Chorus answered that it is overloaded or restarting (502, 503, 504): a surge or a deploy must not
 * cost anyone the story they wrote. The page says so while it waits.
 */
export async function api(path, { method = 'GET', body, headers = {}, proof = false, honeypot = '', status,
  retry = false } = {}) {
  if (!proof) return request(path, { method, body, headers });
  const trap = honeypot ? { 'Chorus-Honeypot': honeypot } : {};
  let refusals = 0;
  for (let failures = 0; ; ) {
    try {
      return await provenRequest(path, { method, body, headers: { ...headers, ...trap }, status });
    } catch (error) {
      if (refusedProof(error) && refusals++ === 0) continue;
      if (!retry || !passing(error) || failures >= RETRY_WAITS.length) throw error;
      const wait = Math.max(RETRY_WAITS[failures++], error.retryAfter ?? 0);
      for (let left = wait; left > 0; left -= 1) {
        if (status) status.textContent = t('retrying', left);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      if (status) status.textContent = '';
    }
  }
}

async function provenRequest(path, { method, body, headers, status }) {
  if (status) status.textContent = t('checking');
  let solution;
  try {
    solution = await solve(await request('/api/challenge', {}));
  } finally {
    if (status) status.textContent = '';
  }
  return request(path, { method, body, headers: { ...headers, 'Chorus-Proof': solution } });
}

/** No answer at all, or one that says Chorus is overloaded or being restarted: worth sending again. */
function passing(error) {
  if (error.proofUnavailable) return false;
  return error.status === undefined || [502, 503, 504].includes(error.status);
}

function refusedProof(error) {
  return error.status === 400 && (error.problem?.errors ?? []).some((f) => f.field === 'Chorus-Proof');
}

async function request(path, { method = 'GET', body, headers = {} }) {
  const response = await fetch(path, {
    method,
    headers: { Accept: 'application/json, application/problem+json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's HTML error page in front of Chorus: the status says enough
  }
  if (response.status === 503 && data?.busy) busy(data.national_hotlines);
  if (!response.ok) {
    const error = new Error(data?.detail || response.statusText);
    error.status = response.status;
    error.problem = data;
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    if (retryAfter > 0) error.retryAfter = Math.min(retryAfter, 60);
    throw error;
  }
  return data;
}

/**
 * The gateway sheds reads when Chorus is saturated (a surge): one banner at the top of the page says so, that sharing
 * still works, and gives the hotlines that came with the answer.
 */
function busy(lines) {
  if (document.querySelector('[data-busy]')) return;
  const banner = el('section', { class: 'busy', 'data-busy': true, role: 'status' },
    el('p', {}, t('busy')), Array.isArray(lines) ? renderHotlines(lines) : '');
  document.querySelector('main')?.prepend(banner);
}

/** A problem's message for a person: the field errors when there are any, else a plain sentence. */
export function explain(error, fieldNames = {}) {
  if (error.status === 429) return t('tooMany');
  if (error.proofUnavailable || refusedProof(error)) return t('proofFailed');
  const fields = error.problem?.errors;
  if (Array.isArray(fields) && fields.length) {
    return fields.map((f) => `${fieldNames[f.field] ?? f.field}: ${f.message}`).join(' · ');
  }
  return error.status && error.status < 500 && error.problem?.detail ? error.problem.detail : t('genericError');
}


let hotlineList;
/** The national hotlines on every page, from the one reviewed list (the gateway answers even if the directory is down). */
export async function hotlines() {
  const box = document.querySelector('[data-hotlines]');
  if (!box) return;
  try {
    hotlineList ??= await api('/api/resources/hotlines');
  } catch {
    box.replaceChildren(el('h2', {}, t('helpNow')), el('p', {}, t('helpNowFallback')));
    return;
  }
  box.replaceChildren(el('h2', {}, t('helpNow')), renderHotlines(hotlineList));
}

export function renderHotlines(list) {
  return el('ul', {}, list.map((line) => el('li', {},
    el('strong', {}, line.name), ' — ',
    line.call ? [el('a', { href: `tel:${line.call.replace(/[^0-9+]/g, '')}` }, `${t('call')} ${line.call}`), ' '] : [],
    line.text ? [el('span', {}, line.text), ' '] : [],
    line.chat_url ? el('a', { href: line.chat_url, rel: 'noreferrer noopener' }, t('chat')) : [])));
}

export function warningNames(slugs) {
  return (slugs || []).map((slug) => t(`cw.${slug}`)).join(', ');
}

/** The name a story is shown under: "Anonymous" in the reader's language, or the name the author chose. */
export function byline(story) {
  return !story.namedAs || story.namedAs === 'anonymous' || !story.byline ? t('anonymous') : story.byline;
}

export function date(iso) {
  return iso ? new Date(iso).toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', { year: 'numeric', month: 'long', day: 'numeric' }) : '';
}
