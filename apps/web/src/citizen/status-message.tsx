/** Loading and error states shared by the citizen pages. */
import type { ApiError } from '../shared/api-error';
import { useI18n } from './i18n';

/** A polite "loading" line. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="status" role="status">
      {t('loading')}
    </p>
  );
}

/** A failure with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="status status-error" role="alert">
      <p>{t('loadFailed', { message: error.message })}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('retry')}
      </button>
    </div>
  );
}
