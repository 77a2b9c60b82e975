import { api, el, explain, page, t, WARNINGS } from './common.js';
import { fieldErrors } from './field-errors.js';
import { naming, renderThemes, setNaming, wireNaming } from './naming.js';

// the token arrives in the fragment, which browsers never send to a server; it is taken out of the address at once,
// so that neither the address bar nor this entry of the history shows it, kept in this page's memory only, and sent
// only in a header. After a reload the author pastes the link or the code again.
const headers = { 'X-Manage-Token': codeFrom(location.hash.slice(1)) };
if (location.hash) history.replaceState(null, '', location.pathname + location.search);
const opener = document.querySelector('[data-open]');
const status = document.querySelector('[data-status]');
const section = document.querySelector('[data-story]');
const edit = document.querySelector('[data-edit]');
const consents = document.querySelector('[data-consents]');
const showNameField = wireNaming(edit);
let story;

page({
  en: {
    title: 'Your story', statusLabel: 'Status', storyTitle: 'Title (optional)', storyText: 'Your story',
    editHint: 'If your story is already published, the published version stays up until a moderator reads your changes.',
    warnings: 'Content warnings for readers', save: 'Save changes', consents: 'What may we do with your story?',
    publishOnSite: 'Publish it on this site', quoteInCampaigns: 'Quote it in our campaign emails',
    shareWithPress: 'Share it with journalists or partner organisations', contact: 'You may contact me about my story',
    saveConsents: 'Save my choices', withdraw: 'Withdraw my story', withdrawConfirm: 'Delete my story for good',
    withdrawText: 'Withdrawing deletes your story and your contact address for good. This cannot be undone, and this link will stop working.',
    codeLabel: 'Your private link or code', openStory: 'Open my story',
    codeHint: 'Paste the private link you were given when you shared your story, or the code after its # sign. For your safety this page does not keep it: after a reload it asks again.',
    loading: 'Opening your story…', notFound: 'This link does not open a story. It may have been mistyped, or the story was withdrawn.',
    SUBMITTED: 'Waiting for a moderator', PUBLISHED: 'Published', REJECTED: 'Not published',
    rejected: 'A moderator did not publish it: {0}', revisionWaiting: 'Your latest changes are waiting for a moderator.',
    saved: 'Saved.', withdrawn: 'Your story has been withdrawn and deleted.',
    namingHint: 'Going anonymous takes your name off at once. Other changes to a published story are read by a moderator before they appear.',
    nameHint: 'Up to 40 characters. No email address, web address or phone number: everyone can read it.',
    themesHint: 'A moderator decides which themes readers find your story under.',
    savedAnonymous: 'Saved. Your name has been taken off your story.',
    savedForReview: 'Saved. A moderator will read your changes before they appear.',
  },
  es: {
    title: 'Tu historia', statusLabel: 'Estado', storyTitle: 'Título (opcional)', storyText: 'Tu historia',
    editHint: 'Si tu historia ya está publicada, la versión publicada sigue visible hasta que una persona moderadora lea tus cambios.',
    warnings: 'Advertencias de contenido para quien lee', save: 'Guardar cambios', consents: '¿Qué podemos hacer con tu historia?',
    publishOnSite: 'Publicarla en este sitio', quoteInCampaigns: 'Citarla en nuestros correos de campaña',
    shareWithPress: 'Compartirla con periodistas u organizaciones aliadas', contact: 'Pueden contactarme sobre mi historia',
    saveConsents: 'Guardar mis decisiones', withdraw: 'Retirar mi historia', withdrawConfirm: 'Borrar mi historia para siempre',
    withdrawText: 'Retirarla borra tu historia y tu dirección de contacto para siempre. No se puede deshacer y este enlace dejará de funcionar.',
    codeLabel: 'Tu enlace privado o código', openStory: 'Abrir mi historia',
    codeHint: 'Pega el enlace privado que recibiste al compartir tu historia, o el código que va después del signo #. Por tu seguridad esta página no lo guarda: si la recargas, te lo vuelve a pedir.',
    loading: 'Abriendo tu historia…', notFound: 'Este enlace no abre ninguna historia. Puede estar mal copiado o la historia fue retirada.',
    SUBMITTED: 'Esperando a una persona moderadora', PUBLISHED: 'Publicada', REJECTED: 'No publicada',
    rejected: 'Una persona moderadora no la publicó: {0}', revisionWaiting: 'Tus últimos cambios esperan a una persona moderadora.',
    saved: 'Guardado.', withdrawn: 'Tu historia fue retirada y borrada.',
    namingHint: 'Si eliges el anonimato, tu nombre se quita de inmediato. Los demás cambios a una historia publicada los lee una persona moderadora antes de que aparezcan.',
    nameHint: 'Hasta 40 caracteres. Sin correo electrónico, dirección web ni número de teléfono: todo el mundo puede leerlo.',
    themesHint: 'Una persona moderadora decide en qué temas encuentran tu historia quienes leen.',
    savedAnonymous: 'Guardado. Tu nombre ya no aparece en tu historia.',
    savedForReview: 'Guardado. Una persona moderadora leerá tus cambios antes de que aparezcan.',
  },
}, relabel);

