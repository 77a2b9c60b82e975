import { api, el, page, t, WARNINGS } from './common.js';
import { fieldErrors } from './field-errors.js';
import { naming, renderThemes, wireNaming } from './naming.js';
import { isLeaving } from '../quick-exit.js';

const form = document.querySelector('[data-share]');
/** Kept until the story is accepted: every attempt to send this story carries the same one. */
let manageToken = null;

/** 256 random bits in base64url, as the service's own tokens: the author's only key to the story. */
function newManageToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const count = document.querySelector('[data-count]');
const MAX = 20000;
// where each field the stories API may name in errors[].field is on this page, and which control describes it
const FIELDS = {
  title: { control: '#title', label: 'storyTitle' },
  text: { control: '#text', label: 'storyText' },
  language: { control: '#language', label: 'language' },
  namedAs: { control: '[data-naming]', label: 'naming', group: true },
  name: { control: '#name', label: 'name' },
  themes: { control: '[data-themes]', label: 'themes', group: true },
  contentWarnings: { control: '[data-warnings]', label: 'warnings', group: true },
  consents: { control: '[data-consents]', label: 'consents', group: true },
  contactEmail: { control: '#contactEmail', label: 'email' },
  contactConsent: { control: '#contactConsent', label: 'contactConsent' },
};
const marks = fieldErrors(form, FIELDS, document.querySelector('[data-error]'));

page({
  en: {
    title: 'Share your story', storyTitle: 'Title (optional)', storyText: 'Your story', language: 'Language of your story',
    promise: 'You do not need an account. We do not ask for your name. A moderator reads every story before it appears, and you can change your mind and withdraw it at any time.',
    textHint: 'Leave out names, places and anything else that could identify you or others. Up to 20,000 characters.',
    warnings: 'Content warnings for readers', warningsHint: 'Readers see these before they choose to read your story.',
    consents: 'What may we do with your story?', publishOnSite: 'Publish it on this site (after a moderator reads it)',
    quoteInCampaigns: 'Quote it in our campaign emails', shareWithPress: 'Share it with journalists or partner organisations',
    contact: 'Contact (optional)', email: 'Email address', contactConsent: 'You may contact me about my story',
    contactHint: 'Only if you want a receipt and to hear when your story is published. We keep it encrypted and delete it when you withdraw.',
    send: 'Share my story', doneTitle: 'Thank you for sharing', copy: 'Copy the link', copied: 'Copied.',
    reviewPace: 'Stories waiting to be read: {0}. At the pace moderators have read in the last hour, yours should be read within about {1} hour(s).',
    reviewNobody: 'Stories waiting to be read: {0}. No moderator has read one in the last hour, so we cannot say when yours will be read; it keeps its place in the queue.',
    doneText: 'Your story is waiting for a moderator. Save the private link below now: it is the only way to read, change or withdraw your story, and we cannot send it again or recover it.',
    left: '{0} characters left', needText: 'is empty; please write it before you send it',
    needConsent: 'must be ticked for us to use your email address, or leave the address out',
    needEmail: 'is needed when you tick the box to be contacted',
  },
  es: {
    title: 'Comparte tu historia', storyTitle: 'Título (opcional)', storyText: 'Tu historia', language: 'Idioma de tu historia',
    promise: 'No necesitas una cuenta. No pedimos tu nombre. Una persona moderadora lee cada historia antes de publicarla, y puedes cambiar de opinión y retirarla cuando quieras.',
    textHint: 'No incluyas nombres, lugares ni nada que pueda identificarte a ti o a otras personas. Hasta 20.000 caracteres.',
    warnings: 'Advertencias de contenido para quien lee', warningsHint: 'Se muestran antes de que alguien decida leer tu historia.',
    consents: '¿Qué podemos hacer con tu historia?', publishOnSite: 'Publicarla en este sitio (después de que la lea una persona moderadora)',
    quoteInCampaigns: 'Citarla en nuestros correos de campaña', shareWithPress: 'Compartirla con periodistas u organizaciones aliadas',
    contact: 'Contacto (opcional)', email: 'Correo electrónico', contactConsent: 'Pueden contactarme sobre mi historia',
    contactHint: 'Solo si quieres un acuse de recibo y saber cuándo se publica. Lo guardamos cifrado y lo borramos si retiras tu historia.',
    send: 'Compartir mi historia', doneTitle: 'Gracias por compartir', copy: 'Copiar el enlace', copied: 'Copiado.',
    reviewPace: 'Historias esperando lectura: {0}. Al ritmo de lectura de la última hora, la tuya debería leerse en unas {1} hora(s).',
    reviewNobody: 'Historias esperando lectura: {0}. Nadie ha leído una en la última hora, así que no podemos decir cuándo se leerá la tuya; conserva su lugar en la cola.',
    doneText: 'Tu historia espera a una persona moderadora. Guarda ahora el enlace privado de abajo: es la única forma de leer, cambiar o retirar tu historia, y no podemos enviarlo de nuevo ni recuperarlo.',
    left: 'Quedan {0} caracteres', needText: 'está vacía; escríbela antes de enviarla',
    needConsent: 'márcala para que usemos tu correo, o deja el correo en blanco',
    needEmail: 'hace falta si marcas la casilla para que te contactemos',
  },
}, () => { renderWarnings(); renderThemes(form); counter(); marks.relabel(); });

