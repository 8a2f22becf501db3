/** Webhook subscriptions: subscribe a URL to case events, test ping, on/off, new secret, the delivery log. */
import type { WebhookCreated, WebhookList } from '@lianxin/contracts';
import { useState } from 'react';
import { Alert, App, Button, Collapse, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch, post } from '../api';
import { applyFieldErrors } from '../common/form-errors';
import { useDetailText, useErrorText } from '../common/use-error-text';
import { DeliveriesTable } from './deliveries-table';
import { INTEGRATION_PATHS, type WebhookDelivery, type WebhookSubscription } from './integrations-api';
import { SecretOnceModal } from './secret-once';

const KEY = ['integrations', 'webhooks'];

interface CreateValues {
  name: string;
  url: string;
  eventTypes: string[];
}

export function WebhooksPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const detailText = useDetailText();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<CreateValues>();
  const list = useQuery({ queryKey: KEY, queryFn: () => get<WebhookList>(INTEGRATION_PATHS.webhooks) });
  const refresh = () => void client.invalidateQueries({ queryKey: ['integrations'] });
  const onError = (error: unknown) => void message.error(errorText(error));

  const create = useMutation({
    mutationFn: (values: CreateValues) => post<WebhookCreated>(INTEGRATION_PATHS.webhooks, values),
    onSuccess: (result) => {
      setCreating(false);
      form.resetFields();
      setSecret(result.secret);
    },
    // A refused URL (e.g. an internal address) is shown on the URL field itself.
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && !applyFieldErrors(form, error.details, detailText).length) return;
      onError(error);
    },
    onSettled: refresh,
  });
  const toggle = useMutation({
    mutationFn: (s: WebhookSubscription) =>
      patch<WebhookSubscription>(`${INTEGRATION_PATHS.webhooks}/${s.id}`, { expectedVersion: s.version, active: !s.active }),
    onError,
    onSettled: refresh,
  });
  const rotate = useMutation({
    mutationFn: (s: WebhookSubscription) => post<WebhookCreated>(`${INTEGRATION_PATHS.webhooks}/${s.id}/rotate-secret`, { expectedVersion: s.version }),
    onSuccess: (result) => setSecret(result.secret),
    onError,
    onSettled: refresh,
  });
  const ping = useMutation({
    mutationFn: (s: WebhookSubscription) => post<WebhookDelivery>(`${INTEGRATION_PATHS.webhooks}/${s.id}/ping`),
    onSuccess: (d) =>
      d.status === 'succeeded'
        ? void message.success(t('integrations.webhooks.pingOk', { status: d.lastStatusCode, ms: d.lastLatencyMs }))
        : void message.error(t('integrations.webhooks.pingFailed', { error: d.lastError ?? d.lastStatusCode })),
    onError,
    onSettled: refresh,
  });

  const eventOptions = [{ value: '*', label: t('integrations.webhooks.allEvents') }, ...(list.data?.eventTypes ?? []).map((e) => ({ value: e, label: e }))];
  const columns: TableColumnsType<WebhookSubscription> = [
    { title: t('integrations.webhooks.name'), dataIndex: 'name', key: 'name' },
    { title: t('integrations.webhooks.url'), dataIndex: 'url', key: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
    {
      title: t('integrations.webhooks.eventTypes'),
      dataIndex: 'eventTypes',
      key: 'eventTypes',
      render: (types: string[]) => types.map((e) => <Tag key={e}>{e === '*' ? t('integrations.webhooks.allEvents') : e}</Tag>),
    },
    {
      title: t('common.status'),
      key: 'active',
      render: (_: unknown, s) => (
        <Tag color={s.active ? 'success' : 'default'}>{s.active ? t('integrations.webhooks.active') : t('integrations.webhooks.inactive')}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, s) => (
        <Space wrap size={0}>
          <Button type="link" size="small" disabled={!s.active} loading={ping.isPending} onClick={() => ping.mutate(s)} data-testid={`webhook-ping-${s.id}`}>
            {t('integrations.webhooks.ping')}
          </Button>
          <Button type="link" size="small" onClick={() => toggle.mutate(s)}>
            {s.active ? t('integrations.webhooks.switchOff') : t('integrations.webhooks.switchOn')}
          </Button>
          <Popconfirm title={t('integrations.webhooks.confirmRotate', { name: s.name })} onConfirm={() => rotate.mutate(s)}>
            <Button type="link" size="small">
              {t('integrations.webhooks.rotate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Collapse
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'verify',
            label: t('integrations.webhooks.verifyTitle'),
            children: <Typography.Paragraph>{t('integrations.webhooks.verifyText')}</Typography.Paragraph>,
          },
        ]}
      />
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }} data-testid="webhook-create">
        {t('integrations.webhooks.create')}
      </Button>
      <Table<WebhookSubscription>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('integrations.webhooks.empty') }}
        expandable={{ expandedRowRender: (s) => <DeliveriesTable subscriptionId={s.id} />, expandRowByClick: false }}
      />
      {list.error && <Alert type="error" message={errorText(list.error)} />}
      <Modal
        open={creating}
        title={t('integrations.webhooks.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<CreateValues> form={form} layout="vertical" initialValues={{ eventTypes: ['*'] }} onFinish={(values) => create.mutate(values)}>
          <Form.Item name="name" label={t('integrations.webhooks.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="webhook-name" />
          </Form.Item>
          <Form.Item
            name="url"
            label={t('integrations.webhooks.url')}
            extra={t('integrations.webhooks.urlHelp')}
            rules={[{ required: true, type: 'url', max: 500 }]}
          >
            <Input inputMode="url" placeholder="https://" data-testid="webhook-url" />
          </Form.Item>
          <Form.Item name="eventTypes" label={t('integrations.webhooks.eventTypes')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="multiple" options={eventOptions} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnceModal
        title={t('integrations.webhooks.secretTitle')}
        notice={t('integrations.webhooks.secretNotice')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
