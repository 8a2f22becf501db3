/** How an issue-list item's state and evidence files show in the lists (escalated and overdue in red). */
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IssueItem } from '../proposals/proposals-api';

/** Closed (on time or late), escalated, overdue, or nothing while open and on time. */
export function IssueStatusTag({ issue }: { issue: IssueItem }) {
  const { t } = useTranslation();
  if (issue.status === 'closed')
    return (
      <Tag color={issue.closedLate ? 'orange' : 'green'}>{issue.closedLate ? t('proposals.supervision.lateTag') : t('proposals.supervision.closedTag')}</Tag>
    );
  if (issue.escalated)
    return (
      <Tag color="red" data-testid={`issue-escalated-${issue.id}`}>
        {t('proposalExtras.issues.escalatedTag')}
      </Tag>
    );
  if (issue.overdue) return <Tag color="red">{t('proposals.supervision.overdueTag')}</Tag>;
  return null;
}

/** The evidence files as download links (the server checks who may see them). */
export function EvidenceFiles({ issue }: { issue: IssueItem }) {
  if (!issue.evidenceFiles?.length) return null;
  return (
    <Flex vertical gap={2} data-testid={`issue-files-${issue.id}`}>
      {issue.evidenceFiles.map((f, n) => (
        <a key={f.id} href={f.url} target="_blank" rel="noopener noreferrer">
          {f.originalName ?? `${n + 1}.${f.mime === 'application/pdf' ? 'pdf' : 'jpg'}`}{' '}
          <Typography.Text type="secondary">({Math.max(1, Math.round(f.size / 1024))} KB)</Typography.Text>
        </a>
      ))}
    </Flex>
  );
}
