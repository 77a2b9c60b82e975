// The audit log for admins: every moderation action and every read of a story's unsealed text, newest first, as
// stories-service writes it in the same transaction as the action. Filter by story to see one story's history.
import { el, staffApi } from './http.js';
import { locale, register, t } from './i18n.js';

register({
  en: { aStory: 'Story id', aStoryHint: 'Empty for every story.', aEntries: 'Entries', aShow: 'Show',
    aCaption: 'Staff actions, newest first', aWhen: 'When', aWho: 'Who', aAction: 'Action', aStoryCol: 'Story',
    aLoading: 'Loading…', aCount: '{0} entries.', aNone: 'No entries.' },
  es: { aStory: 'Id de la historia', aStoryHint: 'Vacío para todas las historias.', aEntries: 'Entradas', aShow: 'Mostrar',
    aCaption: 'Acciones del equipo, las más recientes primero', aWhen: 'Cuándo', aWho: 'Quién', aAction: 'Acción',
    aStoryCol: 'Historia', aLoading: 'Cargando…', aCount: '{0} entradas.', aNone: 'No hay entradas.' },
});

const LIMITS = [100, 500, 1000];

export function mountAudit(container) {
  const rows = el('tbody');
  const status = el('p', { role: 'status' });
  const story = el('input', { id: 'a-story', name: 'storyId', type: 'search', maxlength: 36, autocomplete: 'off',
    'aria-describedby': 'a-story-hint' });
  const limit = el('select', { id: 'a-limit', name: 'limit' }, LIMITS.map((n) => el('option', { value: n }, String(n))));
  const form = el('form', { class: 'filters', role: 'search' },
    el('div', { class: 'field' }, el('label', { for: 'a-story' }, t('aStory')),
      el('p', { class: 'hint', id: 'a-story-hint' }, t('aStoryHint')), story),
    el('div', { class: 'field' }, el('label', { for: 'a-limit' }, t('aEntries')), limit),
    el('button', { type: 'submit', class: 'secondary' }, t('aShow')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  container.replaceChildren(el('h2', {}, t('secAudit')), form, status,
    el('table', { 'data-audit-log': true },
      el('caption', {}, t('aCaption')),
      el('thead', {}, el('tr', {}, ['aWhen', 'aWho', 'aAction', 'aStoryCol'].map((h) => el('th', { scope: 'col' }, t(h))))),
      rows));

  async function load() {
    const query = new URLSearchParams({ limit: limit.value });
    if (story.value.trim()) query.set('storyId', story.value.trim());
    status.textContent = t('aLoading');
    try {
      const entries = await staffApi(`/api/admin/stories/audit?${query}`);
      rows.replaceChildren(...entries.map((entry) => el('tr', {},
        el('td', {}, el('time', { datetime: entry.at }, new Date(entry.at).toLocaleString(locale()))),
        el('td', {}, entry.actor),
        el('td', {}, entry.action.toLowerCase().replaceAll('_', ' ')),
        el('td', {}, el('code', {}, entry.storyId)))));
      status.textContent = entries.length ? t('aCount', entries.length) : t('aNone');
    } catch (error) {
      status.textContent = error.message;
    }
  }

  load();
}
