/** `/console/proposals`: suggestions and motions in the caller's scope, with worklists, filters and XLSX export. */
import { useState } from 'react';
import { Button, Flex, Segmented, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../shared/format';
import { PageHeader } from '../common/page-header';
import { useLanguage } from '../language-provider';
import { usePermission } from '../session/permissions';
import { exportUrl, fetchProposals, PROPOSAL_KEYS, type ProposalSummary } from './proposals-api';

const STATUSES = ['draft', 'submitted', 'registered', 'assigned', 'answered', 'follow_up', 'closed', 'rejected', 'withdrawn'];

/** Colour of the answer clock. */
export function clockColor(clock: string | null): string | undefined {
  return clock === 'overdue' ? 'red' : clock === 'warning' ? 'gold' : undefined;
}

export function ProposalsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const may = usePermission();
  const [worklist, setWorklist] = useState<string>('all');
  const [type, setType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const query = { worklist: worklist === 'all' ? undefined : worklist, type, status, page, pageSize: 20 };
  const list = useQuery({ queryKey: PROPOSAL_KEYS.list(query), queryFn: () => fetchProposals(query) });
  const canDraft = may('proposal.draft');

  return (
    <>
      <PageHeader
        title={t('proposals.list.title')}
        intro={t('proposals.list.intro')}
        extra={
          <Space>
            <Button href={exportUrl('/api/v1/suggestions/export.xlsx', { type, status, worklist: query.worklist })} data-testid="proposals-export">
              {t('proposals.list.export')}
            </Button>
            {canDraft && (
              <Button type="primary" onClick={() => void navigate('/proposals/new')} data-testid="proposal-new">
                {t('proposals.list.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Flex wrap gap="middle" style={{ marginBottom: 16 }}>
        <Segmented
          aria-label={t('proposals.list.status')}
          value={worklist}
          onChange={(v) => {
            setWorklist(String(v));
            setPage(1);
          }}
          options={['all', 'invited', 'overdue', 'key'].map((k) => ({ value: k, label: t(`proposals.list.${k}`) }))}
        />
        <Select
          allowClear
          aria-label={t('proposals.list.type')}
          placeholder={t('proposals.list.type')}
          style={{ width: 120 }}
          value={type}
          onChange={(v) => setType(v)}
          options={['suggestion', 'motion'].map((k) => ({ value: k, label: t(`proposals.types.${k}`) }))}
        />
        <Select
          allowClear
          aria-label={t('proposals.list.status')}
          placeholder={t('proposals.list.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={STATUSES.map((k) => ({ value: k, label: k }))}
        />
      </Flex>
      <Table<ProposalSummary>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('proposals.list.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('proposals.list.number'), dataIndex: 'number', width: 140 },
          { title: t('proposals.list.type'), dataIndex: 'typeLabel', width: 70 },
          { title: t('proposals.list.titleCol'), dataIndex: 'title', render: (title: string, p) => <Link to={`/proposals/${p.id}`}>{title}</Link> },
          { title: t('proposals.list.lead'), render: (_, p) => p.leadDeputy.name },
          {
            title: t('proposals.list.status'),
            dataIndex: 'statusLabel',
            width: 100,
            render: (label: string, p) => <Tag data-testid={`proposal-status-${p.id}`}>{label}</Tag>,
          },
          { title: t('proposals.list.leadUnit'), render: (_, p) => p.leadUnit?.name },
          {
            title: t('proposals.list.due'),
            render: (_, p) => (p.answerDueAt ? <Tag color={clockColor(p.clock)}>{formatDate(p.answerDueAt, language)}</Tag> : null),
          },
          { title: t('proposals.list.answerClass'), dataIndex: 'answerClass', width: 80 },
          { title: t('proposals.list.rating'), render: (_, p) => (p.rating ? t(`proposals.ratings.${p.rating}`) : null) },
        ]}
      />
    </>
  );
}
