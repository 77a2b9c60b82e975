// Email campaigns for campaign managers: compose a draft (a topic, the audience's languages, a Markdown variant per
// language with its subject and content-warning line), preview it, send a test to one address, schedule it at a local
// time in a time zone or send it now, pause, resume or cancel it, and follow its progress and who was missed.
import { el, staffApi, showProblem } from './http.js';
import { input, textarea, select, checkbox, blankToNull } from './form.js';

const TOPICS = [['anniversary', 'Anniversary'], ['help-near-me', 'Help near me']];
const LANGUAGES = [['en', 'English'], ['es', 'Spanish']];
const EDITABLE = ['draft', 'scheduled'];
const MISSED_PAGE = 100;

const when = (instant) => (instant ? new Date(instant).toLocaleString() : '');
const topicText = (code) => TOPICS.find(([value]) => value === code)?.[1] ?? code;
const scheduleText = (campaign) => (campaign.scheduledLocal
  ? `${campaign.scheduledLocal.replace('T', ' ')} ${campaign.scheduleZone}` : '');

export function mountCampaigns(container) {
  const rows = el('tbody');
  const notice = el('p', { role: 'status', 'data-campaigns-notice': true });
  const desk = el('section', { class: 'desk', 'data-campaign-desk': true });
  container.replaceChildren(el('h2', {}, 'Email campaigns'),
    el('p', {}, el('button', { type: 'button', class: 'primary', onclick: () => edit(null) }, 'New campaign')),
    notice,
    el('table', { 'data-campaign-list': true }, el('caption', {}, 'Campaigns, newest first'),
      el('thead', {}, el('tr', {}, ['Campaign', 'Subject', 'Languages', 'Status', 'Scheduled for', 'Started', 'Completed']
        .map((heading) => el('th', { scope: 'col' }, heading)))),
      rows),
    desk);

  async function load() {
    try {
      const campaigns = await staffApi('/api/admin/campaigns');
      rows.replaceChildren(...(campaigns.length ? campaigns.map((campaign) => el('tr', { 'data-campaign-id': campaign.id },
        el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => open(campaign.id) },
          `${topicText(campaign.topic)}, created ${when(campaign.createdAt)}`)),
        el('td', { 'data-subject': true }, Object.entries(campaign.variants ?? {})
          .map(([language, variant]) => `${variant.subject} (${language})`).join(' · ')),
        el('td', {}, campaign.languages.join(', ')),
        el('td', { 'data-status': true }, campaign.status,
          campaign.pausedReason ? ' (automatically: open it to see why)' : ''),
        el('td', {}, scheduleText(campaign)),
        el('td', {}, when(campaign.startedAt)),
        el('td', {}, when(campaign.completedAt))))
        : [el('tr', {}, el('td', { colspan: 7 }, 'No campaign yet.'))]));
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
        desk.querySelector('[data-campaign-status]').textContent = 'Saved.';
        load();
      } catch (error) {
        showProblem(composer.element, status, error);
      }
    });
    composer.previewButton.addEventListener('click', async () => {
      try {
        showProblem(composer.element, status, null);
        showPreview(preview, await staffApi('/api/admin/campaigns/preview', { method: 'POST', body: composer.content() }));
        status.textContent = 'Preview below.';
      } catch (error) {
        showProblem(composer.element, status, error);
      }
    });
    desk.replaceChildren(
      el('h3', { id: 'campaign-heading', tabindex: -1 },
        campaign ? `${topicText(campaign.topic)} campaign: ${campaign.status}` : 'New campaign'),
      status, composer.element, preview,
      ...(campaign ? [controls(campaign, status, (changed) => { edit(changed); load(); })] : []));
    desk.querySelector('h3').focus();
  }

  load();
}

