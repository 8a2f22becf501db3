/**
 * `/console/demo-outbox` (admins, demo mode only): the mail and text messages the demo install
 * sent to the log, newest first, recipients masked by the server, times in Beijing time.
 */
import { useState } from 'react';
import { Button, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DemoOutboxMessage, DemoOutboxPage } from '@lianxin/contracts';
import { get } from '../api';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { formatDateTime } from '../../shared/format';

/** Where the outbox is read. */
export const DEMO_OUTBOX_PATH = '/api/v1/demo/outbox';
const PAGE_SIZE = 20;

export function DemoOutboxPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const outbox = useQuery({
    queryKey: ['demo-outbox', page],
    queryFn: () => get<DemoOutboxPage>(DEMO_OUTBOX_PATH, { page, pageSize: PAGE_SIZE }),
    refetchInterval: 15_000,
  });
  const columns: TableColumnsType<DemoOutboxMessage> = [
    { title: t('demoOutbox.sentAt'), dataIndex: 'sentAt', key: 'sentAt', width: 170, render: (iso: string) => formatDateTime(iso, language) },
    {
      title: t('demoOutbox.channel'),
      dataIndex: 'channel',
      key: 'channel',
      width: 90,
      render: (channel: DemoOutboxMessage['channel']) => <Tag color={channel === 'sms' ? 'green' : 'blue'}>{t(`demoOutbox.channels.${channel}`)}</Tag>,
    },
    { title: t('demoOutbox.recipient'), dataIndex: 'recipient', key: 'recipient', width: 200 },
    { title: t('demoOutbox.subject'), dataIndex: 'subject', key: 'subject', render: (subject: string | null) => subject ?? '—' },
    {
      title: t('demoOutbox.text'),
      dataIndex: 'text',
      key: 'text',
      render: (text: string) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('demoOutbox.title')}
        intro={t('demoOutbox.intro')}
        extra={
          <Button onClick={() => void outbox.refetch()} data-testid="demo-outbox-refresh">
            {t('demoOutbox.refresh')}
          </Button>
        }
      />
      {outbox.error && <Typography.Paragraph type="danger">{errorText(outbox.error)}</Typography.Paragraph>}
      <Table<DemoOutboxMessage>
        data-testid="demo-outbox-table"
        rowKey="id"
        size="small"
        loading={outbox.isLoading}
        columns={columns}
        dataSource={outbox.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('demoOutbox.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: outbox.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('demoOutbox.total', { total }),
        }}
      />
    </>
  );
}
