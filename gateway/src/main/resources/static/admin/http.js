import { el, STORY_TAXONOMIES, taxonomies, termCodes, WARNINGS } from '/assets/shared.js';

export { el, STORY_TAXONOMIES, taxonomies, termCodes, WARNINGS };

// Calls from the portal: the session cookie authenticates, and every write carries the CSRF token the gateway put
// in the XSRF-TOKEN cookie. Problems (RFC 9457) become errors with the text a person can act on.
const csrfToken = () => decodeURIComponent(document.cookie.split('; ')
  .find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.substring('XSRF-TOKEN='.length) ?? '');

// A file goes as it is (file, with its contentType); anything else as JSON (body).
export async function staffApi(path, { method = 'GET', body, keepalive = false, file, contentType, headers: extra = {} } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (file !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  const response = await fetch(path, { method, headers,
    body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store', keepalive });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fields = (data?.errors ?? []).map((error) => `${error.field}: ${error.message}`).join('; ');
    const error = new Error(fields || data?.detail || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.errors = data?.errors ?? [];
    error.problem = data;
    throw error;
  }
  return data;
}

// Puts each field error of a problem next to the control whose data-field names it (the API's JSON path, e.g.
// locations[0].postal_code), or the nearest enclosing one (taxonomy_terms[2] → taxonomy_terms), and says in the
// status line what went wrong. Call with no error to clear the marks.
export function showProblem(form, status, error, aliases = {}) {
  form.querySelectorAll('[data-error]').forEach((note) => note.remove());
  form.querySelectorAll('[aria-invalid]').forEach((control) => {
    control.removeAttribute('aria-invalid');
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.endsWith('-error'));
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
  });
  if (!error) return;
  const marked = (error.errors ?? []).map(({ field, message }) => {
    for (let path = aliases[field] ?? field; path; path = path.replace(/(\[\d+\]|\.[^.[\]]+)$|^[^.[\]]+$/, '')) {
      const target = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
      if (!target) continue;
      const note = el('p', { class: 'error', 'data-error': true, id: target.id ? `${target.id}-error` : null },
        path === field ? message : `${field}: ${message}`);
      if (target.matches('input, select, textarea')) {
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
        target.after(note);
      } else {
        target.append(note);
      }
      return target;
    }
    return null;
  }).filter(Boolean);
  status.textContent = error.message;
  if (marked[0]?.matches('input, select, textarea')) marked[0].focus();
  else marked[0]?.scrollIntoView();
}
