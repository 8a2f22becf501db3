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

/** Types a date or time into one of antd's pickers and presses Enter, as a person commits it. */
export function typeInPicker(el: HTMLInputElement, value: string): void {
  setInput(el, value);
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
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

/** What the fake API answers: a status and JSON body (plus headers), or `network: true` for a request that never arrives. */
export type FakeResponse = { status: number; body?: unknown; headers?: Record<string, string> } | { network: true };

/** A fake API: returns a response, or undefined for 404. Multipart bodies arrive as `FormData`. */
export type Handler = (method: string, url: URL, body: unknown, headers: Headers) => FakeResponse | undefined;

/** Every request the fake API saw. */
export const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];

/** Replaces `fetch` with `handler`. */
export function mockFetch(handler: Handler): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body instanceof FormData ? init.body : undefined;
    const headers = new Headers(init?.headers);
    calls.push({ method, path: url.pathname + url.search, body, headers });
    const result = handler(method, url, body, headers) ?? { status: 404, body: { error: { code: 'ROUTE_NOT_FOUND', message: 'no', details: [] } } };
    if ('network' in result) throw new TypeError('Failed to fetch');
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status: result.status,
      headers: { 'Content-Type': 'application/json', ...result.headers },
    });
  };
  fakeXhr(handler);
}

/**
 * `XMLHttpRequest` routed to the same fake API (the citizen pages upload with XHR for its
 * progress events). Reports one progress event half-way, then the answer.
 */
function fakeXhr(handler: Handler): void {
  class FakeXhr {
    status = 0;
    statusText = '';
    responseText = '';
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers = new Headers();
    private aborted = false;
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value);
    }
    getResponseHeader() {
      return null;
    }
    abort() {
      this.aborted = true;
      this.onabort?.();
    }
    send(body: unknown) {
      const url = new URL(this.url, 'http://localhost');
      calls.push({ method: this.method, path: url.pathname + url.search, body, headers: this.headers });
      setTimeout(() => {
        if (this.aborted) return;
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        setTimeout(() => {
          if (this.aborted) return;
          const result = handler(this.method, url, body, this.headers) ?? {
            status: 404,
            body: { error: { code: 'ROUTE_NOT_FOUND', message: 'no', details: [] } },
          };
          if ('network' in result) {
            this.onerror?.();
            return;
          }
          this.status = result.status;
          this.responseText = result.body === undefined ? '' : JSON.stringify(result.body);
          this.onload?.();
        }, 20);
      }, 20);
    }
  }
  (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr;
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
