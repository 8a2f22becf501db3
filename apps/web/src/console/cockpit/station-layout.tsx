/** The schematic layout of the hub and its stations with their figures (nothing fetched from outside). */
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { stationGraphOption, themeOf } from './chart-options';
import { EChart } from './echart';
import { drillDownPath, type StatsFilters } from './stats-api';
import type { StationFigures } from './station-model';

export function StationLayout({ stations, filters }: { stations: readonly StationFigures[]; filters: StatsFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The hub's own cases (not its stations'): exactly the hub unit; a station: its subtree.
  const drill = (s: StationFigures) => drillDownPath(filters, s.hub ? { unitId: s.id } : { underUnitId: s.id });
  const percent = (rate: number | null) => (rate === null ? t('cockpit.none') : `${Math.round(rate * 1000) / 10}%`);
  return (
    <Card size="small" title={t('cockpit.stations')} data-testid="cockpit-stations">
      <p className="cockpit-hint">{t('cockpit.stationsHint')}</p>
      <EChart
        option={stationGraphOption(stations, themeOf(false, 11))}
        height={420}
        label={t('cockpit.stations')}
        testId="cockpit-station-graph"
        onClick={(event) => {
          const station = stations.find((s) => s.name === event.name);
          if (station) void navigate(drill(station));
        }}
      />
      <Table
        size="small"
        aria-label={t('cockpit.stationTable')}
        pagination={{ pageSize: 8, size: 'small' }}
        rowKey="id"
        dataSource={[...stations].sort((a, b) => b.received - a.received)}
        columns={[
          {
            title: t('cockpit.columns.name'),
            dataIndex: 'name',
            render: (name: string, s) => (
              <Link to={drill(s)} data-testid={`station-link-${s.id}`}>
                {s.hub ? `${name}（${t('cockpit.hub')}）` : name}
              </Link>
            ),
          },
          { title: t('cockpit.columns.received'), dataIndex: 'received', align: 'right', width: 70 },
          { title: t('cockpit.columns.closed'), dataIndex: 'closed', align: 'right', width: 70 },
          { title: t('cockpit.columns.satisfaction'), dataIndex: 'satisfactionRate', align: 'right', width: 80, render: percent },
        ]}
      />
    </Card>
  );
}
