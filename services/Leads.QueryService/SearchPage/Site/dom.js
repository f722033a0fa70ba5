// Builds elements from text only: user data never goes through innerHTML.

/** el('li', { class: 'x', 'aria-label': 'y' }, 'text', child, ...): attributes as given, children as text or nodes. */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces every child of node. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

export const byId = (id) => document.getElementById(id);

/** A term/definition pair for a <dl>. */
export const fact = (term, value) => [el('dt', null, term), el('dd', null, value === '' || value === undefined ? '—' : value)];
