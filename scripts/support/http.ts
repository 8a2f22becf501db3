/**
 * A small API client for fault scripts: JSON requests, sign-in with the session cookie and
 * CSRF token, and a network failure reported as status 0 (the server died mid-request: the
 * outcome is unknown, so nothing counts as acknowledged).
 */

/** A signed-in staff session (valid on every instance sharing the database). */
export interface StaffSession {
  cookie: string;
  csrf: string;
}

/** A response, or status 0 when the connection failed (then `body` is null, typed as T for brevity). */
export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** The answer bodies the scripts read (only the fields they use). */
export interface Receipt {
  trackingCode: string;
  secret?: string;
}
export interface CaseList {
  items: Array<{ id: string; trackingCode: string }>;
}
export interface CaseDetail {
  case: { id: string; status: string; version: number };
  events: Array<{ type: string }>;
}
export interface Me {
  user: { scope: { unitId: string | null } };
}
export interface Listing {
  items: Array<{ id: string }>;
}

/** Sends one JSON request. */
export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  url: string,
  options: { body?: unknown; session?: StaffSession; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) {
    headers.cookie = options.session.cookie;
    headers['x-csrf-token'] = options.session.csrf;
  }
  try {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T };
  } catch {
    return { status: 0, body: null as T };
  }
}

/** Signs in through the API. */
export async function signIn(baseUrl: string, username: string, password = 'lianxin-demo'): Promise<StaffSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}
