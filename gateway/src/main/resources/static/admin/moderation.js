// The moderation desk, built for a surge: the waiting queue hands each moderator the next story with a claim (a
// lease), so two moderators never read the same one, urgent stories (self-harm, immediate danger) first and then the
// oldest. The reading pane shows the story with what may identify someone highlighted in place; every decision has a
// key, listed on screen. The reported and revision queues, the spam sweep and the queue's figures share the view.
import { el, staffApi, STORY_TAXONOMIES, WARNINGS } from './http.js';
import { lang, locale, register, t } from './i18n.js';

register({
  en: {
    qWaiting: 'Waiting', qReported: 'Reported or flagged', qRevisions: 'Revisions', queues: 'Queues',
    reasonTopic: 'This is not a story about sexual violence.',
    reasonIdentifies: 'It names or identifies someone, and cannot be redacted.',
    reasonSpam: 'It looks like spam or advertising.', reasonRepeat: 'It repeats a story you already shared.',
    keyNext: 'next story (skip this one)', keyPublish: 'publish', keyReject: 'reject with a reason',
    keyRedact: 'redact the selection, or the next highlighted hint', keyFeature: 'publish and feature (feature, when published)',
    keyFlag: 'flag for a second look, then 1 to {0} for the reason', keyHotlines: 'send the author the hotlines (by mail, only if they agreed to be contacted)',
    keyMark: 'mark the story as spam for the sweep, and go to the next', keySweep: 'the spam sweep: reject the marked stories as spam',
    markSpam: 'Mark as spam', flagWhy: 'Why does it need a second look?', sendFlag: 'Flag it', flagHint: 'Press a number to flag at once; Escape cancels.',
    marked: 'Marked “{0}” for the spam sweep ({1} marked). Press B to reject the marked stories as spam.',
    reportedFor: '{0} open report(s): {1}.',
    shortcuts: 'Keyboard shortcuts',
    keysHint: 'Keys work when the focus is not in a text field; in the reason field, Enter sends and Escape cancels.',
    underAMinute: 'under a minute', stats: '{0} waiting · {1} urgent · {2} being read', oldest: ' · the oldest has waited {0}',
    pace: 'Decisions per moderator in the last hour', moderator: 'Moderator', decisions: 'Decisions',
    choose: 'Choose a story from the list.', loading: 'Loading…', nothingIn: 'Nothing in “{0}”.',
    rejectSelected: 'Reject the selected as spam', untitled: 'Untitled', queueItem: '{0} — {1}, since {2}',
    urgentMark: ' (urgent)', beingRead: ', being read by {0}', selectForSweep: 'Select “{0}” for the spam sweep',
    selectFirst: 'Select the stories that are spam first.', sweptAll: 'Rejected {0} of {1} as spam.',
    sweptSome: 'Rejected {0} of {1} as spam; the others changed or are being read by someone else.',
    noOther: 'No other story is waiting.', noneWaiting: 'No story is waiting. Well done.', skipped: 'Skipped “{0}”.',
    startAgain: 'Start again with the stories I skipped', mayIdentify: 'may identify someone: {0}',
    'kind.EMAIL': 'email', 'kind.PHONE': 'phone', 'kind.URL': 'web address', 'kind.STREET_ADDRESS': 'street address',
    'kind.NAME': 'name', hints: '{0} highlighted passage(s) may identify someone: {1}.', noHints: 'Nothing highlighted.',
    selectToRedact: 'Select the words to redact first; nothing is highlighted.', redacted: 'Redacted. {0}',
    readingPane: 'Reading pane', reason: 'Reason (the author reads this through their private link)',
    sendRejection: 'Send the rejection', cancel: 'Cancel', pressN: 'Press N for the next story.',
    doneApproved: 'Done: approved the revision of “{0}”.', donePublished: 'Done: published “{0}”.',
    doneFeatured: 'Done: featured “{0}”.', donePublishedFeatured: 'Done: published and featured “{0}”.',
    doneFlagged: 'Flagged “{0}” for a second look.', hotlinesSent: 'The hotlines are on their way to the author.',
    doneDeclined: 'Done: declined the revision of “{0}”.', doneTakenDown: 'Done: took down “{0}”.',
    doneRejected: 'Done: rejected “{0}”.', doneUnfeatured: 'Done: unfeatured “{0}”.',
    doneResolved: 'Done: resolved the reports on “{0}”.', anonymous: 'Anonymous', namedFirstName: 'by first name',
    namedPseudonym: 'by a pseudonym', revisionWaiting: 'Revision waiting', 'status.SUBMITTED': 'submitted',
    'status.PUBLISHED': 'published', 'status.REJECTED': 'rejected', shared: 'shared {0}', yoursUntil: 'yours until {0}',
    urgent: 'Urgent: this story mentions self-harm or immediate danger. Read it first.', openReports: '{0} open report(s).',
    warnings: 'Warnings: {0}', approveRevision: 'Approve revision', publish: 'Publish', declineRevision: 'Decline the revision',
    takeDown: 'Take down', reject: 'Reject', redact: 'Redact', feature: 'Feature', publishAndFeature: 'Publish and feature',
    flag: 'Flag', sendHotlines: 'Send hotlines', next: 'Next', unfeature: 'Unfeature', resolveReports: 'Resolve reports',
    change: 'Change the title, naming or warnings', title: 'Title', nameAnonymous: 'Name (the author chose to be anonymous)',
    name: 'Name, as published', contentWarnings: 'Content warnings',
  },
  es: {
    qWaiting: 'En espera', qReported: 'Denunciadas o señaladas', qRevisions: 'Revisiones', queues: 'Colas',
    reasonTopic: 'Esta no es una historia sobre violencia sexual.',
    reasonIdentifies: 'Nombra o identifica a alguien y no se puede ocultar.',
    reasonSpam: 'Parece spam o publicidad.', reasonRepeat: 'Repite una historia que ya compartiste.',
    keyNext: 'siguiente historia (saltar esta)', keyPublish: 'publicar', keyReject: 'rechazar con un motivo',
    keyRedact: 'ocultar la selección, o la siguiente pista resaltada', keyFeature: 'publicar y destacar (destacar, si ya está publicada)',
    keyFlag: 'señalar para una segunda lectura, y luego de 1 a {0} para el motivo',
    keyMark: 'marcar la historia como spam para el barrido y pasar a la siguiente',
    keySweep: 'el barrido de spam: rechazar como spam las historias marcadas',
    markSpam: 'Marcar como spam', flagWhy: '¿Por qué necesita una segunda lectura?', sendFlag: 'Señalarla',
    flagHint: 'Pulsa un número para señalarla de inmediato; Escape cancela.',
    marked: 'Marcaste “{0}” para el barrido de spam ({1} marcadas). Pulsa B para rechazar como spam las marcadas.',
    reportedFor: '{0} denuncia(s) abierta(s): {1}.',
    keyHotlines: 'enviar las líneas de ayuda a quien escribió (por correo, solo si aceptó que la contactemos)',
    shortcuts: 'Atajos de teclado',
    keysHint: 'Las teclas funcionan cuando el foco no está en un campo de texto; en el campo del motivo, Intro envía y Escape cancela.',
    underAMinute: 'menos de un minuto', stats: '{0} en espera · {1} urgentes · {2} en lectura', oldest: ' · la más antigua lleva {0}',
    pace: 'Decisiones por moderador en la última hora', moderator: 'Moderador', decisions: 'Decisiones',
    choose: 'Elige una historia de la lista.', loading: 'Cargando…', nothingIn: 'Nada en “{0}”.',
    rejectSelected: 'Rechazar las seleccionadas como spam', untitled: 'Sin título', queueItem: '{0} — {1}, desde {2}',
    urgentMark: ' (urgente)', beingRead: ', la está leyendo {0}', selectForSweep: 'Seleccionar “{0}” para el barrido de spam',
    selectFirst: 'Primero selecciona las historias que son spam.', sweptAll: 'Se rechazaron {0} de {1} como spam.',
    sweptSome: 'Se rechazaron {0} de {1} como spam; las demás cambiaron o las está leyendo otra persona.',
    noOther: 'No hay otra historia en espera.', noneWaiting: 'No hay historias en espera. Buen trabajo.', skipped: 'Saltaste “{0}”.',
    startAgain: 'Volver a empezar con las historias que salté', mayIdentify: 'puede identificar a alguien: {0}',
    'kind.EMAIL': 'correo', 'kind.PHONE': 'teléfono', 'kind.URL': 'dirección web', 'kind.STREET_ADDRESS': 'dirección',
    'kind.NAME': 'nombre', hints: '{0} pasaje(s) resaltado(s) pueden identificar a alguien: {1}.', noHints: 'Nada resaltado.',
    selectToRedact: 'Primero selecciona las palabras que quieres ocultar; no hay nada resaltado.', redacted: 'Ocultado. {0}',
    readingPane: 'Panel de lectura', reason: 'Motivo (quien escribió lo lee con su enlace privado)',
    sendRejection: 'Enviar el rechazo', cancel: 'Cancelar', pressN: 'Pulsa N para la siguiente historia.',
    doneApproved: 'Hecho: se aprobó la revisión de “{0}”.', donePublished: 'Hecho: se publicó “{0}”.',
    doneFeatured: 'Hecho: se destacó “{0}”.', donePublishedFeatured: 'Hecho: se publicó y destacó “{0}”.',
    doneFlagged: 'Se señaló “{0}” para una segunda lectura.', hotlinesSent: 'Las líneas de ayuda van en camino a quien escribió.',
    doneDeclined: 'Hecho: se rechazó la revisión de “{0}”.', doneTakenDown: 'Hecho: se retiró “{0}”.',
    doneRejected: 'Hecho: se rechazó “{0}”.', doneUnfeatured: 'Hecho: “{0}” ya no está destacada.',
    doneResolved: 'Hecho: se resolvieron las denuncias de “{0}”.', anonymous: 'Anónimo', namedFirstName: 'con su nombre de pila',
    namedPseudonym: 'con un seudónimo', revisionWaiting: 'Revisión en espera', 'status.SUBMITTED': 'enviada',
    'status.PUBLISHED': 'publicada', 'status.REJECTED': 'rechazada', shared: 'compartida el {0}', yoursUntil: 'tuya hasta las {0}',
    urgent: 'Urgente: esta historia menciona autolesión o un peligro inmediato. Léela primero.', openReports: '{0} denuncia(s) abierta(s).',
    warnings: 'Advertencias: {0}', approveRevision: 'Aprobar la revisión', publish: 'Publicar', declineRevision: 'Rechazar la revisión',
    takeDown: 'Retirar', reject: 'Rechazar', redact: 'Ocultar', feature: 'Destacar', publishAndFeature: 'Publicar y destacar',
    flag: 'Señalar', sendHotlines: 'Enviar líneas de ayuda', next: 'Siguiente', unfeature: 'Quitar de destacadas',
    resolveReports: 'Resolver denuncias', change: 'Cambiar el título, el nombre o las advertencias', title: 'Título',
    nameAnonymous: 'Nombre (quien escribió eligió el anonimato)', name: 'Nombre, tal como se publica',
    contentWarnings: 'Advertencias de contenido',
  },
});

