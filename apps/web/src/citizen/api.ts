/**
 * The citizen pages' API client: plain fetch (XHR for uploads, for their progress), JSON in
 * and out, the page's language as `Accept-Language`, `ApiError` on failure.
 */
import type { PublicReception, PublicReceptionList } from '@lianxin/contracts';
import { ApiError, apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import type {
  OpinionReceipt,
  OpinionSubmit,
  OpinionView,
  PublicAppealKind,
  PublicCategory,
  PublicChallenge,
  PublicDeputy,
  PublicUnit,
  RatingBody,
  UploadedAttachment,
} from '../shared/contract-types';
import { readLanguage } from '../shared/language';

export { ApiError };

type Query = Record<string, string | number | undefined>;

function baseHeaders(): Record<string, string> {
  return { Accept: 'application/json', 'Accept-Language': readLanguage() };
}

async function send<T>(method: 'GET' | 'POST', path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers = { ...baseHeaders(), ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return (await response.json()) as T;
}

/** The hub, its stations and their liaison points. */
export async function fetchPublicUnits(): Promise<PublicUnit[]> {
  const body = await send<{ items: PublicUnit[] }>('GET', '/api/v1/public/units');
  return body.items;
}

/** Public profiles of the deputies grouped into a unit. */
export async function fetchPublicDeputies(unitId: string): Promise<PublicDeputy[]> {
  const body = await send<{ items: PublicDeputy[] }>('GET', '/api/v1/public/deputies', { query: { unitId } });
  return body.items;
}

/** Every public deputy profile (to resolve a deputy's QR link). */
export async function fetchAllPublicDeputies(): Promise<PublicDeputy[]> {
  const body = await send<{ items: PublicDeputy[] }>('GET', '/api/v1/public/deputies', { query: { pageSize: 500 } });
  return body.items;
}

/** The two-level category tree, flat. */
export async function fetchPublicCategories(): Promise<PublicCategory[]> {
  const body = await send<{ items: PublicCategory[] }>('GET', '/api/v1/public/categories');
  return body.items;
}

/** 咨询 / 求助 / 投诉 / 建议 / 表扬. */
export async function fetchAppealKinds(): Promise<PublicAppealKind[]> {
  const body = await send<{ items: PublicAppealKind[] }>('GET', '/api/v1/public/appeal-kinds');
  return body.items;
}

/** One reception slot of the rota. */
export type { PublicReception } from '@lianxin/contracts';

/** Today's date in China (YYYY-MM-DD). */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Who is on duty today; an empty list when the rota is not published (or not there yet). */
export async function fetchTodayReceptions(): Promise<PublicReception[]> {
  const today = todayInChina();
  try {
    return (await send<PublicReceptionList>('GET', '/api/v1/public/receptions', { query: { from: today, to: today } })).items;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

/** A proof-of-work challenge (or `enabled: false`). */
export function fetchChallenge(): Promise<PublicChallenge> {
  return send<PublicChallenge>('GET', '/api/v1/public/challenge');
}

/** Submits an opinion; `idempotencyKey` makes a retry return the first answer. */
export function submitOpinion(body: OpinionSubmit, idempotencyKey: string): Promise<OpinionReceipt> {
  return send<OpinionReceipt>('POST', '/api/v1/public/opinions', { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

/** The citizen's view of their opinion; 404 for an unknown code or a wrong verify code. */
export function fetchOpinion(trackingCode: string, verify: string): Promise<OpinionView> {
  return send<OpinionView>('GET', `/api/v1/public/opinions/${encodeURIComponent(trackingCode)}`, { query: { verify } });
}

/** Rates the reply; answers the updated view. */
export function rateOpinion(trackingCode: string, body: RatingBody): Promise<OpinionView> {
  return send<OpinionView>('POST', `/api/v1/public/opinions/${encodeURIComponent(trackingCode)}/rating`, { body });
}

/** Address of one of the opinion's files. */
export function opinionAttachmentUrl(trackingCode: string, attachmentId: string, verify: string): string {
  return withQuery(`/api/v1/public/opinions/${encodeURIComponent(trackingCode)}/attachments/${encodeURIComponent(attachmentId)}`, { verify });
}

/** Address of the QR code (SVG) of a citizen page. */
export function qrCodeUrl(path: string): string {
  return withQuery('/api/v1/public/qr.svg', { path });
}

/** An upload in flight: its result, and a way to cancel it. */
export interface UploadHandle {
  promise: Promise<UploadedAttachment>;
  abort: () => void;
}

/** Uploads one photo or PDF (`multipart/form-data`, field `file`), reporting progress 0…1. */
export function uploadAttachment(file: Blob, fileName: string, onProgress?: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedAttachment>((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.open('POST', '/api/v1/public/attachments');
    for (const [name, value] of Object.entries(baseHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'aborted'));
    xhr.onload = () => {
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as UploadedAttachment);
        } catch (cause) {
          reject(networkError(cause));
        }
        return;
      }
      if (xhr.status < 200 || xhr.status > 599) {
        reject(networkError(new Error(`HTTP ${xhr.status}`)));
        return;
      }
      void apiErrorFrom(new Response(xhr.responseText || null, { status: xhr.status, statusText: xhr.statusText, headers })).then(reject);
    };
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
