/**
 * A tiny document for the panel's tests: elements with attributes, children and listeners, and text nodes.
 * It has no way to parse markup, so a test that finds only the elements it expects proves log text stayed text.
 */

import type { ViewDocument, ViewElement, ViewEvent, ViewNode } from './dom';

export class FakeText implements ViewNode {
  readonly nodeType = 3;
  constructor(readonly data: string) {}
}

export class FakeElement implements ViewElement {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  children: (FakeElement | FakeText)[] = [];
  readonly listeners = new Map<string, ((event: ViewEvent) => void)[]>();
  value?: string;
  focused = false;

  constructor(readonly tagName: string) {}

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  appendChild(child: ViewNode): unknown {
    if (!(child instanceof FakeElement || child instanceof FakeText)) throw new Error('only fake nodes can be appended');
    this.children.push(child);
    return child;
  }

  replaceChildren(...children: ViewNode[]): void {
    this.children = [];
    for (const child of children) this.appendChild(child);
  }

  addEventListener(type: string, listener: (event: ViewEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  focus(): void {
    this.focused = true;
  }

  /** Runs the listeners of an event; true when one called preventDefault. */
  dispatch(type: string, extra: Record<string, unknown> = {}): boolean {
    let prevented = false;
    const event = { ...extra, preventDefault: () => void (prevented = true) };
    for (const listener of this.listeners.get(type) ?? []) listener(event);
    return prevented;
  }

  get textContent(): string {
    return this.children.map((c) => (c instanceof FakeText ? c.data : c.textContent)).join('');
  }

  /** This element and every element below it, in document order. */
  *elements(): Generator<FakeElement> {
    yield this;
    for (const child of this.children) if (child instanceof FakeElement) yield* child.elements();
  }

  *texts(): Generator<FakeText> {
    for (const child of this.children) {
      if (child instanceof FakeText) yield child;
      else yield* child.texts();
    }
  }

  byTestId(id: string): FakeElement[] {
    return [...this.elements()].filter((e) => e.attributes.get('data-testid') === id);
  }
}

export class FakeDocument implements ViewDocument {
  readonly created: FakeElement[] = [];

  createElement(tag: string): FakeElement {
    const element = new FakeElement(tag);
    this.created.push(element);
    return element;
  }

  createTextNode(text: string): FakeText {
    return new FakeText(text);
  }
}