const QUEUES = [
  { id: 'waiting', label: 'qWaiting', query: 'status=SUBMITTED' },
  { id: 'reported', label: 'qReported', query: 'flagged=true' },
  { id: 'revisions', label: 'qRevisions', query: 'status=PUBLISHED&revisions=true' },
];

// what a moderator most often writes to an author whose story is not published; the author reads it
const REASONS = ['reasonTopic', 'reasonIdentifies', 'reasonSpam', 'reasonRepeat'];
const REDACTED = '[redacted]';
// a claim lasts five minutes (stories-service); a moderator still reading renews it well before
const RENEW_EVERY_MS = 2 * 60 * 1000;

const SHORTCUTS = [
  ['N', 'keyNext'], ['P', 'keyPublish'], ['R', 'keyReject'], ['X', 'keyRedact'], ['F', 'keyFeature'], ['G', 'keyFlag'],
  ['S', 'keyHotlines'], ['M', 'keyMark'], ['B', 'keySweep'],
];
// the reasons a flag may give, as readers' reports do (stories-service's taxonomy), numbered for the keyboard
const FLAG_REASONS = (STORY_TAXONOMIES.reportReasons ?? []).slice(0, 9);
const reasonLabel = (code) => {
  const term = FLAG_REASONS.find((reason) => reason.code === code);
  return term?.label?.[lang] ?? term?.label?.en ?? code;
};

