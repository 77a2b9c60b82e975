// The audit log for admins: every moderation action and every read of a story's unsealed text, newest first, as
// stories-service writes it in the same transaction as the action. Filter by story to see one story's history.
import { el, staffApi } from './http.js';

const LIMITS = [100, 500, 1000];

export function mountAudit(container) {
  const rows = el('tbody');
  const status = el('p', { role: 'status' });
  const story = el('input', { id: 'a-story', name: 'storyId', type: 'search', maxlength: 36, autocomplete: 'off',
    'aria-describedby': 'a-story-hint' });
  const limit = el('select', { id: 'a-limit', name: 'limit' }, LIMITS.map((n) => el('option', { value: n }, String(n))));
  const form = el('form', { class: 'filters', role: 'search' },
    el('div', { class: 'field' }, el('label', { for: 'a-story' }, 'Story id'),
      el('p', { class: 'hint', id: 'a-story-hint' }, 'Empty for every story.'), story),
    el('div', { class: 'field' }, el('label', { for: 'a-limit' }, 'Entries'), limit),
    el('button', { type: 'submit', class: 'secondary' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  container.replaceChildren(el('h2', {}, 'Audit log'), form, status,
    el('table', { 'data-audit-log': true },
      el('caption', {}, 'Staff actions, newest first'),
      el('thead', {}, el('tr', {}, ['When', 'Who', 'Action', 'Story'].map((h) => el('th', { scope: 'col' }, h)))),
      rows));

  async function load() {
    const query = new URLSearchParams({ limit: limit.value });
    if (story.value.trim()) query.set('storyId', story.value.trim());
    status.textContent = 'Loading…';
    try {
      const entries = await staffApi(`/api/admin/stories/audit?${query}`);
      rows.replaceChildren(...entries.map((entry) => el('tr', {},
        el('td', {}, el('time', { datetime: entry.at }, new Date(entry.at).toLocaleString())),
        el('td', {}, entry.actor),
        el('td', {}, entry.action.toLowerCase().replaceAll('_', ' ')),
        el('td', {}, el('code', {}, entry.storyId)))));
      status.textContent = entries.length ? `${entries.length} entries.` : 'No entries.';
    } catch (error) {
      status.textContent = error.message;
    }
  }

  load();
}
