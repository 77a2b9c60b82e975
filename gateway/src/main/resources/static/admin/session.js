// Who is signed in, from the gateway's session (the browser never holds a token), and sign-out; then the tools
// the person's roles open (services check the roles again on every call).
import { mountModeration } from './moderation.js';
import { mountStaff } from './staff.js';
import { mountDirectory } from './directory.js';
import { mountCampaigns } from './campaigns.js';

// Writes carry the CSRF token the gateway put in the XSRF-TOKEN cookie, in the X-XSRF-TOKEN header.
const show = (selector, visible = true) => { document.querySelector(selector).hidden = !visible; };

const csrfToken = () => document.cookie.split('; ')
  .find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.substring('XSRF-TOKEN='.length) ?? '';

const signOut = async () => {
  const response = await fetch('/logout', {
    method: 'POST',
    headers: { 'X-XSRF-TOKEN': decodeURIComponent(csrfToken()), Accept: 'application/json' },
    credentials: 'same-origin',
  });
  const answer = response.ok ? await response.json() : null;
  // Keycloak ends its own session too, then sends the browser back here
  window.location.assign(answer?.location ?? '/admin');
};

const showModerationQueue = async () => {
  const response = await fetch('/api/admin/stories', { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const waiting = await response.json();
  const queue = document.querySelector('[data-moderation-queue]');
  queue.textContent = `${waiting.length} ${waiting.length === 1 ? 'story waits' : 'stories wait'} for moderation.`;
  queue.hidden = false;
};

const start = async () => {
  show('[data-sign-in-failed]', new URLSearchParams(window.location.search).has('sign-in'));
  const response = await fetch('/api/me', { headers: { Accept: 'application/json' } });
  if (response.status !== 200) {
    show('[data-signed-out]');
    return;
  }
  const me = await response.json();
  document.querySelector('[data-staff-name]').textContent = me.name;
  document.querySelector('[data-staff-roles]').textContent = me.roles.join(', ') || 'no staff role';
  document.querySelector('[data-sign-out]').addEventListener('click', signOut);
  show('[data-signed-in]');
  const isAdmin = me.roles.includes('admin');
  const holds = (role) => isAdmin || me.roles.includes(role);
  if (holds('moderator')) {
    await showModerationQueue();
    mountModeration(document.querySelector('[data-moderation]'));
  }
  if (holds('resource-editor')) {
    mountDirectory(document.querySelector('[data-directory]'));
  }
  if (holds('campaign-manager')) {
    mountCampaigns(document.querySelector('[data-campaigns]'));
  }
  if (isAdmin) {
    mountStaff(document.querySelector('[data-staff]'));
  }
};

start();
