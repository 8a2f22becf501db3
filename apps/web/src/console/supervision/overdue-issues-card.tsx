/**
 * Issue-list items past their deadline across all key items (`GET /api/v1/issues/overdue`),
 * escalated ones first with a red tag: what the office chases and the supervising leader sees.
 */
import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../shared/format';
import { useAllDepartments } from '../common/lookups';
import { useLanguage } from '../language-provider';
import { fetchOverdueIssues, PROPOSAL_KEYS, type IssueItem } from '../proposals/proposals-api';
import { IssueStatusTag } from './issue-tags';

/** `compact`: the cockpit's small card, without the explanation and top margin. */
export function OverdueIssuesCard({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const departments = useAllDepartments();
  const list = useQuery({ queryKey: [...PROPOSAL_KEYS.all, 'overdue-issues'], queryFn: fetchOverdueIssues });
  const names = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  return (
    <Card
      title={t('proposalExtras.issues.overdueList')}
      size={compact ? 'small' : 'default'}
      style={compact ? undefined : { marginTop: 16 }}
      data-testid="overdue-issues"
    >
      {!compact && <Typography.Paragraph type="secondary">{t('proposalExtras.issues.overdueIntro')}</Typography.Paragraph>}
      <Table<IssueItem & { proposalTitle: string }>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('proposalExtras.issues.empty') }}
        columns={[
          { title: t('proposals.fields.title'), dataIndex: 'title' },
          {
            title: t('proposalExtras.issues.keyItem'),
            render: (_, i) => <Link to={`/supervision/${i.proposalId}`}>{i.proposalTitle}</Link>,
          },
          { title: t('proposalExtras.issues.department'), render: (_, i) => (i.departmentId ? (names.get(i.departmentId) ?? '') : '') },
          { title: t('proposals.supervision.dueDate'), render: (_, i) => formatDate(i.dueAt, language) },
          { title: t('proposals.list.status'), render: (_, i) => <IssueStatusTag issue={i} /> },
        ]}
      />
    </Card>
  );
}
