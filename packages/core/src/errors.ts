/**
 * The one error type of Lianxin. Every failure the product reports to a caller is an
 * `AppError` with a code of the form `AREA_REASON`; the server maps the code to an HTTP
 * status and the shared error shape, and the web app localizes by code.
 */

/** HTTP status for each documented error code. Adding a code here documents it. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  REQUEST_MALFORMED: 400,
  CALENDAR_INVALID: 400,
  TRACKING_CODE_INVALID: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_SESSION_EXPIRED: 401,
  AUTH_CSRF_INVALID: 403,
  PERMISSION_DENIED: 403,
  RESOURCE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  CASE_VERSION_CONFLICT: 409,
  RECEPTION_FULL: 409,
  PAYLOAD_TOO_LARGE: 413,
  EXPORT_TOO_LARGE: 413,
  MEDIA_TYPE_UNSUPPORTED: 415,
  UNIT_INVALID_PARENT: 422,
  CATEGORY_INVALID_PARENT: 422,
  REFERENCE_INVALID: 422,
  ACTION_NOT_ALLOWED: 422,
  CASE_INVALID_TRANSITION: 422,
  PROPOSAL_INVALID_TRANSITION: 422,
  PROPOSAL_COSIGNERS_MISSING: 422,
  VOTING_INVALID_TRANSITION: 422,
  VOTE_ALREADY_CAST: 409,
  VOTE_NOT_ELIGIBLE: 403,
  VOTE_BALLOT_INVALID: 400,
  ROUTING_NOT_ENOUGH_LABELS: 422,
  AUTH_ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

/** A documented error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** All documented error codes, for OpenAPI and the web app's message catalogue. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** One problem with one input field, as in API.md's `details`. */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `contact.phone`; empty for the whole body. */
  path: string;
  /** Machine-readable reason, e.g. `too_small`, `invalid_type`, `unrecognized_keys`. */
  code: string;
  /** Human-readable explanation (English; the web app localizes by code). */
  message?: string;
}

/** Default English messages; callers may pass a more specific one. */
const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request has invalid fields.',
  REQUEST_MALFORMED: 'The request body could not be read.',
  CALENDAR_INVALID: 'The calendar data is invalid.',
  TRACKING_CODE_INVALID: 'This tracking code is not valid; please check it and try again.',
  AUTH_REQUIRED: 'Please sign in.',
  AUTH_INVALID_CREDENTIALS: 'Wrong username or password.',
  AUTH_SESSION_EXPIRED: 'Your session has expired; please sign in again.',
  AUTH_CSRF_INVALID: 'Missing or wrong CSRF token.',
  PERMISSION_DENIED: 'You are not allowed to do this.',
  RESOURCE_NOT_FOUND: 'Not found.',
  ROUTE_NOT_FOUND: 'No such endpoint.',
  METHOD_NOT_ALLOWED: 'Method not allowed.',
  VERSION_CONFLICT: 'Someone else changed this record; reload and try again.',
  DUPLICATE: 'A record with the same key already exists.',
  CASE_VERSION_CONFLICT: 'Someone else changed this case; reload and try again.',
  RECEPTION_FULL: 'This reception is fully booked; please choose another time.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  EXPORT_TOO_LARGE: 'Too many cases for one export; narrow the filters (for example a shorter period).',
  MEDIA_TYPE_UNSUPPORTED: 'Unsupported media type.',
  UNIT_INVALID_PARENT: 'This unit cannot be placed under that parent.',
  CATEGORY_INVALID_PARENT: 'Categories have two levels; choose a first-level parent.',
  REFERENCE_INVALID: 'A referenced record does not exist or is inactive.',
  ACTION_NOT_ALLOWED: 'This action is not allowed in the current state.',
  CASE_INVALID_TRANSITION: 'This action is not possible for the case in its current state.',
  PROPOSAL_INVALID_TRANSITION: 'This action is not possible for the suggestion or motion in its current state.',
  PROPOSAL_COSIGNERS_MISSING: 'More co-signatures are needed before submitting.',
  VOTING_INVALID_TRANSITION: 'This is not possible in the current phase of the voting round.',
  VOTE_ALREADY_CAST: 'You have already voted in this round.',
  VOTE_NOT_ELIGIBLE: 'You are not on the electorate of this vote.',
  VOTE_BALLOT_INVALID: 'The ballot is not valid.',
  ROUTING_NOT_ENOUGH_LABELS: 'Too few labelled cases to train a routing model.',
  AUTH_ACCOUNT_LOCKED: 'Too many failed sign-ins; the account is locked for a while.',
  RATE_LIMITED: 'Too many requests; please wait and try again.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
  SERVICE_UNAVAILABLE: 'The service is not ready.',
};

/** The product's single error type. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** Seconds the caller should wait before retrying (429/423). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, options: { message?: string; details?: ErrorDetail[]; retryAfterSeconds?: number } = {}) {
    super(options.message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? [];
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** True when `value` is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value);
}

/** Shorthand for a 404 that does not reveal whether the thing exists. */
export function notFound(what?: string): AppError {
  return new AppError('RESOURCE_NOT_FOUND', what ? { message: `${what} not found.` } : {});
}
