/** API keys of outside systems: create (shown once), see when last used, revoke. */
import type { ApiKeyCreated, ApiKeyList } from '@lianxin/contracts';
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { formatDateTime } from './format';
import { INTEGRATION_PATHS, type ApiKey } from './integrations-api';
import { SecretOnceModal } from './secret-once';

const KEY = ['integrations', 'api-keys'];

export function ApiKeysPanel() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const keys = useQuery({ queryKey: KEY, queryFn: () => get<ApiKeyList>(INTEGRATION_PATHS.apiKeys) });

  const create = useMutation({
    mutationFn: (name: string) => post<ApiKeyCreated>(INTEGRATION_PATHS.apiKeys, { name }),
    onSuccess: (result) => {
      setCreating(false);
      form.resetFields();
      setShownKey(result.key);
    },
    onError: (error) => void message.error(errorText(error)),
    onSettled: () => void client.invalidateQueries({ queryKey: KEY }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => post<ApiKey>(`${INTEGRATION_PATHS.apiKeys}/${id}/revoke`),
    onSuccess: () => void message.success(t('integrations.apiKeys.revoked')),
    onError: (error) => void message.error(errorText(error)),
    onSettled: () => void client.invalidateQueries({ queryKey: KEY }),
  });

  const when = (iso: string | null) => formatDateTime(iso, language, t('integrations.apiKeys.never'));
  const columns: TableColumnsType<ApiKey> = [
    { title: t('integrations.apiKeys.name'), dataIndex: 'name', key: 'name' },
    { title: t('integrations.apiKeys.prefix'), dataIndex: 'prefix', key: 'prefix', render: (p: string) => <code>{p}…</code> },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, k) => (
        <Tag color={k.active ? 'success' : 'default'}>{k.active ? t('integrations.apiKeys.active') : t('integrations.apiKeys.revoked')}</Tag>
      ),
    },
    { title: t('integrations.apiKeys.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: when },
    { title: t('integrations.apiKeys.createdBy'), dataIndex: 'createdBy', key: 'createdBy' },
    { title: t('integrations.apiKeys.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: when },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, k) =>
        k.active && (
          <Popconfirm
            title={t('integrations.apiKeys.confirmRevoke', { name: k.name })}
            onConfirm={() => revoke.mutate(k.id)}
            okButtonProps={{ 'data-testid': `api-key-revoke-confirm-${k.id}` }}
          >
            <Button danger type="link" size="small" data-testid={`api-key-revoke-${k.id}`}>
              {t('integrations.apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 16 }} data-testid="api-key-create">
        {t('integrations.apiKeys.create')}
      </Button>
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        loading={keys.isLoading}
        columns={columns}
        dataSource={keys.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('integrations.apiKeys.empty') }}
      />
      <Modal
        open={creating}
        title={t('integrations.apiKeys.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'api-key-submit' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values.name)}>
          <Form.Item name="name" label={t('integrations.apiKeys.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input placeholder={t('integrations.apiKeys.namePlaceholder')} data-testid="api-key-name" />
          </Form.Item>
        </Form>
      </Modal>
      <SecretOnceModal
        title={t('integrations.apiKeys.createdTitle')}
        notice={t('integrations.apiKeys.createdNotice')}
        secret={shownKey}
        onClose={() => setShownKey(null)}
      />
    </>
  );
}
