/** Any other `/m/...` address. */
import { Link } from 'react-router';
import { useI18n } from './i18n';
import { useDocumentTitle } from './use-document-title';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('notFoundTitle'));
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h2 id="not-found-title">{t('notFoundTitle')}</h2>
      <p>{t('notFoundText')}</p>
      <p>
        <Link to="/">{t('backHome')}</Link>
      </p>
    </section>
  );
}
