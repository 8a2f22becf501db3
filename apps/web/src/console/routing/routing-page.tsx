/**
 * `/console/routing` (admins): whether the routing model can be trained now and, if not, why;
 * a button that queues training; and every model trained, with its quality beside the keyword
 * fallback's and the reason it was or was not activated.
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { routingApi, type RoutingModel } from './routing-api';

export function RoutingPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [force, setForce] = useState(false);
  const models = useQuery({ queryKey: ['routing-models'], queryFn: routingApi.models });
  const train = useMutation({
    mutationFn: () => routingApi.train(force),
    onSuccess: () => {
      void message.success(t('routing.queued'));
      // The job runs in the worker; look again shortly.
      setTimeout(() => void client.invalidateQueries({ queryKey: ['routing-models'] }), 3000);
    },
    onError: () => void client.invalidateQueries({ queryKey: ['routing-models'] }),
  });
  const readiness = models.data?.readiness;
  const outcome = (m: RoutingModel): string => {
    const code = m.metrics.reasonCode;
    if (!code) return m.metrics.reason ?? '';
    return t(`routing.reasons.${code}`, { covered: m.metrics.covered, need: m.metrics.minCovered });
  };
  return (
    <>
      <PageHeader title={t('routing.title')} intro={t('routing.intro')} />
      {readiness && (
        <Alert
          type={readiness.ready ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message={t(readiness.ready ? 'routing.ready' : 'routing.notReady', { ...readiness })}
          data-testid="routing-readiness"
        />
      )}
      {train.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={errorText(train.error)} data-testid="routing-train-error" />}
      <Flex gap="middle" align="center" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => train.mutate()} loading={train.isPending} data-testid="routing-train">
          {t('routing.train')}
        </Button>
        <Checkbox checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="routing-force">
          {t('routing.force')}
        </Checkbox>
      </Flex>
      <Table<RoutingModel>
        rowKey="id"
        size="small"
        loading={models.isLoading}
        dataSource={models.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('routing.empty') }}
        data-testid="routing-models"
        columns={[
          { title: t('routing.createdAt'), render: (_, m) => formatDateTime(m.createdAt, language) },
          { title: t('routing.status'), render: (_, m) => (m.active ? <Tag color="green">{t('routing.active')}</Tag> : <Tag>{t('routing.inactive')}</Tag>) },
          { title: t('routing.macroF1'), render: (_, m) => m.metrics.macroF1 ?? '' },
          { title: t('routing.fallback'), render: (_, m) => m.metrics.fallbackMacroF1 ?? '' },
          { title: t('routing.covered'), render: (_, m) => (m.metrics.covered !== undefined ? `${m.metrics.covered} / ${m.metrics.totalCategories}` : '') },
          { title: t('routing.labelled'), render: (_, m) => m.metrics.labelled ?? '' },
          { title: t('routing.outcome'), render: (_, m) => outcome(m) },
        ]}
      />
    </>
  );
}
