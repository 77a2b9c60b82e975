// Used by the public site and the staff portal alike.

/**
 * A service's taxonomies as it serves them (<code>{name: [{code, label: {en, es}}]}</code>): the owning service is the one
 * source of every list (content warnings, themes, kinds of help), so no page keeps a copy. Empty lists when it cannot
 * be reached: a page then offers no choice rather than a stale one.
 */
export async function taxonomies(path) {
  try {
    // never long: every public page waits for this, and a slow service must not hold up the hotlines
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'omit',
      signal: AbortSignal.timeout(2500) });
    if (response.ok) return await response.json();
  } catch {
    // unreachable: the callers fall back to empty lists
  }
  return {};
}

/** The codes of one taxonomy, in the order the service gives them. */
export const termCodes = (terms) => (terms ?? []).map((term) => term.code);

const stories = await taxonomies('/api/stories/taxonomies');
/** The content-warning taxonomy of stories-service: codes, and the terms with their labels. */
export const WARNINGS = termCodes(stories.contentWarnings);
export const STORY_TAXONOMIES = stories;

/** An element with attributes (on* are listeners) and children; text only, nothing is ever parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false && value != null) node.setAttribute(name, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(String(child ?? ''))));
  return node;
}
