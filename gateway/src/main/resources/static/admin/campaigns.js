// Email campaigns for campaign managers: compose a draft (a topic, the audience's languages, a Markdown variant per
// language with its subject and content-warning line), preview it, send a test to one address, schedule it at a local
// time in a time zone or send it now, pause, resume or cancel it, and follow its progress and who was missed.
import { el, staffApi, showProblem } from './http.js';
import { input, textarea, select, checkbox, blankToNull } from './form.js';
import { locale, register, t, term as word } from './i18n.js';

register({
  en: {
    cTitle: 'Email campaigns', cNew: 'New campaign', cCaption: 'Campaigns, newest first', cCampaign: 'Campaign',
    cSubject: 'Subject', cLanguages: 'Languages', cStatus: 'Status', cScheduledFor: 'Scheduled for', cStarted: 'Started',
    cCompleted: 'Completed', cCreated: '{0}, created {1}', cAutoPaused: ' (automatically: open it to see why)',
    cNone: 'No campaign yet.', cSaved: 'Saved.', cPreviewBelow: 'Preview below.', cHeading: '{0} campaign: {1}',
    'cTopic.anniversary': 'Anniversary', 'cTopic.help-near-me': 'Help near me', 'cLang.en': 'English', 'cLang.es': 'Spanish',
    'cState.draft': 'draft', 'cState.scheduled': 'scheduled', 'cState.sending': 'sending', 'cState.paused': 'paused',
    'cState.completed': 'completed', 'cState.cancelled': 'cancelled',
    cTopic: 'Topic (who receives it: subscribers to this topic)', cWarning: 'Content-warning line (optional)',
    cWarningHint: 'One line, shown first in the mail.', cBody: 'Body (Markdown)',
    cBodyHint: 'Markdown only: no raw HTML and no images; links may be https, http or mailto.',
    cRequired: '{0} (required; subscribers whose language has no variant get it)', cOptional: '{0} (optional)',
    cPreview: 'Preview', cContent: 'Campaign content', cAudience: 'Send to subscribers who read', cSaveDraft: 'Save draft',
    cCreateDraft: 'Create draft', cPreviewOf: 'Preview, {0}', cSubjectLine: 'Subject: ', cPlain: 'Plain-text version',
    cSendNow: 'Send now',
    cSendNowWarning: 'This starts sending to every subscriber of the topic at once. Check the preview and a test mail first.',
    cSendAll: 'Send to all subscribers now', cPause: 'Pause', cResume: 'Resume', cCancel: 'Cancel the campaign',
    cTestTo: 'Send a test to', cLanguage: 'Language', cEveryVariant: 'Every variant', cTestMail: 'Test mail',
    cTestHint: 'The saved campaign, with “[TEST]” before the subject and links that do nothing.', cSendTest: 'Send test',
    cTestSent: 'Test mail sent to {0} ({1}).', cSendAt: 'Send at (local date and time)', cZone: 'Time zone',
    cZoneHint: 'IANA name, e.g. America/New_York.', cSchedule: 'Schedule', cScheduledLine: 'Scheduled for {0}.',
    cShowMore: 'Show more', cDelivery: 'Delivery', cHandled: 'Handled so far', cRefresh: 'Refresh',
    cMissed: 'Who was missed (failed or bounced)', cAddress: 'Address', cOutcome: 'Outcome', cAttempts: 'Attempts',
    cReason: 'Reason', cWhen: 'When', cOf: '{0} of {1}', cSoFar: ' so far', cLeft: ', about {0} min left',
    cAt: ' at {0} mails per second', cTotal: 'total', cGrowing: '{0} (still growing)', cRate: 'rate',
    cPerSecond: '{0} mails per second', cTimeLeft: 'time left', cAbout: 'about {0} min', cError: 'error',
    'cDelivery.queued': 'queued', 'cDelivery.sending': 'being sent', 'cDelivery.sent': 'sent', 'cDelivery.failed': 'failed',
    'cDelivery.bounced': 'bounced', 'cDelivery.skipped-unsubscribed': 'skipped (unsubscribed)',
    'cDelivery.cancelled': 'cancelled',
  },
  es: {
    cTitle: 'Campañas de correo', cNew: 'Nueva campaña', cCaption: 'Campañas, las más recientes primero', cCampaign: 'Campaña',
    cSubject: 'Asunto', cLanguages: 'Idiomas', cStatus: 'Estado', cScheduledFor: 'Programada para', cStarted: 'Inicio',
    cCompleted: 'Fin', cCreated: '{0}, creada el {1}', cAutoPaused: ' (automáticamente: ábrela para ver por qué)',
    cNone: 'Todavía no hay campañas.', cSaved: 'Guardado.', cPreviewBelow: 'Vista previa abajo.', cHeading: 'Campaña {0}: {1}',
    'cTopic.anniversary': 'Aniversario', 'cTopic.help-near-me': 'Ayuda cerca de mí', 'cLang.en': 'inglés', 'cLang.es': 'español',
    'cState.draft': 'borrador', 'cState.scheduled': 'programada', 'cState.sending': 'enviándose', 'cState.paused': 'en pausa',
    'cState.completed': 'terminada', 'cState.cancelled': 'cancelada',
    cTopic: 'Tema (quién la recibe: las personas suscritas a este tema)', cWarning: 'Línea de advertencia de contenido (opcional)',
    cWarningHint: 'Una línea, que va primero en el correo.', cBody: 'Cuerpo (Markdown)',
    cBodyHint: 'Solo Markdown: sin HTML ni imágenes; los enlaces pueden ser https, http o mailto.',
    cRequired: '{0} (obligatoria; la reciben las personas cuyo idioma no tiene variante)', cOptional: '{0} (opcional)',
    cPreview: 'Vista previa', cContent: 'Contenido de la campaña', cAudience: 'Enviar a las personas suscritas que leen en',
    cSaveDraft: 'Guardar el borrador', cCreateDraft: 'Crear el borrador', cPreviewOf: 'Vista previa, {0}',
    cSubjectLine: 'Asunto: ', cPlain: 'Versión de texto simple', cSendNow: 'Enviar ahora',
    cSendNowWarning: 'Esto empieza a enviarla a todas las personas suscritas al tema a la vez. Revisa antes la vista previa y un correo de prueba.',
    cSendAll: 'Enviar ahora a todas las personas suscritas', cPause: 'Pausar', cResume: 'Reanudar',
    cCancel: 'Cancelar la campaña', cTestTo: 'Enviar una prueba a', cLanguage: 'Idioma', cEveryVariant: 'Todas las variantes',
    cTestMail: 'Correo de prueba',
    cTestHint: 'La campaña guardada, con «[TEST]» antes del asunto y enlaces que no hacen nada.', cSendTest: 'Enviar la prueba',
    cTestSent: 'Correo de prueba enviado a {0} ({1}).', cSendAt: 'Enviar el (fecha y hora locales)', cZone: 'Zona horaria',
    cZoneHint: 'Nombre de la IANA, p. ej. America/New_York.', cSchedule: 'Programar', cScheduledLine: 'Programada para {0}.',
    cShowMore: 'Mostrar más', cDelivery: 'Entrega', cHandled: 'Procesado hasta ahora', cRefresh: 'Actualizar',
    cMissed: 'A quién no llegó (fallidos o rebotados)', cAddress: 'Dirección', cOutcome: 'Resultado', cAttempts: 'Intentos',
    cReason: 'Motivo', cWhen: 'Cuándo', cOf: '{0} de {1}', cSoFar: ' hasta ahora', cLeft: ', faltan unos {0} min',
    cAt: ' a {0} correos por segundo', cTotal: 'total', cGrowing: '{0} (sigue creciendo)', cRate: 'ritmo',
    cPerSecond: '{0} correos por segundo', cTimeLeft: 'tiempo restante', cAbout: 'unos {0} min', cError: 'error',
    'cDelivery.queued': 'en cola', 'cDelivery.sending': 'enviándose', 'cDelivery.sent': 'enviados', 'cDelivery.failed': 'fallidos',
    'cDelivery.bounced': 'rebotados', 'cDelivery.skipped-unsubscribed': 'omitidos (se dieron de baja)',
    'cDelivery.cancelled': 'cancelados',
  },
});

