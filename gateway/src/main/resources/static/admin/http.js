import { el, WARNINGS } from '/assets/shared.js';

export { el, WARNINGS };

// Calls from the portal: the session cookie authenticates, and every write carries the CSRF token the gateway put
// in the XSRF-TOKEN cookie. Problems (RFC 9457) become errors with the text a person can act on.
const csrfToken = () => decodeURIComponent(document.cookie.split('; ')
  .find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.substring('XSRF-TOKEN='.length) ?? '');

export async function staffApi(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store' });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fields = (data?.errors ?? []).map((error) => `${error.field}: ${error.message}`).join('; ');
    const error = new Error(fields || data?.detail || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

