/** Placeholder for pages of the next issue (`/m/submit`, `/m/track`). */
import { Link } from 'react-router';
import { useI18n } from './i18n';
import { useDocumentTitle } from './use-document-title';
import type { MessageKey } from './i18n';

export function ComingSoonPage({ textKey }: { textKey: MessageKey }) {
  const { t } = useI18n();
  useDocumentTitle(t('comingSoonTitle'));
  return (
    <section className="page" aria-labelledby="coming-soon-title" data-testid="coming-soon">
      <h2 id="coming-soon-title">{t('comingSoonTitle')}</h2>
      <p>{t(textKey)}</p>
      <p>
        <Link to="/">{t('backHome')}</Link>
      </p>
    </section>
  );
}