const TOPICS = ['anniversary', 'help-near-me'].map((code) => [code, t(`cTopic.${code}`)]);
const LANGUAGES = ['en', 'es'].map((code) => [code, t(`cLang.${code}`)]);
const EDITABLE = ['draft', 'scheduled'];
const MISSED_PAGE = 100;

const when = (instant) => (instant ? new Date(instant).toLocaleString(locale()) : '');
const topicText = (code) => word('cTopic', code);
const statusText = (code) => word('cState', code);
const scheduleText = (campaign) => (campaign.scheduledLocal
  ? `${campaign.scheduledLocal.replace('T', ' ')} ${campaign.scheduleZone}` : '');

export function mountCampaigns(container) {
  const rows = el('tbody');
  const notice = el('p', { role: 'status', 'data-campaigns-notice': true });
  const desk = el('section', { class: 'desk', 'data-campaign-desk': true });
  container.replaceChildren(el('h2', {}, t('cTitle')),
    el('p', {}, el('button', { type: 'button', class: 'primary', onclick: () => edit(null) }, t('cNew'))),
    notice,
    el('table', { 'data-campaign-list': true }, el('caption', {}, t('cCaption')),
      el('thead', {}, el('tr', {}, ['cCampaign', 'cSubject', 'cLanguages', 'cStatus', 'cScheduledFor', 'cStarted', 'cCompleted']
        .map((heading) => el('th', { scope: 'col' }, t(heading))))),
      rows),
    desk);

  async function load() {
    try {
      const campaigns = await staffApi('/api/admin/campaigns');
      rows.replaceChildren(...(campaigns.length ? campaigns.map((campaign) => el('tr', { 'data-campaign-id': campaign.id },
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => open(campaign.id) },
          t('cCreated', topicText(campaign.topic), when(campaign.createdAt)))),
        // the subjects are the campaign manager's own words, in the variant's language
        el('td', { 'data-subject': true, translate: 'no' }, Object.entries(campaign.variants ?? {})
          .map(([language, variant]) => `${variant.subject} (${language})`).join(' · ')),
        el('td', {}, campaign.languages.map((code) => word('cLang', code)).join(', ')),
        el('td', { 'data-status': true }, statusText(campaign.status),
          campaign.pausedReason ? t('cAutoPaused') : ''),
        el('td', { translate: 'no' }, scheduleText(campaign)),
        el('td', {}, when(campaign.startedAt)),
        el('td', {}, when(campaign.completedAt))))
        : [el('tr', {}, el('td', { colspan: 7 }, t('cNone')))]));
    } catch (error) {
      notice.textContent = error.message;
    }
  }

  async function open(id) {
    notice.textContent = '';
    try {
      edit(await staffApi(`/api/admin/campaigns/${id}`));
    } catch (error) {
      notice.textContent = error.message;
    }
  }

  function edit(campaign) {
    const status = el('p', { role: 'status', 'data-campaign-status': true });
    const composer = composeForm(campaign ?? { topic: 'anniversary', languages: ['en'], variants: {} });
    const preview = el('div', { 'data-preview': true });
    const editable = !campaign || EDITABLE.includes(campaign.status);
    composer.fields.disabled = !editable;
    composer.element.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const saved = await staffApi(campaign ? `/api/admin/campaigns/${campaign.id}` : '/api/admin/campaigns',
          { method: campaign ? 'PUT' : 'POST', body: composer.content() });
        edit(saved);
        desk.querySelector('[data-campaign-status]').textContent = t('cSaved');
        load();
      } catch (error) {
        showProblem(composer.element, status, error);
      }
    });
    composer.previewButton.addEventListener('click', async () => {
      try {
        showProblem(composer.element, status, null);
        showPreview(preview, await staffApi('/api/admin/campaigns/preview', { method: 'POST', body: composer.content() }));
        status.textContent = t('cPreviewBelow');
      } catch (error) {
        showProblem(composer.element, status, error);
      }
    });
    desk.replaceChildren(
      el('h3', { id: 'campaign-heading', tabindex: -1 },
        campaign ? t('cHeading', topicText(campaign.topic), statusText(campaign.status)) : t('cNew')),
      status, composer.element, preview,
      ...(campaign ? [controls(campaign, status, (changed) => { edit(changed); load(); })] : []));
    desk.querySelector('h3').focus();
  }

  load();
}

