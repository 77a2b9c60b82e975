// The moderation desk: the queue oldest first, one story at a time with hints at what may identify someone,
// and the decisions (publish with redactions, reject with a reason the author reads, feature, resolve reports).
import { el, staffApi, WARNINGS } from './http.js';

const QUEUES = [
  { label: 'Waiting', query: 'status=SUBMITTED' },
  { label: 'Reported', query: 'status=PUBLISHED&flagged=true' },
  { label: 'Revisions', query: 'status=PUBLISHED&revisions=true' },
];

export function mountModeration(container) {
  const list = el('ul', { class: 'queue' });
  const desk = el('section', { class: 'desk', 'aria-live': 'polite' });
  // outlives the desk, which is cleared when the queue reloads after a decision
  const notice = el('p', { role: 'status', 'data-notice': true });
  const tabs = el('div', { role: 'group', 'aria-label': 'Queues' }, QUEUES.map((queue) =>
    el('button', { type: 'button', class: 'secondary', onclick: () => load(queue) }, queue.label)));
  container.replaceChildren(el('h2', {}, 'Moderation'), tabs, notice, list, desk);

  async function load(queue) {
    desk.replaceChildren();
    if (!notice.textContent.startsWith('Done')) notice.textContent = '';
    list.replaceChildren(el('li', {}, 'Loading…'));
    try {
      const stories = await staffApi(`/api/admin/stories?${queue.query}`);
      list.replaceChildren(...(stories.length ? stories.map((story) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => open(story.id, queue) },
          `${story.title || 'Untitled'} — ${story.language}, since ${new Date(story.submittedAt).toLocaleString()}`)))
        : [el('li', {}, `Nothing in “${queue.label}”.`)]));
    } catch (error) {
      list.replaceChildren(el('li', { class: 'error' }, error.message));
    }
  }

  async function open(id, queue) {
    notice.textContent = '';
    let story;
    try {
      story = await staffApi(`/api/admin/stories/${id}`);
    } catch (error) {
      desk.replaceChildren(el('p', { class: 'error' }, error.message));
      return;
    }
    const revision = story.pendingRevision;
    const shown = revision ?? story;
    const hints = revision ? story.revisionPiiHints : story.piiHints;
    const title = el('input', { type: 'text', id: 'm-title', value: shown.title ?? '', maxlength: 200 });
    const text = el('textarea', { id: 'm-text', rows: 16 });
    text.value = shown.text;
    const warnings = WARNINGS.map((slug) => el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: `m-${slug}`, value: slug, checked: (shown.contentWarnings ?? []).includes(slug) }),
      ' ', el('label', { for: `m-${slug}` }, slug)));
    const reason = el('textarea', { id: 'm-reason', rows: 3, maxlength: 2000 });
    const outcome = el('p', { role: 'status' });
    const decision = () => ({ version: story.version, title: title.value.trim() || null, text: text.value,
      contentWarnings: warnings.map((w) => w.querySelector('input')).filter((box) => box.checked).map((box) => box.value) });
    const act = (path, body, method = 'POST') => async () => {
      try {
        await staffApi(`/api/admin/stories/${id}${path}`, { method, body });
        notice.textContent = `Done: “${shown.title || 'Untitled'}”.`;
        load(queue);
      } catch (error) {
        // 409: another moderator acted first; reopening shows what they decided
        outcome.textContent = error.status === 409 ? `${error.message} Reopen the story to see the latest version.` : error.message;
      }
    };
    desk.replaceChildren(
      el('h3', {}, revision ? 'Revision waiting' : story.status),
      story.openReports ? el('p', { class: 'warning' }, `${story.openReports} open report(s).`) : [],
      hints?.length ? el('div', { class: 'warning' }, el('p', {}, 'May identify someone — consider redacting:'),
        el('ul', {}, hints.map((hint) => el('li', {}, `${hint.kind}: “${shown.text.substring(hint.start, hint.end)}”`)))) : [],
      el('label', { for: 'm-title' }, 'Title'), title,
      el('label', { for: 'm-text' }, 'Text (edit to redact before publishing)'), text,
      el('fieldset', {}, el('legend', {}, 'Content warnings'), warnings),
      el('p', {},
        revision
          ? el('button', { type: 'button', class: 'primary', onclick: () => act('/revision/approval', decision())() }, 'Approve revision')
          : story.status !== 'PUBLISHED'
            ? el('button', { type: 'button', class: 'primary', onclick: () => act('/publication', decision())() }, 'Publish') : [],
        ' ',
        story.status === 'PUBLISHED'
          ? [el('button', { type: 'button', class: 'secondary', onclick: act('/featured', { featured: true }, 'PUT') }, 'Feature'), ' ',
            el('button', { type: 'button', class: 'secondary', onclick: act('/featured', { featured: false }, 'PUT') }, 'Unfeature'), ' ']
          : [],
        story.openReports ? el('button', { type: 'button', class: 'secondary', onclick: act('/reports/resolution') }, 'Resolve reports') : []),
      story.status !== 'REJECTED' ? el('details', {}, el('summary', {}, revision ? 'Decline the revision' : 'Reject'),
        el('label', { for: 'm-reason' }, 'Reason (the author reads this through their private link)'), reason,
        el('button', { type: 'button', class: 'secondary',
          onclick: () => act(revision ? '/revision/rejection' : '/rejection', { version: story.version, reason: reason.value })() }, 'Send')) : [],
      outcome);
    text.focus();
  }

  load(QUEUES[0]);
}
