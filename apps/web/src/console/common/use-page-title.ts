/**
 * Sets `document.title` to the page's own title and the product's name ("民意件 · 连心"), so
 * tabs, history and screen readers say which page is open. Follows the language switch: the
 * title passed in is already translated.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const name = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${name}` : t('app.title');
  }, [title, name, t]);
}
