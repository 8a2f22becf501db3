/** `/console`: what the console is, and counts of the reference data. */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../shared/contract-types';
import { get, PATHS } from './api';
import { useAllUnits } from './common/lookups';
import { PageHeader } from './common/page-header';
import { hasPermission } from './session/permissions';
import { useCurrentUser } from './session/current-user';
import { CASE_KEYS, fetchWorklists } from './cases/cases-api';
import { useCaseLabels } from './cases/case-labels';

function useTotal(path: string, enabled: boolean) {
  return useQuery({
    queryKey: [path.split('/').pop(), 'total'],
    queryFn: async () => (await get<Page<unknown>>(path, { page: 1, pageSize: 1 })).total,
    enabled,
  });
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  // The counts link to the organisation pages: only for those who work there.
  const canView = hasPermission(user, 'org.browse');
  const units = useAllUnits(canView);
  const deputies = useTotal(PATHS.deputies, canView);
  const departments = useTotal(PATHS.departments, canView);
  const activeUnits = (units.data ?? []).filter((u) => u.active);

  const counts = [
    { key: 'stations', to: '/units', value: activeUnits.filter((u) => u.kind === 'station').length, loading: units.isPending },
    { key: 'points', to: '/units', value: activeUnits.filter((u) => u.kind === 'point').length, loading: units.isPending },
    { key: 'deputies', to: '/deputies', value: deputies.data, loading: deputies.isPending },
    { key: 'departments', to: '/departments', value: departments.data, loading: departments.isPending },
  ];

  return (
    <>
      <PageHeader title={t('home.title')} intro={t('home.intro')} />
      <Typography.Paragraph>{t('home.welcome', { name: user.displayName })}</Typography.Paragraph>
      {hasPermission(user, 'case.view') && <MyWorklists />}
      {canView && (
        <section aria-labelledby="counts-title">
          <Typography.Title level={2} id="counts-title" className="section-title">
            {t('home.countsTitle')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {counts.map((count) => (
              <Col key={count.key} xs={12} md={6}>
                <Card data-testid={`count-${count.key}`}>
                  <Statistic title={<Link to={count.to}>{t(`home.${count.key}`)}</Link>} value={count.value ?? '—'} loading={count.loading} />
                </Card>
              </Col>
            ))}
          </Row>
        </section>
      )}
    </>
  );
}

/** The signed-in user's worklists with their counts, each opening the case list. */
function MyWorklists() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const worklists = useQuery({ queryKey: CASE_KEYS.worklists, queryFn: fetchWorklists, retry: false });
  if (!worklists.data) return null;
  return (
    <section aria-labelledby="worklists-title" className="home-section">
      <Typography.Title level={2} id="worklists-title" className="section-title">
        {t('home.worklistsTitle')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {worklists.data.map((item) => (
          <Col key={item.key} xs={12} md={6} xl={3}>
            <Card size="small" data-testid={`worklist-${item.key}`}>
              <Statistic title={<Link to={`/cases?worklist=${item.key}`}>{labels.worklist(item.key)}</Link>} value={item.count} />
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}
