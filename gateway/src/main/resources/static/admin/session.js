// Who is signed in, from the gateway's session (the browser never holds a token), and sign-out; then the tools
// the person's roles open (services check the roles again on every call).
import { mountModeration } from './moderation.js';
import { mountStaff } from './staff.js';
import { mountDirectory } from './directory.js';
import { mountCampaigns } from './campaigns.js';
import { mountAudit } from './audit.js';
import { el } from './http.js';
import { lang, switchLanguage, t } from './i18n.js';

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
  const response = await fetch('/api/admin/stories/queue-stats', { headers: { Accept: 'application/json' } });
  if (!response.ok) return false;
  const { waiting } = await response.json();
  const queue = document.querySelector('[data-moderation-queue]');
  queue.textContent = t(waiting === 1 ? 'queueOne' : 'queueMany', waiting);
  return true;
};

// The portal's sections, each a view with its own address (#/moderation …), in the order the navigation lists them.
// A section is mounted the first time it is opened, so a moderator's portal never loads the directory or campaigns.
const SECTIONS = [
  { id: 'moderation', label: t('secModeration'), role: 'moderator', mount: mountModeration },
  { id: 'directory', label: t('secDirectory'), role: 'resource-editor', mount: mountDirectory },
  { id: 'campaigns', label: t('secCampaigns'), role: 'campaign-manager', mount: mountCampaigns },
  { id: 'staff', label: t('secStaff'), role: 'admin', mount: mountStaff },
  { id: 'audit', label: t('secAudit'), role: 'admin', mount: mountAudit },
];

// the page's own texts in the chosen language, and the switch to the other one
function translatePage() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((node) => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
  const toggle = document.querySelector('[data-lang-toggle]');
  toggle.textContent = t('otherLanguage');
  toggle.lang = lang === 'en' ? 'es' : 'en';
  toggle.addEventListener('click', switchLanguage);
}

function showSections(open) {
  const nav = document.querySelector('[data-sections]');
  const links = open.map((section) => el('a', { href: `#/${section.id}` }, section.label));
  nav.replaceChildren(el('ul', {}, links.map((link) => el('li', {}, link))));
  nav.hidden = open.length < 2;
  const mounted = new Set();
  // an empty address shows the first section without rewriting the address (sign-in returns to plain /admin)
  const route = (moved) => {
    const wanted = window.location.hash.replace(/^#\/?/, '');
    const current = open.find((section) => section.id === wanted) ?? open[0];
    open.forEach((section, i) => {
      document.querySelector(`[data-${section.id}]`).hidden = section !== current;
      if (section === current) links[i].setAttribute('aria-current', 'page');
      else links[i].removeAttribute('aria-current');
    });
    const view = document.querySelector(`[data-${current.id}]`);
    if (!mounted.has(current.id)) {
      mounted.add(current.id);
      current.mount(view);
    }
    document.title = `${current.label} · ${t('portal')}`;
    document.querySelector('[data-moderation-queue]').hidden = current.id !== 'moderation' || !queueKnown;
    // moving to a section takes the focus to its heading, so a screen reader says where the person now is
    if (moved) {
      const heading = view.querySelector('h2');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    }
  };
  window.addEventListener('hashchange', () => route(true));
  route(false);
}

let queueKnown = false;

const start = async () => {
  translatePage();
  show('[data-sign-in-failed]', new URLSearchParams(window.location.search).has('sign-in'));
  const response = await fetch('/api/me', { headers: { Accept: 'application/json' } });
  if (response.status !== 200) {
    show('[data-signed-out]');
    return;
  }
  const me = await response.json();
  document.querySelector('[data-staff-name]').textContent = me.name;
  document.querySelector('[data-staff-roles]').textContent = me.roles.join(', ') || t('noRole');
  document.querySelector('[data-sign-out]').addEventListener('click', signOut);
  show('[data-signed-in]');
  const holds = (role) => me.roles.includes('admin') || me.roles.includes(role);
  if (holds('moderator')) {
    queueKnown = await showModerationQueue();
  }
  const open = SECTIONS.filter((section) => holds(section.role));
  if (open.length) showSections(open);
};

start();
