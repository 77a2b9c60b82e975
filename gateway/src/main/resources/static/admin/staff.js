// Staff accounts for admins: who has which role, invitations (Keycloak sends the set-password mail), role changes,
// disable and enable. The service refuses an admin demoting or disabling themselves.
import { el, staffApi } from './http.js';
import { register, t } from './i18n.js';

register({
  en: { sInvite: 'Invite a staff member', sUsername: 'Username', sEmail: 'Email', sFirst: 'First name', sLast: 'Last name',
    sRoles: 'Roles', sInviteButton: 'Invite', sInvited: 'Invited; Keycloak sent the set-password mail.',
    sInviteFailed: 'Account created, but the invitation mail failed; send it again from the list.', sName: 'Name',
    sAccount: 'Account', sSaved: 'Saved for {0}.', sSaveRoles: 'Save roles', sActive: 'active', sDisabled: 'disabled',
    sDisable: 'Disable', sEnable: 'Enable', sResend: 'Resend invitation' },
  es: { sInvite: 'Invitar a una persona del equipo', sUsername: 'Usuario', sEmail: 'Correo', sFirst: 'Nombre',
    sLast: 'Apellido', sRoles: 'Roles', sInviteButton: 'Invitar',
    sInvited: 'Invitación enviada; Keycloak mandó el correo para crear la contraseña.',
    sInviteFailed: 'Se creó la cuenta, pero falló el correo de invitación; vuelve a enviarlo desde la lista.',
    sName: 'Nombre', sAccount: 'Cuenta', sSaved: 'Guardado para {0}.', sSaveRoles: 'Guardar roles', sActive: 'activa',
    sDisabled: 'desactivada', sDisable: 'Desactivar', sEnable: 'Activar', sResend: 'Reenviar la invitación' },
});

const ROLES = ['moderator', 'resource-editor', 'campaign-manager', 'admin'];

export function mountStaff(container) {
  const table = el('tbody');
  const status = el('p', { role: 'status' });
  const form = el('form', {},
    el('h3', {}, t('sInvite')),
    el('label', { for: 's-username' }, t('sUsername')), el('input', { id: 's-username', name: 'username', required: true, maxlength: 64 }),
    el('label', { for: 's-email' }, t('sEmail')), el('input', { id: 's-email', name: 'email', type: 'email', required: true }),
    el('label', { for: 's-first' }, t('sFirst')), el('input', { id: 's-first', name: 'firstName' }),
    el('label', { for: 's-last' }, t('sLast')), el('input', { id: 's-last', name: 'lastName' }),
    el('fieldset', {}, el('legend', {}, t('sRoles')), ROLES.map((role) => el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: `s-role-${role}`, name: 'roles', value: role }), ' ',
      el('label', { for: `s-role-${role}` }, role)))),
    el('button', { type: 'submit', class: 'primary' }, t('sInviteButton')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const invited = await staffApi('/api/admin/staff', { method: 'POST', body: {
        username: data.get('username').trim(), email: data.get('email').trim(), firstName: data.get('firstName').trim() || null,
        lastName: data.get('lastName').trim() || null, roles: data.getAll('roles') } });
      status.textContent = t(invited.invitationSent ? 'sInvited' : 'sInviteFailed');
      form.reset();
      load();
    } catch (error) {
      status.textContent = error.message;
    }
  });
  container.replaceChildren(el('h2', {}, t('secStaff')),
    el('table', {}, el('thead', {}, el('tr', {}, ['sName', 'sUsername', 'sRoles', 'sAccount', ''].map((h) => el('th', { scope: 'col' }, h ? t(h) : '')))), table),
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
        status.textContent = t('sSaved', member.username);
        load();
      } catch (error) {
        status.textContent = error.message;
      }
    };
    return el('tr', {},
      el('td', {}, [member.firstName, member.lastName].filter(Boolean).join(' ')),
      el('td', {}, member.username),
      el('td', {}, roles, el('button', { type: 'button', class: 'secondary', onclick: () => act('/roles', {
        roles: roles.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value) }, 'PUT')() }, t('sSaveRoles'))),
      el('td', {}, t(member.enabled ? 'sActive' : 'sDisabled')),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: act(member.enabled ? '/disable' : '/enable') },
        t(member.enabled ? 'sDisable' : 'sEnable')), ' ',
      el('button', { type: 'button', class: 'secondary', onclick: act('/invitation') }, t('sResend'))));
  }

  load();
}
