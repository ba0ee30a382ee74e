/**
 * The only way the panel makes DOM: `h(tag, props, ...children)` over the few document methods it needs. Strings
 * become text nodes, tags and attributes come from allowlists (no `on*`, no `style`, no `src`, `href` only as
 * `#`), and there is no way to hand it markup. The narrow `ViewDocument` interface is also what lets the tests
 * render into a fake document.
 */

export interface ViewNode {
  readonly nodeType?: number;
}

export interface ViewEvent {
  preventDefault(): void;
}

export interface ViewElement extends ViewNode {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  appendChild(child: ViewNode): unknown;
  replaceChildren(...children: ViewNode[]): void;
  addEventListener(type: string, listener: (event: ViewEvent) => void): void;
  /** Form controls (the paste box). */
  value?: string;
  focus?(): void;
}

export interface ViewDocument {
  createElement(tag: string): ViewElement;
  createTextNode(text: string): ViewNode;
}

export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'a',
  'article',
  'button',
  'code',
  'details',
  'div',
  'h2',
  'h3',
  'header',
  'label',
  'li',
  'p',
  'pre',
  'section',
  'span',
  'strong',
  'summary',
  'textarea',
  'ul',
]);

export const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'aria-busy',
  'aria-describedby',
  'aria-label',
  'aria-labelledby',
  'aria-live',
  'class',
  'data-state',
  'data-testid',
  'disabled',
  'for',
  'href',
  'id',
  'open',
  'placeholder',
  'role',
  'rows',
  'spellcheck',
  'title',
  'type',
]);

export const ALLOWED_EVENTS: ReadonlySet<string> = new Set(['click', 'input', 'keydown', 'toggle']);

export type Child = ViewNode | string | false | null | undefined | readonly Child[];

export interface Props {
  /** Attribute values; `true` sets a boolean attribute, `false`/undefined leaves it out. */
  readonly [attribute: string]: string | number | boolean | undefined | Readonly<Record<string, (event: ViewEvent) => void>>;
}

export type H = (tag: string, props?: Props | null, ...children: Child[]) => ViewElement;

/** An `h` bound to a document. Throws on a tag, attribute or event outside the allowlists: a bug, not input. */
export function createH(doc: ViewDocument): H {
  const append = (parent: ViewElement, child: Child): void => {
    if (child === false || child === null || child === undefined) return;
    if (typeof child === 'string') parent.appendChild(doc.createTextNode(child));
    else if (isChildList(child)) for (const c of child) append(parent, c);
    else parent.appendChild(child);
  };
  return (tag, props, ...children) => {
    if (!ALLOWED_TAGS.has(tag)) throw new Error(`h: <${tag}> is not allowed in the panel`);
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(props ?? {})) {
      if (name === 'on') {
        for (const [event, listener] of Object.entries(value as Record<string, (event: ViewEvent) => void>)) {
          if (!ALLOWED_EVENTS.has(event)) throw new Error(`h: the ${event} event is not allowed`);
          element.addEventListener(event, listener);
        }
        continue;
      }
      if (!ALLOWED_ATTRIBUTES.has(name)) throw new Error(`h: the ${name} attribute is not allowed`);
      if (value === undefined || value === false) continue;
      if (name === 'href' && value !== '#') throw new Error('h: links point nowhere (href="#"); the host opens files');
      element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) append(element, child);
    return element;
  };
}

function isChildList(child: Child): child is readonly Child[] {
  return Array.isArray(child);
}
