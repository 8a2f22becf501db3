/** `/console/supervision`: key items (重点督办) — registered suggestions and motions a leader has taken — and their overdue issue items. */
import { Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../shared/format';
import { PageHeader } from '../common/page-header';
import { useLanguage } from '../language-provider';
import { clockColor } from '../proposals/proposals-page';
import { fetchProposals, PROPOSAL_KEYS, type ProposalSummary } from '../proposals/proposals-api';
import { usePermission } from '../session/permissions';
import { OverdueIssuesCard } from './overdue-issues-card';

export function SupervisionPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const query = { worklist: 'key', pageSize: 200 };
  const list = useQuery({ queryKey: PROPOSAL_KEYS.list(query), queryFn: () => fetchProposals(query) });
  // The server lists overdue items to those who report on them: the office, and departments (their own).
  const chases = usePermission()('supervision.report');
  return (
    <>
      <PageHeader title={t('proposals.supervision.title')} intro={t('proposals.supervision.intro')} />
      <Table<ProposalSummary>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('proposals.supervision.empty') }}
        columns={[
          { title: t('proposals.list.number'), dataIndex: 'number' },
          { title: t('proposals.list.titleCol'), dataIndex: 'title', render: (title: string, p) => <Link to={`/supervision/${p.id}`}>{title}</Link> },
          { title: t('proposals.detail.keyLeader'), dataIndex: 'keyLeader' },
          { title: t('proposals.list.leadUnit'), render: (_, p) => p.leadUnit?.name },
          { title: t('proposals.list.status'), dataIndex: 'statusLabel', render: (s: string) => <Tag>{s}</Tag> },
          {
            title: t('proposals.list.due'),
            render: (_, p) => (p.answerDueAt ? <Tag color={clockColor(p.clock)}>{formatDate(p.answerDueAt, language)}</Tag> : null),
          },
        ]}
      />
      {chases && <OverdueIssuesCard />}
    </>
  );
}
