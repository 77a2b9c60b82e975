import { api, explain, page, t } from './common.js';

// mail links land here with the signed token in the fragment (#confirm=… or #preferences=…), which the browser
// never sends to a server; it is taken out of the address at once (so the history does not keep it), stays in this
// page's memory and leaves it only in the API call it authorises
const [action, token] = location.hash.slice(1).split('=');
if (location.hash) history.replaceState(null, '', location.pathname + location.search);
const query = `token=${encodeURIComponent(token ?? '')}`;
const status = document.querySelector('[data-status]');
const preferences = document.querySelector('[data-preferences]');
const form = document.querySelector('[data-change]');

page({
  en: {
    title: 'Your subscription', confirmText: 'Confirm that you want mail from Chorus at this address.',
    confirm: 'Confirm my subscription', address: 'Address', language: 'Language of our mail', topics: 'What would you like?',
    anniversary: 'Anniversary updates from the movement', near: 'New help near me', zip: 'ZIP code (for help near you)',
    pause: 'Pause all mail until (optional)', save: 'Save', unsubscribe: 'Unsubscribe from everything',
    erase: 'Erase everything you hold about me', eraseText: 'This deletes your address and the record of your consent for good.',
    eraseConfirm: 'Erase my data', confirmed: 'Thank you, your subscription is confirmed.', saved: 'Saved.',
    unsubscribed: 'You are unsubscribed. No more mail will come from us.', erased: 'Everything we held about you is erased.',
    badLink: 'This link does not work. It may be old or mistyped; every mail from us carries a fresh one.',
    paused: 'Paused until {0}.',
  },
  es: {
    title: 'Tu suscripción', confirmText: 'Confirma que quieres recibir correos de Chorus en esta dirección.',
    confirm: 'Confirmar mi suscripción', address: 'Dirección', language: 'Idioma de nuestros correos',
    topics: '¿Qué te gustaría recibir?', anniversary: 'Novedades de aniversario del movimiento', near: 'Nueva ayuda cerca de mí',
    zip: 'Código postal (para ayuda cercana)', pause: 'Pausar todos los correos hasta (opcional)', save: 'Guardar',
    unsubscribe: 'Darme de baja de todo', erase: 'Borrar todo lo que tienen sobre mí',
    eraseText: 'Esto borra tu dirección y el registro de tu consentimiento para siempre.', eraseConfirm: 'Borrar mis datos',
    confirmed: 'Gracias, tu suscripción está confirmada.', saved: 'Guardado.',
    unsubscribed: 'Te diste de baja. No recibirás más correos nuestros.', erased: 'Borramos todo lo que teníamos sobre ti.',
    badLink: 'Este enlace no funciona. Puede ser antiguo o estar mal copiado; cada correo nuestro trae uno nuevo.',
    paused: 'En pausa hasta {0}.',
  },
});

function show(settings) {
  document.querySelector('[data-email]').textContent = settings.email;
  form.language.value = settings.language;
  form.querySelectorAll('[name=topics]').forEach((box) => { box.checked = settings.topics.includes(box.value); });
  form.zip.value = settings.zip ?? '';
  form.pausedUntil.value = settings.pausedUntil ?? '';
  preferences.hidden = false;
}

function fail(error) {
  status.textContent = error.status === 404 ? t('badLink') : explain(error);
  status.focus();
}

async function openPreferences() {
  try { show(await api(`/api/subscriptions/preferences?${query}`)); } catch (error) { fail(error); }
}

document.querySelector('[data-confirm-button]').addEventListener('click', async () => {
  try {
    show(await api(`/api/subscriptions/confirm?${query}`, { method: 'POST' }));
    document.querySelector('[data-confirm]').hidden = true;
    status.textContent = t('confirmed');
  } catch (error) { fail(error); }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = form.querySelector('[data-change-status]');
  try {
    show(await api(`/api/subscriptions/preferences?${query}`, { method: 'PUT', body: {
      language: form.language.value, topics: new FormData(form).getAll('topics'),
      zip: form.zip.value.trim() || null, pausedUntil: form.pausedUntil.value || null } }));
    out.textContent = form.pausedUntil.value ? `${t('saved')} ${t('paused', form.pausedUntil.value)}` : t('saved');
  } catch (error) {
    out.textContent = explain(error, { zip: t('zip'), topics: t('topics'), pausedUntil: t('pause') });
  }
});

async function end(method, path, message) {
  try {
    await api(`/api/subscriptions/${path}?${query}`, { method });
    preferences.remove();
    history.replaceState(null, '', location.pathname);
    status.textContent = t(message);
    status.focus();
  } catch (error) { fail(error); }
}
document.querySelector('[data-unsubscribe]').addEventListener('click', () => end('POST', 'preferences/unsubscribe', 'unsubscribed'));
document.querySelector('[data-erase]').addEventListener('click', () => end('DELETE', 'preferences', 'erased'));

if (action === 'confirm' && token) document.querySelector('[data-confirm]').hidden = false;
else if (action === 'preferences' && token) openPreferences();
else status.textContent = t('badLink');
