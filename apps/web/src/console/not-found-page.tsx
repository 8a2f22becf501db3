/** Any other `/console/...` address. */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from './common/use-page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('pages.notFoundTitle'));
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('pages.notFoundTitle')}</h1>}
      subTitle={t('pages.notFoundText')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('pages.backHome')}
        </Button>
      }
    />
  );
}