/** Topic, audience languages and a variant per language; content() reads it back as the API's CampaignContent. */
function composeForm(campaign) {
  const [topic, topicField] = select('Topic (who receives it: subscribers to this topic)', TOPICS, campaign.topic,
    { 'data-field': 'topic' });
  const audience = LANGUAGES.map(([code, name]) => checkbox(name, campaign.languages.includes(code), { value: code }));
  const variants = LANGUAGES.map(([code, name]) => {
    const variant = campaign.variants?.[code] ?? {};
    const at = (field) => `variants.${code}.${field}`;
    const [subject, subjectField] = input('Subject', { maxlength: 200, value: variant.subject ?? '', 'data-field': at('subject') });
    const [warning, warningField] = input('Content-warning line (optional)', { maxlength: 300,
      value: variant.contentWarning ?? '', 'data-field': at('contentWarning') }, 'One line, shown first in the mail.');
    const [body, bodyField] = textarea('Body (Markdown)', variant.body, { rows: 10, 'data-field': at('body') },
      'Markdown only: no raw HTML and no images; links may be https, http or mailto.');
    return {
      code,
      element: el('fieldset', { 'data-field': `variants.${code}` }, el('legend', {},
        code === 'en' ? `${name} (required; subscribers whose language has no variant get it)` : `${name} (optional)`),
      subjectField, warningField, bodyField),
      read: () => ({ subject: subject.value.trim(), body: body.value, contentWarning: blankToNull(warning.value) }),
      empty: () => !subject.value.trim() && !body.value.trim() && !warning.value.trim(),
    };
  });
  const previewButton = el('button', { type: 'button', class: 'secondary' }, 'Preview');
  const fields = el('fieldset', { class: 'plain' }, el('legend', { class: 'visually-hidden' }, 'Campaign content'),
    topicField,
    el('fieldset', { 'data-field': 'languages' }, el('legend', {}, 'Send to subscribers who read'), audience.map(([, node]) => node)),
    variants.map((variant) => variant.element),
    el('button', { type: 'submit', class: 'primary' }, campaign.id ? 'Save draft' : 'Create draft'));
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
  container.replaceChildren(el('h4', {}, 'Preview'), ...Object.entries(previews).map(([language, preview]) => el('article',
    { class: 'preview', 'data-preview-language': language, 'aria-label': `Preview, ${language}` },
    el('p', {}, el('strong', {}, 'Subject: '), preview.subject),
    el('div', { class: 'mail' }, copy(parse(preview.html))),
    el('details', {}, el('summary', {}, 'Plain-text version'), el('pre', {}, preview.text)))));
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
    el('details', {}, el('summary', {}, 'Send now'),
      el('p', { class: 'warning' }, 'This starts sending to every subscriber of the topic at once. Check the preview '
        + 'and a test mail first.'),
      el('button', { type: 'button', class: 'primary', onclick: act('send-now') }, 'Send to all subscribers now')));
  section.append(el('p', {},
    campaign.status === 'sending' ? el('button', { type: 'button', class: 'secondary', onclick: act('pause') }, 'Pause') : [],
    campaign.status === 'paused' ? el('button', { type: 'button', class: 'secondary', onclick: act('resume') }, 'Resume') : [],
    ['completed', 'cancelled'].includes(campaign.status) ? []
      : el('button', { type: 'button', class: 'secondary', onclick: act('cancel') }, 'Cancel the campaign')));
  if (!['draft', 'scheduled'].includes(campaign.status)) section.append(report(campaign));
  return section;
}

