/**
 * The guards' full-page answers (antd Result with its illustrations), in their own chunk: the
 * login page and a signed-in user with the right permission never load them.
 */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { AppFrame } from '../app-frame';
import { useErrorText } from '../common/use-error-text';

/** The session could not be read (not a 401): say so and offer to try again (outside the signed-in frame, so it brings antd's). */
export function SessionFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <AppFrame>
      <main className="console-center">
        <Result
          status="warning"
          title={<h1 className="result-title">{t('pages.sessionFailed')}</h1>}
          subTitle={errorText(error)}
          extra={
            <Button type="primary" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          }
        />
      </main>
    </AppFrame>
  );
}

/** The 403 page of a route the user may not see. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result status="403" title={<h1 className="result-title">{t('pages.forbiddenTitle')}</h1>} subTitle={t('pages.forbiddenText')} data-testid="forbidden" />
  );
}