const showNameField = wireNaming(form);

function renderWarnings() {
  const box = document.querySelector('[data-warnings]');
  const checked = new Set(new FormData(form).getAll('contentWarnings'));
  const before = box.querySelector('[data-field-error]');
  box.querySelectorAll('.choice').forEach((node) => node.remove());
  WARNINGS.forEach((slug) => box.insertBefore(el('div', { class: 'choice' },
    el('input', { type: 'checkbox', id: `w-${slug}`, name: 'contentWarnings', value: slug, checked: checked.has(slug) }), ' ',
    el('label', { for: `w-${slug}` }, t(`cw.${slug}`))), before));
}

function counter() {
  count.textContent = t('left', (MAX - form.text.value.length).toLocaleString(document.documentElement.lang));
}

form.text.addEventListener('input', counter);

// No draft of a story is ever kept on the device (the form is autocomplete="off", so the browser does not save what
// it holds for session restore either). Instead, leaving with unsent text by accident (a link, a reload, closing the
// tab) asks first; the quick exit never asks.
window.addEventListener('beforeunload', (event) => {
  if (isLeaving() || form.hidden || !(form.text.value.trim() || form.title.value.trim())) return;
  event.preventDefault();
  event.returnValue = '';
});
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  marks.clear();
  const data = new FormData(form);
  const email = data.get('contactEmail').trim();
  // what the service would refuse anyway, said before the story leaves the device
  const missing = [
    ...(data.get('text').trim() ? [] : [{ field: 'text', key: 'needText' }]),
    ...(email && !form.contactConsent.checked ? [{ field: 'contactConsent', key: 'needConsent' }] : []),
    ...(!email && form.contactConsent.checked ? [{ field: 'contactEmail', key: 'needEmail' }] : []),
  ];
  if (missing.length) { marks.refuse(missing); return; }
  const submission = {
    title: data.get('title').trim() || null,
    text: data.get('text'),
    language: data.get('language'),
    contentWarnings: data.getAll('contentWarnings'),
    ...naming(form),
    themes: data.getAll('themes'),
    consents: {
      publishOnSite: form.publishOnSite.checked,
      quoteInCampaigns: form.quoteInCampaigns.checked,
      shareWithPress: form.shareWithPress.checked,
    },
    contactEmail: email || null,
    contactConsent: form.contactConsent.checked,
  };
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    // the page chooses the story's manage token, so sending it again after a lost answer finds the same story
    manageToken ??= newManageToken();
    const answer = await api('/api/stories', { method: 'POST', body: submission, proof: true, retry: true,
      headers: { 'X-Manage-Token': manageToken },
      honeypot: form.website.value, status: document.querySelector('[data-checking]') });
    manageToken = null;
    // the token travels in the fragment: browsers never send it to a server, so no log can hold it
    const link = `${location.origin}/manage.html#${answer.manageToken}`;
    document.querySelector('[data-manage-link]').textContent = link;
    // what the queue and the moderators' pace say, in numbers, not a promise
    const review = answer.expectedReview;
    document.querySelector('[data-review]').textContent = !review ? ''
      : review.withinHours ? t('reviewPace', review.waiting, review.withinHours) : t('reviewNobody', review.waiting);
    form.reset();
    showNameField();
    form.hidden = true;
    const done = document.querySelector('[data-done]');
    done.hidden = false;
    done.focus();
    document.querySelector('[data-copy]').addEventListener('click', async () => {
      await navigator.clipboard?.writeText(link);
      document.querySelector('[data-copied]').textContent = t('copied');
    });
  } catch (problem) {
    marks.refused(problem, { text: t('storyText'), title: t('storyTitle'), contactEmail: t('email'), name: t('name') });
  } finally {
    button.disabled = false;
  }
});