/** Topic, audience languages and a variant per language; content() reads it back as the API's CampaignContent. */
function composeForm(campaign) {
  const [topic, topicField] = select(t('cTopic'), TOPICS, campaign.topic,
    { 'data-field': 'topic' });
  const audience = LANGUAGES.map(([code, name]) => checkbox(name, campaign.languages.includes(code), { value: code }));
  const variants = LANGUAGES.map(([code, name]) => {
    const variant = campaign.variants?.[code] ?? {};
    const at = (field) => `variants.${code}.${field}`;
    const [subject, subjectField] = input(t('cSubject'), { maxlength: 200, value: variant.subject ?? '', 'data-field': at('subject') });
    const [warning, warningField] = input(t('cWarning'), { maxlength: 300,
      value: variant.contentWarning ?? '', 'data-field': at('contentWarning') }, t('cWarningHint'));
    const [body, bodyField] = textarea(t('cBody'), variant.body, { rows: 10, 'data-field': at('body') }, t('cBodyHint'));
    return {
      code,
      element: el('fieldset', { 'data-field': `variants.${code}` }, el('legend', {},
        code === 'en' ? t('cRequired', name) : t('cOptional', name)),
      subjectField, warningField, bodyField),
      read: () => ({ subject: subject.value.trim(), body: body.value, contentWarning: blankToNull(warning.value) }),
      empty: () => !subject.value.trim() && !body.value.trim() && !warning.value.trim(),
    };
  });
  const previewButton = el('button', { type: 'button', class: 'secondary' }, t('cPreview'));
  const fields = el('fieldset', { class: 'plain' }, el('legend', { class: 'visually-hidden' }, t('cContent')),
    topicField,
    el('fieldset', { 'data-field': 'languages' }, el('legend', {}, t('cAudience')), audience.map(([, node]) => node)),
    variants.map((variant) => variant.element),
    el('button', { type: 'submit', class: 'primary' }, campaign.id ? t('cSaveDraft') : t('cCreateDraft')));
  return {
    element: el('form', { 'data-campaign-form': true, novalidate: true }, fields, previewButton),
    fields,
    previewButton,
    content: () => ({
      topic: topic.value,
      languages: audience.map(([box]) => box).filter((box) => box.checked).map((box) => box.value),
      variants: Object.fromEntries(variants.filter((variant) => variant.code === 'en' || !variant.empty())
        .map((variant) => [variant.code, variant.read()])),
    }),
  };
}

