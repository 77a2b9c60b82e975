import { api, el, explain, page, t, WARNINGS } from './common.js';

// the token arrived in the fragment, which browsers never send to a server; it goes out only in a header
const token = decodeURIComponent(location.hash.slice(1));
const headers = { 'X-Manage-Token': token };
const status = document.querySelector('[data-status]');
const section = document.querySelector('[data-story]');
const edit = document.querySelector('[data-edit]');
const consents = document.querySelector('[data-consents]');
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
    loading: 'Opening your story…', notFound: 'This link does not open a story. It may have been mistyped, or the story was withdrawn.',
    SUBMITTED: 'Waiting for a moderator', PUBLISHED: 'Published', REJECTED: 'Not published',
    rejected: 'A moderator did not publish it: {0}', revisionWaiting: 'Your latest changes are waiting for a moderator.',
    saved: 'Saved.', withdrawn: 'Your story has been withdrawn and deleted.',
  },
  es: {
    title: 'Tu historia', statusLabel: 'Estado', storyTitle: 'Título (opcional)', storyText: 'Tu historia',
    editHint: 'Si tu historia ya está publicada, la versión publicada sigue visible hasta que una persona moderadora lea tus cambios.',
    warnings: 'Advertencias de contenido para quien lee', save: 'Guardar cambios', consents: '¿Qué podemos hacer con tu historia?',
    publishOnSite: 'Publicarla en este sitio', quoteInCampaigns: 'Citarla en nuestros correos de campaña',
    shareWithPress: 'Compartirla con periodistas u organizaciones aliadas', contact: 'Pueden contactarme sobre mi historia',
    saveConsents: 'Guardar mis decisiones', withdraw: 'Retirar mi historia', withdrawConfirm: 'Borrar mi historia para siempre',
    withdrawText: 'Retirarla borra tu historia y tu dirección de contacto para siempre. No se puede deshacer y este enlace dejará de funcionar.',
    loading: 'Abriendo tu historia…', notFound: 'Este enlace no abre ninguna historia. Puede estar mal copiado o la historia fue retirada.',
    SUBMITTED: 'Esperando a una persona moderadora', PUBLISHED: 'Publicada', REJECTED: 'No publicada',
    rejected: 'Una persona moderadora no la publicó: {0}', revisionWaiting: 'Tus últimos cambios esperan a una persona moderadora.',
    saved: 'Guardado.', withdrawn: 'Tu historia fue retirada y borrada.',
  },
}, () => { if (story) show(story); });

function show(current) {
  story = current;
  document.querySelector('[data-state]').textContent = t(current.status);
  const reason = document.querySelector('[data-reason]');
  const note = current.status === 'REJECTED' && current.rejectionReason ? t('rejected', current.rejectionReason)
    : current.pendingRevision ? t('revisionWaiting') : '';
  reason.textContent = note;
  reason.hidden = !note;
  const shown = current.pendingRevision ?? current;
  edit.title.value = shown.title ?? '';
  edit.text.value = shown.text ?? '';
  const box = edit.querySelector('[data-warnings]');
  box.querySelectorAll('.choice').forEach((node) => node.remove());
  WARNINGS.forEach((slug) => box.append(el('div', { class: 'choice' },
    el('input', { type: 'checkbox', id: `w-${slug}`, name: 'contentWarnings', value: slug, checked: (shown.contentWarnings || []).includes(slug) }), ' ',
    el('label', { for: `w-${slug}` }, t(`cw.${slug}`)))));
  ['publishOnSite', 'quoteInCampaigns', 'shareWithPress', 'contact'].forEach((purpose) => {
    consents[purpose].checked = Boolean(current.consents?.[purpose]);
  });
  section.hidden = false;
}

async function open() {
  status.textContent = t('loading');
  try {
    show(await api('/api/stories/manage', { headers }));
    status.textContent = '';
  } catch (error) {
    status.textContent = error.status === 404 || error.status === 401 || error.status === 400 ? t('notFound') : explain(error);
  }
}

edit.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = edit.querySelector('[data-edit-status]');
  try {
    show(await api('/api/stories/manage', { method: 'PUT', headers, body: {
      title: edit.title.value.trim() || null, text: edit.text.value,
      contentWarnings: new FormData(edit).getAll('contentWarnings') } }));
    out.textContent = t('saved');
  } catch (error) {
    out.textContent = explain(error, { text: t('storyText'), title: t('storyTitle') });
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
    history.replaceState(null, '', location.pathname);
    status.textContent = t('withdrawn');
  } catch (error) {
    status.textContent = explain(error);
  }
});

if (token) open(); else status.textContent = t('notFound');
