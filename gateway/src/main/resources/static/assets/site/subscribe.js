import { api, explain, page, t } from './common.js';

const form = document.querySelector('[data-subscribe]');
const texts = {
  en: {
    title: 'Get updates by email', email: 'Email address', language: 'Language of our mail', topics: 'What would you like?',
    intro: 'We write rarely: on anniversaries of the movement, and when new help opens near you if you ask for that. We never track whether you open or click our mail.',
    anniversary: 'Anniversary updates from the movement', near: 'New help near me', zip: 'ZIP code (for help near you)',
    send: 'Subscribe', topicsNeeded: 'Choose at least one kind of update.',
    sent: 'Thank you. If this address can receive mail, a message is on its way to it: follow the link in it to confirm. Nothing else is sent until you do.',
  },
  es: {
    title: 'Recibe novedades por correo', email: 'Correo electrónico', language: 'Idioma de nuestros correos',
    topics: '¿Qué te gustaría recibir?', intro: 'Escribimos poco: en los aniversarios del movimiento y, si lo pides, cuando abre nueva ayuda cerca de ti. Nunca rastreamos si abres o haces clic en nuestros correos.',
    anniversary: 'Novedades de aniversario del movimiento', near: 'Nueva ayuda cerca de mí',
    zip: 'Código postal (para ayuda cercana)', send: 'Suscribirme', topicsNeeded: 'Elige al menos un tipo de novedad.',
    sent: 'Gracias. Si esta dirección puede recibir correo, te enviamos un mensaje: sigue el enlace para confirmar. No enviaremos nada más hasta que lo hagas.',
  },
};
page(texts);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.querySelector('[data-error]');
  error.textContent = '';
  const topics = new FormData(form).getAll('topics');
  if (!topics.length) { error.textContent = t('topicsNeeded'); return; }
  try {
    await api('/api/subscriptions', { method: 'POST', proof: true, honeypot: form.website.value,
      status: document.querySelector('[data-checking]'), body: {
        email: form.email.value.trim(), language: form.language.value, topics, zip: form.zip.value.trim() || null } });
    form.hidden = true;
    const status = document.querySelector('[data-status]');
    // the same words whatever the address: the answer never says whether it was already subscribed
    status.textContent = t('sent');
    status.focus();
  } catch (problem) {
    error.textContent = explain(problem, { email: t('email'), zip: t('zip'), topics: t('topics') });
  }
});
