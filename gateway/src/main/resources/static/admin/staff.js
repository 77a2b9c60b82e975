// Staff accounts for admins: who has which role, invitations (Keycloak sends the set-password mail), role changes,
// disable and enable. The service refuses an admin demoting or disabling themselves.
import { el, staffApi } from './http.js';

const ROLES = ['moderator', 'resource-editor', 'campaign-manager', 'admin'];

export function mountStaff(container) {
  const table = el('tbody');
  const status = el('p', { role: 'status' });
  const form = el('form', {},
    el('h3', {}, 'Invite a staff member'),
    el('label', { for: 's-username' }, 'Username'), el('input', { id: 's-username', name: 'username', required: true, maxlength: 64 }),
    el('label', { for: 's-email' }, 'Email'), el('input', { id: 's-email', name: 'email', type: 'email', required: true }),
    el('label', { for: 's-first' }, 'First name'), el('input', { id: 's-first', name: 'firstName' }),
    el('label', { for: 's-last' }, 'Last name'), el('input', { id: 's-last', name: 'lastName' }),
    el('fieldset', {}, el('legend', {}, 'Roles'), ROLES.map((role) => el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: `s-role-${role}`, name: 'roles', value: role }), ' ',
      el('label', { for: `s-role-${role}` }, role)))),
    el('button', { type: 'submit', class: 'primary' }, 'Invite'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const invited = await staffApi('/api/admin/staff', { method: 'POST', body: {
        username: data.get('username').trim(), email: data.get('email').trim(), firstName: data.get('firstName').trim() || null,
        lastName: data.get('lastName').trim() || null, roles: data.getAll('roles') } });
      status.textContent = invited.invitationSent ? 'Invited; Keycloak sent the set-password mail.'
        : 'Account created, but the invitation mail failed; send it again from the list.';
      form.reset();
      load();
    } catch (error) {
      status.textContent = error.message;
    }
  });
  container.replaceChildren(el('h2', {}, 'Staff'),
    el('table', {}, el('thead', {}, el('tr', {}, ['Name', 'Username', 'Roles', 'Account', ''].map((h) => el('th', { scope: 'col' }, h)))), table),
    status, form);

  async function load() {
    try {
      const staff = await staffApi('/api/admin/staff');
      table.replaceChildren(...staff.map(row));
    } catch (error) {
      status.textContent = error.message;
    }
  }

  function row(member) {
    const roles = ROLES.map((role) => el('label', {}, el('input', { type: 'checkbox', value: role, checked: member.roles.includes(role) }), ` ${role} `));
    const act = (path, body, method = 'POST') => async () => {
      try {
        await staffApi(`/api/admin/staff/${member.id}${path}`, { method, body });
        status.textContent = `Saved for ${member.username}.`;
        load();
      } catch (error) {
        status.textContent = error.message;
      }
    };
    return el('tr', {},
      el('td', {}, [member.firstName, member.lastName].filter(Boolean).join(' ')),
      el('td', {}, member.username),
      el('td', {}, roles, el('button', { type: 'button', class: 'secondary', onclick: () => act('/roles', {
        roles: roles.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value) }, 'PUT')() }, 'Save roles')),
      el('td', {}, member.enabled ? 'active' : 'disabled'),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: act(member.enabled ? '/disable' : '/enable') },
        member.enabled ? 'Disable' : 'Enable'), ' ',
      el('button', { type: 'button', class: 'secondary', onclick: act('/invitation') }, 'Resend invitation')));
  }

  load();
}
