/** The hub and its stations as tiles with their figures, each leading to the station's cases. */
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { drillDownPath, type StatsFilters } from './stats-api';
import type { StationFigures } from './station-model';
import { StationTiles } from './station-tiles';

export function StationLayout({ stations, filters }: { stations: readonly StationFigures[]; filters: StatsFilters }) {
  const { t } = useTranslation();
  // The hub's own cases (not its stations'): exactly the hub unit; a station: its subtree.
  const drill = (s: StationFigures) => drillDownPath(filters, s.hub ? { unitId: s.id } : { underUnitId: s.id });
  return (
    <Card size="small" title={t('cockpit.stations')} data-testid="cockpit-stations">
      <p className="cockpit-hint">{t('cockpit.stationsHint')}</p>
      <StationTiles
        stations={stations}
        label={t('cockpit.stationTable')}
        words={{
          received: t('cockpit.columns.received'),
          closed: t('cockpit.columns.closed'),
          satisfaction: t('cockpit.columns.satisfaction'),
          hub: t('cockpit.hub'),
          none: t('cockpit.none'),
        }}
        link={(s, content) => (
          <Link to={drill(s)} data-testid={`station-link-${s.id}`}>
            {content}
          </Link>
        )}
        testId="cockpit-station-tiles"
      />
    </Card>
  );
}