function testSendForm(campaign, status) {
  const [email, emailField] = input('Send a test to', { type: 'email', autocomplete: 'email', 'data-field': 'email' });
  const [language, languageField] = select('Language', [['', 'Every variant'], ...LANGUAGES], '', { 'data-field': 'language' });
  const form = el('form', { 'data-test-send': true, novalidate: true }, el('h4', {}, 'Test mail'),
    el('p', { class: 'hint' }, 'The saved campaign, with “[TEST]” before the subject and links that do nothing.'),
    emailField, languageField, el('button', { type: 'submit', class: 'secondary' }, 'Send test'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      showProblem(form, status, null);
      const sent = await staffApi(`/api/admin/campaigns/${campaign.id}/test-send`, { method: 'POST',
        body: { email: email.value.trim(), language: language.value || null } });
      status.textContent = `Test mail sent to ${sent.sentTo} (${sent.languages.join(', ')}).`;
    } catch (error) {
      showProblem(form, status, error);
    }
  });
  return form;
}

function scheduleForm(campaign, act) {
  const [sendAt, sendAtField] = input('Send at (local date and time)', { type: 'datetime-local', 'data-field': 'sendAt',
    value: campaign.scheduledLocal?.substring(0, 16) ?? '' });
  const [zone, zoneField] = input('Time zone', { 'data-field': 'zone',
    value: campaign.scheduleZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone }, 'IANA name, e.g. America/New_York.');
  const form = el('form', { 'data-schedule': true, novalidate: true }, el('h4', {}, 'Schedule'),
    campaign.scheduledLocal ? el('p', {}, `Scheduled for ${scheduleText(campaign)}.`) : [],
    sendAtField, zoneField, el('button', { type: 'submit', class: 'secondary' }, 'Schedule'));
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
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const element = el('section', { 'aria-labelledby': 'campaign-report-heading' },
    el('h4', { id: 'campaign-report-heading' }, 'Delivery'),
    el('p', {}, el('label', { for: 'campaign-progress' }, 'Handled so far'), bar, ' ', barText), progress,
    el('button', { type: 'button', class: 'secondary', onclick: () => refresh() }, 'Refresh'),
    el('table', {}, el('caption', {}, 'Who was missed (failed or bounced)'),
      el('thead', {}, el('tr', {}, ['Address', 'Outcome', 'Attempts', 'Reason', 'When'].map((h) => el('th', { scope: 'col' }, h)))),
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
      barText.textContent = `${handled} of ${now.total}${now.audienceComplete ? '' : ' so far'}`
        + (now.total ? ` (${Math.floor(100 * handled / now.total)} %)` : '')
        + (now.secondsLeft == null ? '' : `, about ${Math.ceil(now.secondsLeft / 60)} min left`)
        + ` at ${now.ratePerSecond.toFixed(1)} mails per second`;
      progress.replaceChildren(
        ...Object.entries(now.counts).flatMap(([state, count]) => [el('dt', {}, state), el('dd', {}, String(count))]),
        el('dt', {}, 'total'), el('dd', {}, `${now.total}${now.audienceComplete ? '' : ' (still growing)'}`),
        el('dt', {}, 'rate'), el('dd', {}, `${now.ratePerSecond.toFixed(1)} mails per second`),
        ...(now.secondsLeft == null ? [] : [el('dt', {}, 'time left'), el('dd', {}, `about ${Math.ceil(now.secondsLeft / 60)} min`)]));
      last = null;
      missedRows.replaceChildren();
      await missed();
      if (now.status === 'sending') timer = setTimeout(() => { if (element.isConnected) refresh(); }, 5000);
    } catch (error) {
      progress.replaceChildren(el('dt', {}, 'error'), el('dd', {}, error.message));
    }
  }

  async function missed() {
    const page = await staffApi(`/api/admin/campaigns/${campaign.id}/missed?limit=${MISSED_PAGE}${last ? `&after=${last}` : ''}`);
    missedRows.append(...page.map((row) => el('tr', {}, el('td', {}, row.address), el('td', {}, row.state),
      el('td', {}, String(row.attempts)), el('td', {}, row.reason ?? ''), el('td', {}, when(row.at)))));
    last = page.at(-1)?.subscriberId ?? last;
    more.hidden = page.length < MISSED_PAGE;
  }

  more.addEventListener('click', () => missed());
  refresh();
  return element;
}
