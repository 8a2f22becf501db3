/** Words the citizen pages derive from API data: error sentences by code, status names. */
import { ApiError } from '../shared/api-error';
import type { MessageKey, Translate } from './i18n';

/** A sentence for any failure, localized by the API's error code. */
export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errUnknown', { code: error instanceof Error ? error.name : 'ERROR' });
  switch (error.code) {
    case 'NETWORK_ERROR':
      return t('errNetwork');
    case 'RATE_LIMITED':
      return error.retryAfterSeconds ? t('errRateLimited', { seconds: error.retryAfterSeconds }) : t('errRateLimitedNoTime');
    case 'VALIDATION_FAILED':
      return t('errValidation');
    case 'PAYLOAD_TOO_LARGE':
      return t('errTooLarge');
    case 'MEDIA_TYPE_UNSUPPORTED':
      return t('errMediaType');
    case 'TRACKING_CODE_INVALID':
      return t('errTrackingCode');
    case 'RESOURCE_NOT_FOUND':
      return t('errNotFound');
    case 'CASE_INVALID_TRANSITION':
    case 'CASE_VERSION_CONFLICT':
      return t('errTransition');
    case 'DUPLICATE':
      return t('errDuplicate');
    case 'INTERNAL_ERROR':
    case 'SERVICE_UNAVAILABLE':
      return t('errServer');
    default:
      return error.status >= 500 ? t('errServer') : t('errUnknown', { code: error.code });
  }
}

const STATUS_KEYS: Record<string, MessageKey> = {
  submitted: 'statusSubmitted',
  accepted: 'statusAccepted',
  assigned: 'statusAssigned',
  in_progress: 'statusInProgress',
  replied: 'statusReplied',
  closed: 'statusClosed',
  rejected: 'statusRejected',
  reopened: 'statusReopened',
  merged: 'statusMerged',
  converted: 'statusConverted',
};

/** The name of a case status in the current language (the code itself when unknown). */
export function statusName(status: string, t: Translate): string {
  const key = STATUS_KEYS[status];
  return key ? t(key) : status;
}

/** Dictionary keys of the three ratings. */
export const RATING_KEYS = {
  satisfied: 'rateSatisfied',
  basically_satisfied: 'rateBasic',
  unsatisfied: 'rateUnsatisfied',
} as const satisfies Record<string, MessageKey>;
