/** Overdue and supervised cases under the cockpit's filters, and the period's hot issues and words. */
import { Card, Empty, Spin, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchCases } from '../cases/cases-api';
import { drillDownPath, drillDownQuery, fetchHotIssues, fetchHotWords, STATS_KEYS, type StatsFilters } from './stats-api';

export function CaseListCard({ filters, figure, title }: { filters: StatsFilters; figure: 'overdue' | 'supervised'; title: string }) {
  const { t } = useTranslation();
  const query = { ...drillDownQuery(filters, { figure }), pageSize: 6 };
  const cases = useQuery({ queryKey: ['cases', 'list', query], queryFn: () => fetchCases(query) });
  return (
    <Card size="small" title={title} extra={<Link to={drillDownPath(filters, { figure })}>{t('cockpit.viewAll')}</Link>} data-testid={`cockpit-${figure}-list`}>
      {cases.isLoading ? (
        <Spin />
      ) : cases.data?.items.length ? (
        <ul className="cockpit-list">
          {cases.data.items.map((item) => (
            <li key={item.id}>
              <Link to={`/cases/${item.id}`}>{item.title}</Link>
              <span className="code">{item.trackingCode}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Empty description={t('cockpit.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

export function HotCard({ filters }: { filters: StatsFilters }) {
  const { t } = useTranslation();
  const issues = useQuery({ queryKey: STATS_KEYS.hotIssues(filters), queryFn: () => fetchHotIssues(filters) });
  const words = useQuery({ queryKey: STATS_KEYS.hotWords(filters), queryFn: () => fetchHotWords(filters) });
  const max = Math.max(1, ...(words.data ?? []).map((w) => w.count));
  return (
    <Card size="small" title={t('cockpit.hotIssues')} data-testid="cockpit-hot">
      {issues.isLoading ? (
        <Spin />
      ) : issues.data?.length ? (
        <ul className="cockpit-list">
          {issues.data.map((issue) => (
            <li key={`${issue.title}-${issue.caseIds[0] ?? ''}`}>
              <Link to={`/cases/${issue.caseIds[0] ?? ''}`}>{issue.title}</Link>
              <Tag>{t('cockpit.hotIssueSize', { count: issue.size })}</Tag>
            </li>
          ))}
        </ul>
      ) : (
        <Empty description={t('cockpit.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      <p className="cockpit-subtitle">{t('cockpit.hotWords')}</p>
      <div className="cockpit-words" data-testid="cockpit-hot-words">
        {(words.data ?? []).slice(0, 30).map((w) => (
          <Link
            key={w.word}
            to={`/cases?${new URLSearchParams({ ...drillDownQuery(filters, { figure: 'received' }), q: w.word }).toString()}`}
            style={{ fontSize: `${12 + Math.round((w.count / max) * 14)}px` }}
            title={`${w.word} ${w.count}`}
          >
            {w.word}
          </Link>
        ))}
      </div>
    </Card>
  );
}
