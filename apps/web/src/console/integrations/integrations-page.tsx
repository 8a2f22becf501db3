/** `/console/integrations` (admins): API keys, webhooks and the Open311 endpoints. */
import { Alert, Descriptions, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header';
import { ApiKeysPanel } from './api-keys-panel';
import { WebhooksPanel } from './webhooks-panel';

function Open311Panel() {
  const { t } = useTranslation();
  const base = `${window.location.origin}/open311/v2`;
  const link = (path: string) => (
    <Typography.Link href={`${base}/${path}`} target="_blank" rel="noreferrer" copyable={{ text: `${base}/${path}` }}>
      {`${base}/${path}`}
    </Typography.Link>
  );
  return (
    <>
      <Typography.Paragraph>{t('integrations.open311.intro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" title={t('integrations.open311.endpoints')}>
        <Descriptions.Item label={t('integrations.open311.discovery')}>{link('discovery.xml')}</Descriptions.Item>
        <Descriptions.Item label={t('integrations.open311.services')}>{link('services.xml')}</Descriptions.Item>
        <Descriptions.Item label={t('integrations.open311.requests')}>{link('requests.xml')}</Descriptions.Item>
        <Descriptions.Item label={t('integrations.open311.updates')}>{link('servicerequestupdates.xml')}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon message={t('integrations.open311.privacy')} style={{ marginTop: 16 }} />
    </>
  );
}

export function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('integrations.title')} intro={t('integrations.intro')} />
      <Tabs
        items={[
          { key: 'api-keys', label: t('integrations.tabs.apiKeys'), children: <ApiKeysPanel /> },
          { key: 'webhooks', label: t('integrations.tabs.webhooks'), children: <WebhooksPanel /> },
          { key: 'open311', label: t('integrations.tabs.open311'), children: <Open311Panel /> },
        ]}
      />
    </>
  );
}
