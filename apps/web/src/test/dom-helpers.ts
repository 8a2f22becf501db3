/** Small DOM helpers for the web app's happy-dom tests (no testing-library dependency). */
import { act } from 'react';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Types into an input the way React notices (native setter + input event). */
export function setInput(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  // React tracks the value through the prototype's setter, so call that one, not the instance's.
  const setValue = (target: Element, next: string) => Reflect.set(proto, 'value', next, target);
  act(() => {
    setValue(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Clicks inside `act`. */
export function click(el: Element): void {
  act(() => {
    (el as HTMLElement).click();
  });
}

/** The element with `data-testid`, or an error showing the page. */
export function byTestId<T extends Element = HTMLElement>(id: string): T {
  const el = document.querySelector(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid=${id}] in ${document.body.innerHTML.slice(0, 2000)}`);
  return el as unknown as T;
}

/** Retries `fn` until it stops throwing (the machine may be slow). */
export function wait<T>(fn: () => T): Promise<T> {
  return vi.waitFor(fn, { timeout: 8000, interval: 50 });
}

/** A fake API: returns a status and JSON body, or undefined for 404. */
export type Handler = (method: string, url: URL, body: unknown, headers: Headers) => { status: number; body?: unknown } | undefined;

/** Every request the fake API saw. */
export const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];

/** Replaces `fetch` with `handler`. */
export function mockFetch(handler: Handler): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(init?.headers);
    calls.push({ method, path: url.pathname + url.search, body, headers });
    const result = handler(method, url, body, headers) ?? { status: 404, body: { error: { code: 'ROUTE_NOT_FOUND', message: 'no', details: [] } } };
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status: result.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

const mounted: Root[] = [];

/** Renders `element` into a fresh container; it is unmounted after the test. */
export async function render(element: ReactElement): Promise<void> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => root.render(element));
}

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = '';
});
