/** The zh-CN / English toggle shown in the header and on the login page. */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './language-provider';

export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const other = language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button type={light ? 'default' : 'text'} lang={other} aria-label={t('lang.switchLabel')} onClick={() => setLanguage(other)} data-testid="lang-switch">
      {t('lang.switchTo')}
    </Button>
  );
}