// where each field the stories API may name in errors[].field is on this page, and which control describes it
const FIELDS = {
  title: { control: '#title', label: 'storyTitle' },
  text: { control: '#text', label: 'storyText' },
  namedAs: { control: '[data-naming]', label: 'naming', group: true },
  name: { control: '#name', label: 'name' },
  themes: { control: '[data-themes]', label: 'themes', group: true },
  contentWarnings: { control: '[data-warnings]', label: 'warnings', group: true },
};
const marks = fieldErrors(edit, FIELDS, edit.querySelector('[data-edit-status]'));
// the naming the author had when the page opened or last saved: only a change of it is sent, because a name sent
// again on a published story would wait for a moderator all over again
let loadedNaming = { namedAs: 'anonymous', name: null };

/** Fills the page from the story as the service has it; what is waiting for review is what the author sees. */
function show(current) {
  story = current;
  const shown = current.pendingRevision ?? current;
  edit.title.value = shown.title ?? '';
  edit.text.value = shown.text ?? '';
  // a revision names the author only when it changes the naming
  loadedNaming = current.pendingRevision?.namedAs ? current.pendingRevision : current;
  setNaming(edit, loadedNaming);
  showNameField();
  renderWarnings(shown.contentWarnings || []);
  renderThemes(edit, current.suggestedThemes || []);
  ['publishOnSite', 'quoteInCampaigns', 'shareWithPress', 'contact'].forEach((purpose) => {
    consents[purpose].checked = Boolean(current.consents?.[purpose]);
  });
  marks.clear();
  relabel();
  section.hidden = false;
}

/** The texts that depend on the language, keeping whatever the author has ticked but not saved yet. */
function relabel() {
  if (!story) return;
  document.querySelector('[data-state]').textContent = t(story.status);
  const reason = document.querySelector('[data-reason]');
  const note = story.status === 'REJECTED' && story.rejectionReason ? t('rejected', story.rejectionReason)
    : story.pendingRevision ? t('revisionWaiting') : '';
  reason.textContent = note;
  reason.hidden = !note;
  renderWarnings(new FormData(edit).getAll('contentWarnings'));
  renderThemes(edit);
  marks.relabel();
}

function renderWarnings(checked) {
  const box = edit.querySelector('[data-warnings]');
  const before = box.querySelector('[data-field-error]');
  box.querySelectorAll('.choice').forEach((node) => node.remove());
  WARNINGS.forEach((slug) => box.insertBefore(el('div', { class: 'choice' },
    el('input', { type: 'checkbox', id: `w-${slug}`, name: 'contentWarnings', value: slug, checked: checked.includes(slug) }), ' ',
    el('label', { for: `w-${slug}` }, t(`cw.${slug}`))), before));
}

/** The manage token in a whole link or on its own, as an author may paste either. */
function codeFrom(text) {
  const code = text.trim().split('#').pop();
  try {
    return decodeURIComponent(code);
  } catch {
    return code;
  }
}

async function open() {
  status.textContent = t('loading');
  try {
    show(await api('/api/stories/manage', { headers }));
    status.textContent = '';
    opener.hidden = true;
  } catch (error) {
    status.textContent = error.status === 404 || error.status === 401 || error.status === 400 ? t('notFound') : explain(error);
    opener.hidden = false;
  }
}

opener.addEventListener('submit', (event) => {
  event.preventDefault();
  headers['X-Manage-Token'] = codeFrom(opener.code.value);
  opener.code.value = '';
  if (headers['X-Manage-Token']) open();
});

edit.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = edit.querySelector('[data-edit-status]');
  out.textContent = '';
  marks.clear();
  const data = new FormData(edit);
  const asked = naming(edit);
  const namingChanged = asked.namedAs !== (loadedNaming.namedAs || 'anonymous')
    || (asked.name ?? '') !== (loadedNaming.name ?? '');
  const wasPublished = story.status === 'PUBLISHED';
  try {
    show(await api('/api/stories/manage', { method: 'PUT', headers, body: {
      title: data.get('title').trim() || null, text: data.get('text'),
      contentWarnings: data.getAll('contentWarnings'), themes: data.getAll('themes'),
      ...(namingChanged ? asked : {}) } }));
    out.textContent = !wasPublished ? t('saved')
      : namingChanged && asked.namedAs === 'anonymous' ? t('savedAnonymous') : t('savedForReview');
  } catch (error) {
    marks.refused(error, { text: t('storyText'), title: t('storyTitle'), name: t('name'), themes: t('themes') });
  }
});

consents.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = consents.querySelector('[data-consent-status]');
  try {
    await api('/api/stories/manage/consents', { method: 'PUT', headers, body: {
      publishOnSite: consents.publishOnSite.checked, quoteInCampaigns: consents.quoteInCampaigns.checked,
      shareWithPress: consents.shareWithPress.checked, contact: consents.contact.checked } });
    out.textContent = t('saved');
  } catch (error) {
    out.textContent = explain(error);
  }
});

document.querySelector('[data-withdraw]').addEventListener('click', async () => {
  try {
    await api('/api/stories/manage', { method: 'DELETE', headers });
    section.remove();
    status.textContent = t('withdrawn');
  } catch (error) {
    status.textContent = explain(error);
  }
});

if (headers['X-Manage-Token']) open(); else opener.hidden = false;
