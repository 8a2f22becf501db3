/**
 * The error every API client in the web app throws: the server's
 * `{ error: { code, message, details } }` shape, plus the HTTP status.
 */

/** One problem with one input field. */
export interface ApiErrorDetail {
  path: string;
  code: string;
  message?: string;
}

/** A failed API call. `code` is the server's error code, or `NETWORK_ERROR` / `HTTP_<status>`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  /** Seconds to wait before retrying, from `Retry-After` (429/423). */
  readonly retryAfterSeconds?: number;

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = [], retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({
    path: typeof d.path === 'string' ? d.path : Array.isArray(d.path) ? d.path.join('.') : '',
    code: typeof d.code === 'string' ? d.code : 'invalid',
    message: typeof d.message === 'string' ? d.message : undefined,
  }));
}

/** Builds an `ApiError` from a non-2xx response, whatever its body. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const retryHeader = Number(response.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : response.statusText;
    return new ApiError(response.status, error.code, message, toDetails(error.details), retryAfter);
  }
  const text = response.statusText || `HTTP ${response.status}`;
  return new ApiError(response.status, `HTTP_${response.status}`, text, [], retryAfter);
}

/** The error thrown when the request never got an answer. */
export function networkError(cause: unknown): ApiError {
  const message = cause instanceof Error ? cause.message : 'Network error';
  return new ApiError(0, 'NETWORK_ERROR', message);
}

/** Appends defined, non-empty query parameters to a path. */
export function withQuery(path: string, query?: Record<string, string | number | boolean | null | undefined>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}
