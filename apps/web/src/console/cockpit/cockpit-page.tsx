/**
 * `/console/cockpit` (驾驶舱): the state of opinion collection at a glance, scoped to what
 * the viewer may see and filtered by period, station, category and channel (kept in the
 * address bar). Every figure links to the case list with the same filters.
 */
import { Alert, Button, Col, Flex, Row, Segmented, Select, Spin, TreeSelect } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { useCaseLabels } from '../cases/case-labels';
import { useCaseOptions } from '../cases/case-options';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { ExportButton } from '../exports/export-button';
import { useLanguage } from '../language-provider';
import { usePermission } from '../session/permissions';
import { OverdueIssuesCard } from '../supervision/overdue-issues-card';
import { barOption, pieOption, themeOf, trendOption } from './chart-options';
import { BreakdownCard } from './breakdown-card';
import { EChart } from './echart';
import { KpiCards } from './kpi-cards';
import { PERIODS, periodOf, periodRange } from './period';
import { CaseListCard, HotCard } from './side-lists';
import { StationLayout } from './station-layout';
import { stationFigures } from './station-model';
import { fetchOverview, STATS_KEYS, type StatsFilters } from './stats-api';
import './cockpit.css';

const CHANNELS = ['online', 'qr', 'walk_in', 'phone', 'visit', 'deputy_visit', 'letter', 'import', 'open311'] as const;

export function CockpitPage() {
  const { t } = useTranslation();
  // Overdue issue-list items (key supervision) go to those who report on them: the office and departments.
  const chasesIssues = usePermission()('supervision.report');
  const { language } = useLanguage();
  const errorText = useErrorText();
  const labels = useCaseLabels();
  const options = useCaseOptions();
  const [search, setSearch] = useSearchParams();
  const period = periodOf(search.get('period'));
  const filters: StatsFilters = {
    ...periodRange(period),
    underUnitId: search.get('underUnitId') ?? undefined,
    categoryId: search.get('categoryId') ?? undefined,
    channel: search.get('channel') ?? undefined,
  };
  const set = (key: string, value: string | undefined) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const overview = useQuery({
    queryKey: STATS_KEYS.overview(filters),
    queryFn: () => fetchOverview(filters),
    placeholderData: keepPreviousData,
    refetchInterval: 120_000,
  });
  const data = overview.data;
  const light = themeOf(false);

  return (
    <>
      <PageHeader
        title={t('cockpit.title')}
        intro={t('cockpit.intro')}
        extra={
          <Flex gap="small" wrap>
            <ExportButton kind="stats" query={filters} label={t('cockpit.export')} />
            <Button href="/screen" target="_blank" data-testid="cockpit-open-screen">
              {t('cockpit.openScreen')}
            </Button>
          </Flex>
        }
      />
      <Flex wrap gap="small" align="center" className="cockpit-filters" role="search">
        <Segmented
          aria-label={t('cockpit.period')}
          value={period}
          onChange={(value) => set('period', String(value))}
          options={PERIODS.map((p) => ({ value: p, label: t(`cockpit.periods.${p}`) }))}
          data-testid="cockpit-period"
        />
        <Select
          aria-label={t('cockpit.unit')}
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 180 }}
          placeholder={t('cockpit.allUnits')}
          value={filters.underUnitId}
          onChange={(value?: string) => set('underUnitId', value)}
          options={options.stationOptions}
          data-testid="cockpit-unit"
        />
        <TreeSelect
          aria-label={t('cockpit.category')}
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('cockpit.allCategories')}
          value={filters.categoryId}
          onChange={(value?: string) => set('categoryId', value)}
          treeData={options.categoryTree}
          data-testid="cockpit-category"
        />
        <Select
          aria-label={t('cockpit.channel')}
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('cockpit.allChannels')}
          value={filters.channel}
          onChange={(value?: string) => set('channel', value)}
          options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          data-testid="cockpit-channel"
        />
        <Button onClick={() => void overview.refetch()}>{t('cockpit.refresh')}</Button>
        {data && <span className="cockpit-hint">{t('cockpit.updatedAt', { time: formatDateTime(data.generatedAt, language) })}</span>}
      </Flex>
      {overview.error && <Alert type="error" showIcon message={t('cockpit.loadFailed')} description={errorText(overview.error)} />}
      {!data ? (
        <Spin />
      ) : (
        <Flex vertical gap={12} data-testid="cockpit">
          <KpiCards overview={data} filters={filters} />
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={14}>
              <StationLayout stations={stationFigures(options.units, data.byUnit)} filters={filters} />
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={12}>
                <EChart
                  option={trendOption(data.trend, { received: t('cockpit.trendReceived'), closed: t('cockpit.trendClosed') }, light)}
                  height={240}
                  label={t('cockpit.trend')}
                  testId="cockpit-trend"
                />
                <CaseListCard filters={filters} figure="overdue" title={t('cockpit.overdueList')} />
                <CaseListCard filters={filters} figure="supervised" title={t('cockpit.supervisedList')} />
                {chasesIssues && <OverdueIssuesCard compact />}
              </Flex>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12} xl={8}>
              <BreakdownCard
                title={t('cockpit.byCategory')}
                lines={data.byCategory}
                option={barOption(data.byCategory, light)}
                filters={filters}
                drill={(line) => (line.id ? { categoryId: line.id } : null)}
                testId="cockpit-by-category"
              />
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <BreakdownCard
                title={t('cockpit.byDepartment')}
                lines={data.byDepartment}
                option={barOption(data.byDepartment, light)}
                filters={filters}
                drill={(line) => (line.id ? { departmentId: line.id } : null)}
                testId="cockpit-by-department"
              />
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <BreakdownCard
                title={t('cockpit.byChannel')}
                lines={data.byChannel}
                option={pieOption(data.byChannel, light)}
                filters={filters}
                drill={(line) => (line.id ? { channel: line.id } : null)}
                testId="cockpit-by-channel"
              />
            </Col>
            <Col xs={24} lg={12} xl={12}>
              <HotCard filters={filters} />
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
