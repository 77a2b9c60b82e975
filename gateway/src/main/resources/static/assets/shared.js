// Used by the public site and the staff portal alike.

/** The content-warning taxonomy of stories-service, as slugs. */
export const WARNINGS = ['sexual-violence', 'child-abuse', 'self-harm', 'violence', 'substance-use'];

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
