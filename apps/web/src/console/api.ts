/**
 * The console's API client: JSON (or multipart) over fetch with the session cookie, the
 * CSRF token on every state-changing call, the console's language as `Accept-Language`,
 * and `ApiError` for every failure.
 */
import { ApiError, apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import type { Page } from '../shared/contract-types';
import { readLanguage } from '../shared/language';

export { ApiError };

/** Query parameters of list endpoints (and filters such as `unitId`). */
export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;
let onCsrfInvalid: (() => void) | null = null;

/** Remembers the CSRF token returned by login and `GET /me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any call other than login / me answers 401 (the session ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Called when the server rejects the CSRF token (e.g. the session was renewed elsewhere). */
export function setCsrfInvalidHandler(handler: (() => void) | null): void {
  onCsrfInvalid = handler;
}

const SESSION_PATHS = ['/api/v1/auth/login', '/api/v1/me'];

/** Sends one request; resolves with the parsed JSON body (undefined for 204). */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': readLanguage() };
  const form = options.body instanceof FormData ? options.body : undefined;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    const error = await apiErrorFrom(response);
    if (error.status === 401 && !SESSION_PATHS.includes(path)) onUnauthorized?.();
    if (error.code === 'AUTH_CSRF_INVALID') onCsrfInvalid?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `GET` a JSON resource. */
export function get<T>(path: string, query?: Query): Promise<T> {
  return request<T>('GET', path, { query });
}

/** `POST` a JSON body. */
export function post<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, { body });
}

/** `POST` a multipart form (file uploads). */
export function postForm<T>(path: string, form: FormData): Promise<T> {
  return request<T>('POST', path, { body: form });
}

/** `PATCH` a JSON body. */
export function patch<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', path, { body });
}

/** One page of a list endpoint. */
export function fetchPage<T>(path: string, query: Query): Promise<Page<T>> {
  return get<Page<T>>(path, query);
}

/** Largest page the list endpoints serve. */
export const MAX_PAGE_SIZE = 500;

/** Every item of a list endpoint, paging through with the largest page size. */
export async function fetchAll<T>(path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= 200; page += 1) {
    const result = await fetchPage<T>(path, { ...query, page, pageSize: MAX_PAGE_SIZE });
    items.push(...result.items);
    if (result.items.length < MAX_PAGE_SIZE || items.length >= result.total) break;
  }
  return items;
}

/** Collection paths of the organisation endpoints. */
export const PATHS = {
  login: '/api/v1/auth/login',
  logout: '/api/v1/auth/logout',
  me: '/api/v1/me',
  units: '/api/v1/units',
  deputies: '/api/v1/deputies',
  departments: '/api/v1/departments',
  categories: '/api/v1/categories',
  appealKinds: '/api/v1/appeal-kinds',
  topics: '/api/v1/topics',
  users: '/api/v1/users',
  cases: '/api/v1/cases',
  caseWorklists: '/api/v1/cases/worklists',
  caseBatchAssign: '/api/v1/cases/batch/assign',
  attachments: '/api/v1/attachments',
  imports: '/api/v1/imports',
  importPreview: '/api/v1/imports/preview',
  notifications: '/api/v1/notifications',
} as const;
