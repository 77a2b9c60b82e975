import { api, byline, date, el, explain, page, t, THEMES, WARNINGS, warningNames } from './common.js';

const REASONS = ['IDENTIFIES_SOMEONE', 'HARASSMENT_OR_HATE', 'SAFETY_CONCERN', 'SPAM', 'OTHER'];
const form = document.querySelector('[data-filters]');
const list = document.querySelector('[data-list]');
const status = document.querySelector('[data-status]');
const more = document.querySelector('[data-more]');
let pageNumber = 0;

page({
  en: {
    title: 'Read stories', search: 'Search', language: 'Language', anyLanguage: 'Any language',
    exclude: 'Leave out stories with these warnings', apply: 'Show stories', more: 'More stories',
    care: 'Some stories describe violence. Stories with content warnings stay hidden until you choose to read them.',
    none: 'No stories match. Try fewer filters.', loading: 'Loading stories…', shown: '{0} stories shown.',
    contains: 'Content warning: {0}.', reveal: 'Show this story', read: 'Read the whole story',
    report: 'Report this story', reportWhy: 'Why are you reporting it?', send: 'Send report',
    reported: 'Thank you. A moderator will look at this story. It stays visible until they do.',
    'reason.IDENTIFIES_SOMEONE': 'It identifies someone', 'reason.HARASSMENT_OR_HATE': 'Harassment or hate',
    'reason.SAFETY_CONCERN': "I'm worried about someone's safety", 'reason.SPAM': 'Spam', 'reason.OTHER': 'Something else',
    untitled: 'A story', theme: 'Theme', anyTheme: 'Any theme',
  },
  es: {
    title: 'Leer historias', search: 'Buscar', language: 'Idioma', anyLanguage: 'Cualquier idioma',
    exclude: 'Omitir historias con estas advertencias', apply: 'Mostrar historias', more: 'Más historias',
    care: 'Algunas historias describen violencia. Las historias con advertencias permanecen ocultas hasta que decidas leerlas.',
    none: 'Ninguna historia coincide. Prueba con menos filtros.', loading: 'Cargando historias…',
    shown: '{0} historias mostradas.', contains: 'Advertencia de contenido: {0}.', reveal: 'Mostrar esta historia',
    read: 'Leer la historia completa', report: 'Reportar esta historia', reportWhy: '¿Por qué la reportas?',
    send: 'Enviar reporte', reported: 'Gracias. Una persona moderadora revisará esta historia. Sigue visible mientras tanto.',
    'reason.IDENTIFIES_SOMEONE': 'Identifica a alguien', 'reason.HARASSMENT_OR_HATE': 'Acoso u odio',
    'reason.SAFETY_CONCERN': 'Me preocupa la seguridad de alguien', 'reason.SPAM': 'Spam', 'reason.OTHER': 'Otra cosa',
    untitled: 'Una historia', theme: 'Tema', anyTheme: 'Cualquier tema',
  },
}, () => { renderExcludes(); renderThemes(); });

function renderThemes() {
  const select = document.querySelector('[data-theme-select]');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('anyTheme')), THEMES.map((slug) => el('option', { value: slug }, t(`theme.${slug}`))));
  select.value = chosen;
}

function renderExcludes() {
  const box = document.querySelector('[data-exclude]');
  const checked = new Set(new FormData(form).getAll('exclude_warning'));
  box.querySelectorAll('.choice').forEach((node) => node.remove());
  WARNINGS.forEach((slug) => box.append(el('div', { class: 'choice' },
    el('input', { type: 'checkbox', id: `x-${slug}`, name: 'exclude_warning', value: slug, checked: checked.has(slug) }), ' ',
    el('label', { for: `x-${slug}` }, t(`cw.${slug}`)))));
}

function query() {
  const params = new URLSearchParams();
  const data = new FormData(form);
  if (data.get('q')) params.set('q', data.get('q'));
  if (data.get('language')) params.set('language', data.get('language'));
  if (data.get('theme')) params.set('theme', data.get('theme'));
  data.getAll('exclude_warning').forEach((slug) => params.append('exclude_warning', slug));
  params.set('page', pageNumber);
  return params;
}

async function load(reset) {
  if (reset) { pageNumber = 0; list.replaceChildren(); }
  status.textContent = t('loading');
  try {
    const answer = await api(`/api/stories?${query()}`);
    answer.items.forEach((story) => list.append(card(story)));
    status.textContent = list.children.length ? t('shown', list.children.length) : t('none');
    more.hidden = !answer.hasMore;
  } catch (error) {
    status.textContent = explain(error);
  }
}

function card(story) {
  const body = el('div', { class: 'story-text' }, story.excerpt);
  const item = el('li', { lang: story.language },
    el('h2', {}, story.title || t('untitled')),
    el('p', { class: 'meta' }, `${byline(story)} · ${date(story.publishedAt)}`,
      story.themes?.length ? ` · ${story.themes.map((slug) => t(`theme.${slug}`)).join(', ')}` : ''));
  const readMore = el('button', { type: 'button', class: 'secondary' }, t('read'));
  readMore.addEventListener('click', async () => {
    try {
      const whole = await api(`/api/stories/${encodeURIComponent(story.id)}`);
      body.textContent = whole.text;
      readMore.remove();
    } catch (error) {
      body.after(el('p', { class: 'error' }, explain(error)));
    }
  });
  if (story.contentWarnings?.length) {
    body.hidden = true;
    readMore.hidden = true;
    const reveal = el('button', { type: 'button', class: 'secondary' }, t('reveal'));
    reveal.addEventListener('click', () => { body.hidden = false; readMore.hidden = false; reveal.remove(); body.focus?.(); });
    item.append(el('p', { class: 'warning' }, t('contains', warningNames(story.contentWarnings))), reveal);
  }
  item.append(body, readMore, reportForm(story.id));
  return item;
}

function reportForm(id) {
  const select = el('select', { id: `r-${id}`, name: 'reason' }, REASONS.map((reason) => el('option', { value: reason }, t(`reason.${reason}`))));
  const result = el('p', { role: 'status' });
  const reportForm = el('form', {}, el('label', { for: `r-${id}` }, t('reportWhy')), select, ' ',
    el('button', { type: 'submit', class: 'secondary' }, t('send')), result);
  reportForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/api/stories/${encodeURIComponent(id)}/reports`,
        { method: 'POST', body: { reason: select.value }, proof: true, status: result });
      result.textContent = t('reported');
    } catch (error) {
      result.textContent = explain(error);
    }
  });
  return el('details', {}, el('summary', {}, t('report')), reportForm);
}

form.addEventListener('submit', (event) => { event.preventDefault(); load(true); });
more.addEventListener('click', () => { pageNumber += 1; load(false); });
load(true);
