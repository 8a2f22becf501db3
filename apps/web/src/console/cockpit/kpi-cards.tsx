/** The headline figures, each a link to the cases it counts. */
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { drillDownPath, type DrillDown, type Overview, type StatsFilters } from './stats-api';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
/** A figure as antd's Statistic shows it (thousands grouped with ','), so a link's name contains its visible text. */
const grouped = (value: string | number) => (typeof value === 'number' ? value.toLocaleString('en-US') : value);

export function KpiCards({ overview, filters }: { overview: Overview; filters: StatsFilters }) {
  const { t } = useTranslation();
  const none = t('cockpit.none');
  const cards: Array<{ key: string; value: string | number; suffix?: string; drill?: DrillDown; warn?: boolean }> = [
    { key: 'received', value: overview.received, drill: { figure: 'received' } },
    { key: 'accepted', value: overview.accepted, drill: { figure: 'accepted' } },
    { key: 'closed', value: overview.closed, drill: { figure: 'closed' } },
    { key: 'onTimeRate', value: percent(overview.onTimeRate) ?? none, suffix: overview.onTimeRate === null ? undefined : '%' },
    { key: 'satisfactionRate', value: percent(overview.satisfactionRate) ?? none, suffix: overview.satisfactionRate === null ? undefined : '%' },
    {
      key: 'avgHandleWorkdays',
      value: overview.avgHandleWorkdays === null ? none : t('cockpit.workdays', { value: overview.avgHandleWorkdays }),
    },
    { key: 'overdue', value: overview.overdue, drill: { figure: 'overdue' }, warn: overview.overdue > 0 },
    { key: 'supervised', value: overview.supervised, drill: { figure: 'supervised' } },
  ];
  return (
    <Row gutter={[12, 12]} className="cockpit-kpis">
      {cards.map((card) => {
        const statistic = (
          <Statistic
            title={t(`cockpit.kpi.${card.key}`)}
            value={card.value}
            suffix={card.suffix}
            styles={card.warn ? { content: { color: '#cf1322' } } : undefined}
          />
        );
        return (
          <Col key={card.key} xs={12} sm={8} lg={6} xl={3}>
            <Card size="small" data-testid={`kpi-${card.key}`}>
              {card.drill ? (
                <Link
                  to={drillDownPath(filters, card.drill)}
                  data-testid={`kpi-link-${card.key}`}
                  aria-label={`${t(`cockpit.kpi.${card.key}`)} ${grouped(card.value)}`}
                >
                  {statistic}
                </Link>
              ) : (
                statistic
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