/**
 * The rendered mail per language. Its HTML is rebuilt element by element from a short list of what Markdown
 * produces, so nothing in it can run or load anything; the plain-text version is shown as it is.
 */
function showPreview(container, previews) {
  // the mail is in its own language, whatever the portal's
  container.replaceChildren(el('h4', {}, t('cPreview')), ...Object.entries(previews).map(([language, preview]) => el('article',
    { class: 'preview', 'data-preview-language': language, 'aria-label': t('cPreviewOf', word('cLang', language)) },
    el('p', {}, el('strong', {}, t('cSubjectLine')), el('span', { lang: language, translate: 'no' }, preview.subject)),
    el('div', { class: 'mail', lang: language, translate: 'no' }, copy(parse(preview.html))),
    el('details', {}, el('summary', {}, t('cPlain')), el('pre', { lang: language, translate: 'no' }, preview.text)))));
}

// The template's style attributes are dropped before parsing: the portal's CSP would refuse (and report) each one.
const parse = (html) => new DOMParser().parseFromString(html.replace(/\sstyle="[^"]*"/g, ''), 'text/html').body;

const KEPT = new Set(['p', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'br']);
const HEADINGS = { h1: 'h5', h2: 'h5', h3: 'h6', h4: 'h6', h5: 'h6', h6: 'h6' };

function copy(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE || ['script', 'style', 'title', 'head'].includes(node.localName)) return [];
  const children = [...node.childNodes].flatMap(copy);
  const tag = HEADINGS[node.localName] ?? (KEPT.has(node.localName) ? node.localName : null);
  if (!tag) return children;
  const href = tag === 'a' ? node.getAttribute('href') : null;
  return el(tag, href && /^(https?:|mailto:)/i.test(href) ? { href, rel: 'noreferrer' } : {}, children);
}

