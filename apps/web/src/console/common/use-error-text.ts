/** Localizes any error by its API code (API.md: "the web app localizes by code"). */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** A function turning an error into a sentence in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const key = `errors.${error.code}`;
        let text = i18n.exists(key) ? t(key) : t('errors.unknown', { code: error.code });
        if (error.retryAfterSeconds && (error.code === 'RATE_LIMITED' || error.code === 'AUTH_ACCOUNT_LOCKED')) {
          text = `${text} ${t('errors.retryAfter', { seconds: error.retryAfterSeconds })}`;
        }
        return text;
      }
      return error instanceof Error ? error.message : String(error);
    },
    [t, i18n],
  );
}

/** Localized text of one validation detail: by its code, else the server's message. */
export function useDetailText(): (detail: { code: string; message?: string }) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (detail) => {
      const key = `validation.${detail.code}`;
      if (i18n.language === 'en' && detail.message) return detail.message;
      if (i18n.exists(key)) return t(key);
      return detail.message ?? t('validation.invalid');
    },
    [t, i18n],
  );
}