const minutes = (seconds) => seconds < 60 ? t('underAMinute')
  : seconds < 3600 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 3600)} h ${Math.floor(seconds % 3600 / 60)} min`;

const NAMING = { 'first-name': 'namedFirstName', pseudonym: 'namedPseudonym' };

export function mountModeration(container) {
  const stats = el('p', { 'data-queue-stats': true });
  const pace = el('div', { 'data-pace': true });
  const notice = el('p', { role: 'status', 'data-notice': true });
  const list = el('ul', { class: 'queue', 'data-queue': true });
  const sweep = el('div', { 'data-sweep': true });
  const desk = el('section', { class: 'desk', 'aria-label': t('readingPane'), 'data-desk': true });
  const tabs = el('div', { role: 'group', 'aria-label': t('queues') }, QUEUES.map((queue) =>
    el('button', { type: 'button', class: 'secondary', 'data-queue-tab': queue.id, onclick: () => load(queue) }, t(queue.label))));
  const keys = el('aside', { class: 'shortcuts', 'aria-labelledby': 'm-keys' },
    el('h3', { id: 'm-keys' }, t('shortcuts')),
    el('dl', {}, SHORTCUTS.flatMap(([key, what]) => [el('dt', {}, el('kbd', {}, key)), el('dd', {}, t(what, FLAG_REASONS.length))])),
    el('p', { class: 'hint' }, t('keysHint')));
  container.replaceChildren(el('h2', {}, t('secModeration')), stats, pace, tabs, notice,
    el('div', { class: 'moderation-grid' }, el('div', { class: 'queue-column' }, list, sweep), desk), keys);

  let queue = QUEUES[0];
  let current = null; // the story in the reading pane
  let actions = {}; // what each key does for the story in the pane
  let skipped = [];
  let renewal = null;
  // the stories selected for the spam sweep, id → the version the moderator saw, ticked in the list or marked with M
  const marked = new Map();

  async function refreshStats() {
    try {
      const figures = await staffApi('/api/admin/stories/queue-stats');
      stats.textContent = t('stats', figures.waiting, figures.urgent, figures.claimed)
        + (figures.oldestWaitSeconds == null ? '' : t('oldest', minutes(figures.oldestWaitSeconds)));
      pace.replaceChildren(figures.decisionsLastHour.length ? el('details', {}, el('summary', {}, t('pace')),
        el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('moderator')), el('th', { scope: 'col' }, t('decisions')))),
          el('tbody', {}, figures.decisionsLastHour.map((row) => el('tr', {}, el('td', {}, row.moderator), el('td', {}, String(row.decisions)))))))
        : []);
    } catch (error) {
      stats.textContent = error.message;
    }
  }

  async function load(wanted) {
    if (current) {
      // another queue: the story in the pane goes back to the waiting one
      await staffApi(`/api/admin/stories/${current.id}/claim`, { method: 'DELETE' }).catch(() => null);
      showNothing('');
    }
    queue = wanted;
    tabs.querySelectorAll('button').forEach((tab) => tab.setAttribute('aria-pressed', String(tab.dataset.queueTab === queue.id)));
    await listQueue();
    if (queue.id === 'waiting') await claimNext();
    else showNothing(list.children.length ? t('choose') : '');
  }

  async function listQueue() {
    list.replaceChildren(el('li', {}, t('loading')));
    sweep.replaceChildren();
    refreshStats();
    try {
      const stories = await staffApi(`/api/admin/stories?${queue.query}`);
      list.replaceChildren(...(stories.length ? stories.map((story) => queueItem(story))
        : [el('li', {}, t('nothingIn', t(queue.label)))]));
      if (queue.id === 'waiting' && (stories.length || marked.size)) {
        sweep.replaceChildren(el('button', { type: 'button', class: 'secondary', 'data-reject-selected': true,
          onclick: rejectSelected }, t('rejectSelected')));
      }
    } catch (error) {
      list.replaceChildren(el('li', { class: 'error' }, error.message));
    }
  }

  function queueItem(story) {
    const title = story.title || t('untitled');
    const since = new Date(story.submittedAt).toLocaleString(locale());
    const label = t('queueItem', title, story.language, since) + (story.urgent ? t('urgentMark') : '')
      + (story.claimedBy ? t('beingRead', story.claimedBy) : '');
    return el('li', { 'data-story': story.id, class: story.urgent ? 'urgent' : null },
      queue.id === 'waiting' ? el('input', { type: 'checkbox', 'data-version': story.version, value: story.id,
        checked: marked.has(story.id), 'aria-label': t('selectForSweep', title),
        onchange: (event) => {
          if (event.target.checked) marked.set(story.id, story.version);
          else marked.delete(story.id);
        } }) : [],
      ' ', el('button', { type: 'button', class: 'link', onclick: () => claim(story.id) }, label));
  }

  async function rejectSelected() {
    if (queue.id !== 'waiting') return;
    if (!marked.size) {
      notice.textContent = t('selectFirst');
      return;
    }
    const stories = [...marked].map(([id, version]) => ({ id, version }));
    try {
      const outcomes = await staffApi('/api/admin/stories/bulk-rejection', { method: 'POST', body: {
        reason: t('reasonSpam'), stories } });
      // each story was decided one way or the other (rejected, or changed meanwhile): none stays marked
      marked.clear();
      const rejected = outcomes.filter((outcome) => outcome.outcome === 'REJECTED').length;
      notice.textContent = t(rejected < outcomes.length ? 'sweptSome' : 'sweptAll', rejected, outcomes.length);
    } catch (error) {
      notice.textContent = error.message;
    }
    await load(queue);
  }

  async function claimNext() {
    try {
      const story = await staffApi('/api/admin/stories/claims', { method: 'POST', body: { skip: skipped.slice(-500) } });
      if (story) show(story);
      else showNothing(t(skipped.length ? 'noOther' : 'noneWaiting'), skipped.length > 0);
    } catch (error) {
      showNothing(error.message);
    }
  }

  async function claim(id) {
    const previous = current;
    // the pane empties at once, so no key or button acts on the story it showed while the other one loads
    showNothing(t('loading'));
    if (previous && previous.id !== id) {
      await staffApi(`/api/admin/stories/${previous.id}/claim`, { method: 'DELETE' }).catch(() => null);
    }
    try {
      show(await staffApi(`/api/admin/stories/${id}/claim`, { method: 'PUT' }));
    } catch (error) {
      notice.textContent = error.message;
    }
  }

  async function skip() {
    if (!current) return;
    const id = current.id;
    skipped.push(id);
    await staffApi(`/api/admin/stories/${id}/claim`, { method: 'DELETE' }).catch(() => null);
    notice.textContent = t('skipped', current.title || t('untitled'));
    if (queue.id === 'waiting') await claimNext();
    else showNothing(t('choose'));
  }

  function showNothing(message, offerRestart = false) {
    current = null;
    actions = {};
    clearInterval(renewal);
    desk.replaceChildren(el('p', { 'data-desk-empty': true }, message),
      offerRestart ? el('button', { type: 'button', class: 'secondary', onclick: () => { skipped = []; load(queue); } },
        t('startAgain')) : []);
  }

  // The story's text with each hint wrapped in a <mark>; the text nodes together are exactly the text, so a
  // selection in the pane maps back to offsets in it.
  function highlighted(text, hints) {
    const parts = [];
    let at = 0;
    for (const hint of hints) {
      if (hint.start < at || hint.end > text.length) continue; // overlapping hints: the first one shows
      if (hint.start > at) parts.push(document.createTextNode(text.substring(at, hint.start)));
      parts.push(el('mark', { class: 'pii', 'data-kind': hint.kind, title: t('mayIdentify', t(`kind.${hint.kind}`)) },
        text.substring(hint.start, hint.end)));
      at = hint.end;
    }
    if (at < text.length) parts.push(document.createTextNode(text.substring(at)));
    return parts;
  }

  function show(story) {
    current = story;
    clearInterval(renewal);
    // only the lease (RFC 7240 return=minimal): no text is read again and no audit row is written for a renewal
    renewal = setInterval(() => staffApi(`/api/admin/stories/${story.id}/claim`,
      { method: 'PUT', headers: { Prefer: 'return=minimal' } }).catch(() => null), RENEW_EVERY_MS);
    const revision = story.pendingRevision;
    const shown = revision ?? story;
    const original = shown.text;
    let text = original;
    let hints = [...((revision ? story.revisionPiiHints : story.piiHints) ?? [])];
    const reading = el('div', { class: 'reading', 'data-reading': true, lang: story.language });
    const hintCount = el('p', { class: 'hint', 'data-hint-count': true });
    const render = () => {
      reading.replaceChildren(...highlighted(text, hints));
      hintCount.textContent = hints.length
        ? t('hints', hints.length, [...new Set(hints.map((hint) => t(`kind.${hint.kind}`)))].join(', ')) : t('noHints');
    };
    render();
    const redact = () => {
      const selection = window.getSelection();
      let start;
      let end;
      if (selection.rangeCount && !selection.isCollapsed && reading.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        const range = selection.getRangeAt(0);
        const before = document.createRange();
        before.selectNodeContents(reading);
        before.setEnd(range.startContainer, range.startOffset);
        start = before.toString().length;
        end = start + range.toString().length;
      } else if (hints.length) {
        ({ start, end } = hints[0]);
      } else {
        outcome.textContent = t('selectToRedact');
        return;
      }
      const delta = REDACTED.length - (end - start);
      text = text.substring(0, start) + REDACTED + text.substring(end);
      hints = hints.filter((hint) => hint.end <= start || hint.start >= end)
        .map((hint) => hint.start >= end ? { ...hint, start: hint.start + delta, end: hint.end + delta } : hint);
      selection.removeAllRanges();
      render();
      outcome.textContent = t('redacted', hintCount.textContent);
    };

    const heading = el('h3', { tabindex: '-1', 'data-story-title': true, 'data-story-id': story.id }, shown.title || t('untitled'));
    const title = el('input', { type: 'text', id: 'm-title', value: shown.title ?? '', maxlength: 200 });
    const name = el('input', { type: 'text', id: 'm-name', value: story.name ?? '', maxlength: 60,
      disabled: story.namedAs === 'anonymous' });
    const warnings = WARNINGS.map((slug) => el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: `m-${slug}`, value: slug, checked: (shown.contentWarnings ?? []).includes(slug) }),
      ' ', el('label', { for: `m-${slug}` }, slug)));
    const reason = el('input', { type: 'text', id: 'm-reason', maxlength: 2000, list: 'm-reasons', autocomplete: 'off' });
    const rejectForm = el('form', { class: 'reject', hidden: true, 'data-reject-form': true },
      el('label', { for: 'm-reason' }, t('reason')), reason,
      el('datalist', { id: 'm-reasons' }, REASONS.map((key) => el('option', { value: t(key) }))),
      el('button', { type: 'submit', class: 'secondary' }, t('sendRejection')),
      el('button', { type: 'button', class: 'secondary', onclick: () => closeReject() }, t('cancel')));
    const outcome = el('p', { role: 'status', 'data-outcome': true });

    const decision = () => {
      const body = { version: story.version,
        contentWarnings: warnings.map((w) => w.querySelector('input')).filter((box) => box.checked).map((box) => box.value) };
      if (text !== original) body.text = text;
      if (title.value.trim() !== (shown.title ?? '')) body.title = title.value.trim();
      if (!name.disabled && name.value.trim() !== (story.name ?? '')) body.name = name.value.trim();
      return body;
    };
    const done = async (message) => {
      notice.textContent = message;
      if (queue.id === 'waiting') {
        listQueue();
        await claimNext();
      } else {
        await listQueue();
        showNothing(t('choose'));
      }
    };
    const act = async (path, body, method, message) => {
      try {
        await staffApi(`/api/admin/stories/${story.id}${path}`, { method, body });
        await done(message);
        return true;
      } catch (error) {
        // 409: someone else holds the story or decided first; the message says which
        outcome.textContent = error.status === 409 ? `${error.message} ${t('pressN')}` : error.message;
        return false;
      }
    };
    const label = shown.title || t('untitled');
    const publish = () => act(revision ? '/revision/approval' : '/publication', decision(), 'POST',
      t(revision ? 'doneApproved' : 'donePublished', label));
    const publishAndFeature = async () => {
      if (story.status === 'PUBLISHED') return act('/featured', { featured: true }, 'PUT', t('doneFeatured', label));
      try {
        await staffApi(`/api/admin/stories/${story.id}/publication`, { method: 'POST', body: decision() });
        await staffApi(`/api/admin/stories/${story.id}/featured`, { method: 'PUT', body: { featured: true } });
        await done(t('donePublishedFeatured', label));
      } catch (error) {
        outcome.textContent = error.message;
      }
    };
    const flagForm = el('form', { class: 'flag', hidden: true, 'data-flag-form': true },
      el('fieldset', {}, el('legend', {}, t('flagWhy')),
        el('p', { class: 'hint' }, t('flagHint')),
        FLAG_REASONS.map((reason, i) => el('div', { class: 'choice' },
          el('input', { type: 'radio', name: 'm-flag-reason', id: `m-flag-${reason.code}`, value: reason.code,
            checked: i === 0 }), ' ',
          el('label', { for: `m-flag-${reason.code}` }, el('kbd', {}, String(i + 1)), ' ', reasonLabel(reason.code))))),
      el('button', { type: 'submit', class: 'secondary' }, t('sendFlag')),
      el('button', { type: 'button', class: 'secondary', onclick: () => closeFlag() }, t('cancel')));
    const flag = (reason) => act('/flag', { reason }, 'POST', t('doneFlagged', label));
    const openFlag = () => {
      rejectForm.hidden = true;
      flagForm.hidden = false;
      flagForm.querySelector('input:checked')?.focus();
    };
    const closeFlag = () => {
      flagForm.hidden = true;
      heading.focus();
    };
    flagForm.addEventListener('submit', (event) => {
      event.preventDefault();
      flag(flagForm.querySelector('input:checked')?.value ?? 'OTHER');
    });
    // in the reason list a number flags at once, Enter flags with the chosen one, Escape goes back to the story
    flagForm.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const chosen = FLAG_REASONS[Number(event.key) - 1];
      if (event.key === 'Escape') closeFlag();
      else if (/^[1-9]$/.test(event.key) && chosen) flag(chosen.code);
      else if (event.key === 'Enter' && event.target.type === 'radio') flagForm.requestSubmit();
      else return;
      event.preventDefault();
    });
    const markAsSpam = () => {
      marked.set(story.id, story.version);
      const box = list.querySelector(`input[type=checkbox][value="${CSS.escape(story.id)}"]`);
      if (box) box.checked = true;
      if (!sweep.querySelector('[data-reject-selected]')) {
        sweep.replaceChildren(el('button', { type: 'button', class: 'secondary', 'data-reject-selected': true,
          onclick: rejectSelected }, t('rejectSelected')));
      }
      const title = story.title || t('untitled');
      return skip().then(() => { notice.textContent = t('marked', title, marked.size); });
    };
    // not a decision: the story stays in the pane
    const sendHotlines = async () => {
      try {
        await staffApi(`/api/admin/stories/${story.id}/help-offer`, { method: 'POST' });
        outcome.textContent = t('hotlinesSent');
      } catch (error) {
        outcome.textContent = error.message;
      }
    };
    const openReject = () => {
      flagForm.hidden = true;
      rejectForm.hidden = false;
      reason.focus();
    };
    const closeReject = () => {
      rejectForm.hidden = true;
      heading.focus();
    };
    rejectForm.addEventListener('submit', (event) => {
      event.preventDefault();
      act(revision ? '/revision/rejection' : '/rejection', { version: story.version, reason: reason.value }, 'POST',
        t(revision ? 'doneDeclined' : story.status === 'PUBLISHED' ? 'doneTakenDown' : 'doneRejected', label));
    });
    reason.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        closeReject();
      }
    });

    const canPublish = revision || story.status === 'SUBMITTED';
    actions = {
      n: skip,
      p: canPublish ? publish : null,
      r: story.status !== 'REJECTED' ? openReject : null,
      x: redact,
      f: story.status === 'SUBMITTED' || story.status === 'PUBLISHED' ? publishAndFeature : null,
      g: openFlag,
      s: sendHotlines,
      m: queue.id === 'waiting' && story.status === 'SUBMITTED' && !revision ? markAsSpam : null,
    };
    // the key shows on the button (portal.css, from data-key) and is announced as its shortcut
    const button = (key, text, onclick, extra = {}) => actions[key] === null ? [] : el('button',
      { type: 'button', class: key === 'p' ? 'primary' : 'secondary', 'aria-keyshortcuts': key.toUpperCase(),
        'data-key': key.toUpperCase(), onclick, ...extra }, text);

    const naming = story.namedAs === 'anonymous' ? t('anonymous') : `${t(NAMING[story.namedAs] ?? story.namedAs)}: ${story.name ?? ''}`;
    desk.replaceChildren(
      heading,
      el('p', { class: 'meta' }, [
        revision ? t('revisionWaiting') : t(`status.${story.status}`), ` · ${story.language}`,
        ` · ${t('shared', new Date(story.submittedAt).toLocaleString(locale()))}`, ` · ${naming}`,
        story.claimExpiresAt ? ` · ${t('yoursUntil', new Date(story.claimExpiresAt).toLocaleTimeString(locale()))}` : '']),
      story.urgent ? el('p', { class: 'warning urgent', 'data-urgent': true },
        t('urgent')) : [],
      story.openReports ? el('p', { class: 'warning', 'data-open-reports': true }, (story.openReportReasons ?? []).length
        ? t('reportedFor', story.openReports, story.openReportReasons.map(reasonLabel).join(', '))
        : t('openReports', story.openReports)) : [],
      (shown.contentWarnings ?? []).length ? el('p', {}, t('warnings', shown.contentWarnings.join(', '))) : [],
      hintCount,
      reading,
      el('p', { class: 'actions' },
        button('p', t(revision ? 'approveRevision' : 'publish'), publish),
        button('r', t(revision ? 'declineRevision' : story.status === 'PUBLISHED' ? 'takeDown' : 'reject'), openReject),
        button('x', t('redact'), redact, { onmousedown: (event) => event.preventDefault() }),
        button('f', t(story.status === 'PUBLISHED' ? 'feature' : 'publishAndFeature'), publishAndFeature),
        button('g', t('flag'), openFlag),
        button('s', t('sendHotlines'), sendHotlines),
        button('m', t('markSpam'), markAsSpam),
        button('n', t('next'), skip),
        story.status === 'PUBLISHED' ? el('button', { type: 'button', class: 'secondary',
          onclick: () => act('/featured', { featured: false }, 'PUT', t('doneUnfeatured', label)) }, t('unfeature')) : [],
        story.openReports ? el('button', { type: 'button', class: 'secondary',
          onclick: () => act('/reports/resolution', undefined, 'POST', t('doneResolved', label)) }, t('resolveReports')) : []),
      rejectForm,
      flagForm,
      outcome,
      el('details', {}, el('summary', {}, t('change')),
        el('label', { for: 'm-title' }, t('title')), title,
        el('label', { for: 'm-name' }, t(story.namedAs === 'anonymous' ? 'nameAnonymous' : 'name')), name,
        el('fieldset', {}, el('legend', {}, t('contentWarnings')), warnings)));
    heading.focus();
  }

  // one listener for the view: a key acts on the story in the reading pane unless the person is typing
  document.addEventListener('keydown', (event) => {
    if (container.hidden || container.closest('[hidden]') || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest('input, textarea, select, [contenteditable]')) return;
    // the sweep works with or without a story in the pane
    const action = event.key.toLowerCase() === 'b' ? rejectSelected : actions[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  // leaving the portal gives the story in the reading pane back at once, instead of when its lease runs out
  window.addEventListener('pagehide', () => {
    if (current) staffApi(`/api/admin/stories/${current.id}/claim`, { method: 'DELETE', keepalive: true }).catch(() => null);
  });

  load(QUEUES[0]);
}