/** Test send, schedule, send now, pause/resume/cancel, and the delivery report, by the campaign's status. */
function controls(campaign, status, changed) {
  const act = (path, body) => async () => {
    try {
      changed(await staffApi(`/api/admin/campaigns/${campaign.id}/${path}`, { method: 'POST', body }));
    } catch (error) {
      showProblem(section, status, error);
    }
  };
  const section = el('div', { class: 'campaign-actions' });
  // the campaign paused itself: say why before offering to resume it
  if (campaign.status === 'paused' && campaign.pausedReason) {
    section.append(el('p', { class: 'warning', role: 'alert', 'data-paused-reason': true }, campaign.pausedReason));
  }
  if (EDITABLE.includes(campaign.status)) section.append(testSendForm(campaign, status), scheduleForm(campaign, act),
    el('details', {}, el('summary', {}, t('cSendNow')),
      el('p', { class: 'warning' }, t('cSendNowWarning')),
      el('button', { type: 'button', class: 'primary', onclick: act('send-now') }, t('cSendAll'))));
  section.append(el('p', {},
    campaign.status === 'sending' ? el('button', { type: 'button', class: 'secondary', onclick: act('pause') }, t('cPause')) : [],
    campaign.status === 'paused' ? el('button', { type: 'button', class: 'secondary', onclick: act('resume') }, t('cResume')) : [],
    ['completed', 'cancelled'].includes(campaign.status) ? []
      : el('button', { type: 'button', class: 'secondary', onclick: act('cancel') }, t('cCancel'))));
  if (!['draft', 'scheduled'].includes(campaign.status)) section.append(report(campaign));
  return section;
}

function testSendForm(campaign, status) {
  const [email, emailField] = input(t('cTestTo'), { type: 'email', autocomplete: 'email', 'data-field': 'email' });
  const [language, languageField] = select(t('cLanguage'), [['', t('cEveryVariant')], ...LANGUAGES], '', { 'data-field': 'language' });
  const form = el('form', { 'data-test-send': true, novalidate: true }, el('h4', {}, t('cTestMail')),
    el('p', { class: 'hint' }, t('cTestHint')),
    emailField, languageField, el('button', { type: 'submit', class: 'secondary' }, t('cSendTest')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      showProblem(form, status, null);
      const sent = await staffApi(`/api/admin/campaigns/${campaign.id}/test-send`, { method: 'POST',
        body: { email: email.value.trim(), language: language.value || null } });
      status.textContent = t('cTestSent', sent.sentTo, sent.languages.map((code) => word('cLang', code)).join(', '));
    } catch (error) {
      showProblem(form, status, error);
    }
  });
  return form;
}

function scheduleForm(campaign, act) {
  const [sendAt, sendAtField] = input(t('cSendAt'), { type: 'datetime-local', 'data-field': 'sendAt',
    value: campaign.scheduledLocal?.substring(0, 16) ?? '' });
  const [zone, zoneField] = input(t('cZone'), { 'data-field': 'zone',
    value: campaign.scheduleZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone }, t('cZoneHint'));
  const form = el('form', { 'data-schedule': true, novalidate: true }, el('h4', {}, t('cSchedule')),
    campaign.scheduledLocal ? el('p', {}, t('cScheduledLine', scheduleText(campaign))) : [],
    sendAtField, zoneField, el('button', { type: 'submit', class: 'secondary' }, t('cSchedule')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act('schedule', { sendAt: sendAt.value || null, zone: zone.value.trim() })();
  });
  return form;
}

