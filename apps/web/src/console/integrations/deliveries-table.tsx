/** The delivery log of one subscription: status, attempts, last response code, latency; dead ones can be sent again. */
import type { WebhookDeliveryList } from '@lianxin/contracts';
import { App, Button, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { formatDateTime } from './format';
import { INTEGRATION_PATHS, type DeliveryStatus, type WebhookDelivery } from './integrations-api';

// antd's status presets follow the console theme's contrast-checked tokens.
const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'processing', retrying: 'warning', succeeded: 'success', dead: 'error' };

export function DeliveriesTable({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const key = ['integrations', 'deliveries', subscriptionId];
  const deliveries = useQuery({
    queryKey: key,
    queryFn: () => get<WebhookDeliveryList>(INTEGRATION_PATHS.deliveries, { subscriptionId, limit: 100 }),
    refetchInterval: 10_000,
  });
  const redeliver = useMutation({
    mutationFn: (id: string) => post<WebhookDelivery>(`${INTEGRATION_PATHS.deliveries}/${id}/redeliver`),
    onSuccess: () => void message.success(t('integrations.webhooks.redelivered')),
    onError: (error) => void message.error(errorText(error)),
    onSettled: () => void client.invalidateQueries({ queryKey: key }),
  });

  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('integrations.webhooks.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (iso: string) => formatDateTime(iso, language, '') },
    { title: t('integrations.webhooks.event'), dataIndex: 'eventType', key: 'eventType', render: (type: string) => <code>{type}</code> },
    {
      title: t('integrations.webhooks.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: DeliveryStatus, d) => (
        <Tooltip title={d.lastError ?? undefined}>
          <Tag color={STATUS_COLOR[status]}>{t(`integrations.webhooks.deliveryStatus.${status}`)}</Tag>
        </Tooltip>
      ),
    },
    { title: t('integrations.webhooks.attempts'), dataIndex: 'attempts', key: 'attempts', align: 'right' },
    {
      title: t('integrations.webhooks.statusCode'),
      dataIndex: 'lastStatusCode',
      key: 'lastStatusCode',
      align: 'right',
      render: (c: number | null) => c ?? '—',
    },
    { title: t('integrations.webhooks.latency'), dataIndex: 'lastLatencyMs', key: 'lastLatencyMs', align: 'right', render: (ms: number | null) => ms ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, d) =>
        d.status === 'dead' &&
        d.eventType !== 'ping' && (
          <Button type="link" size="small" loading={redeliver.isPending} onClick={() => redeliver.mutate(d.id)} data-testid={`delivery-redeliver-${d.id}`}>
            {t('integrations.webhooks.redeliver')}
          </Button>
        ),
    },
  ];
  return (
    <Table<WebhookDelivery>
      rowKey="id"
      size="small"
      loading={deliveries.isLoading}
      columns={columns}
      dataSource={deliveries.data?.items ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: true }}
      locale={{ emptyText: t('integrations.webhooks.noDeliveries') }}
    />
  );
}