/** Counts per delivery state and who was missed (masked addresses), refreshed every few seconds while it sends. */
function report(campaign) {
  const progress = el('dl', { class: 'progress' });
  // the share of the audience already handled (neither queued nor being sent), redrawn with every refresh
  const bar = el('progress', { max: 1, value: 0, id: 'campaign-progress', 'data-progress-bar': true });
  const barText = el('span', { 'data-progress-text': true });
  const missedRows = el('tbody');
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, t('cShowMore'));
  const element = el('section', { 'aria-labelledby': 'campaign-report-heading' },
    el('h4', { id: 'campaign-report-heading' }, t('cDelivery')),
    el('p', {}, el('label', { for: 'campaign-progress' }, t('cHandled')), bar, ' ', barText), progress,
    el('button', { type: 'button', class: 'secondary', onclick: () => refresh() }, t('cRefresh')),
    el('table', {}, el('caption', {}, t('cMissed')),
      el('thead', {}, el('tr', {}, ['cAddress', 'cOutcome', 'cAttempts', 'cReason', 'cWhen'].map((h) => el('th', { scope: 'col' }, t(h))))),
      missedRows),
    more);
  let last = null;
  let timer = null;

  async function refresh() {
    clearTimeout(timer);
    try {
      const now = await staffApi(`/api/admin/campaigns/${campaign.id}/progress`);
      const handled = now.total - (now.counts.queued ?? 0) - (now.counts.sending ?? 0);
      bar.max = Math.max(now.total, 1);
      bar.value = handled;
      const rate = now.ratePerSecond.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      barText.textContent = t('cOf', handled, now.total) + (now.audienceComplete ? '' : t('cSoFar'))
        + (now.total ? ` (${Math.floor(100 * handled / now.total)} %)` : '')
        + (now.secondsLeft == null ? '' : t('cLeft', Math.ceil(now.secondsLeft / 60)))
        + t('cAt', rate);
      progress.replaceChildren(
        ...Object.entries(now.counts).flatMap(([state, count]) => [el('dt', { 'data-state': state }, word('cDelivery', state)),
          el('dd', { 'data-count': state }, String(count))]),
        el('dt', {}, t('cTotal')), el('dd', { 'data-count': 'total' }, now.audienceComplete ? String(now.total) : t('cGrowing', now.total)),
        el('dt', {}, t('cRate')), el('dd', { 'data-rate': true }, t('cPerSecond', rate)),
        ...(now.secondsLeft == null ? [] : [el('dt', {}, t('cTimeLeft')),
          el('dd', { 'data-time-left': true }, t('cAbout', Math.ceil(now.secondsLeft / 60)))]));
      last = null;
      missedRows.replaceChildren();
      await missed();
      if (now.status === 'sending') timer = setTimeout(() => { if (element.isConnected) refresh(); }, 5000);
    } catch (error) {
      progress.replaceChildren(el('dt', {}, t('cError')), el('dd', {}, error.message));
    }
  }

  async function missed() {
    const page = await staffApi(`/api/admin/campaigns/${campaign.id}/missed?limit=${MISSED_PAGE}${last ? `&after=${last}` : ''}`);
    missedRows.append(...page.map((row) => el('tr', {}, el('td', { translate: 'no' }, row.address),
      el('td', {}, word('cDelivery', row.state)),
      el('td', {}, String(row.attempts)), el('td', {}, row.reason ?? ''), el('td', {}, when(row.at)))));
    last = page.at(-1)?.subscriberId ?? last;
    more.hidden = page.length < MISSED_PAGE;
  }

  more.addEventListener('click', () => missed());
  refresh();
  return element;
}
