/** `/m`: what a citizen can do here, and every station grouped by region type. */
import { useId, useState } from 'react';
import type { PublicUnit } from '../shared/contract-types';
import { fetchPublicUnits } from './api';
import { useI18n } from './i18n';
import { StationCard } from './station-card';
import { LoadError, Loading } from './status-message';
import { childrenOf, findHub, groupStations, regionLabelKey } from './units-model';
import { useDocumentTitle } from './use-document-title';
import { useResource } from './use-resource';

export function HomePage() {
  const { t } = useI18n();
  const units = useResource('public-units', fetchPublicUnits);
  const [query, setQuery] = useState('');
  const searchId = useId();
  useDocumentTitle((units.data && findHub(units.data)?.name) ?? t('siteTitle'));

  return (
    <>
      <section className="intro" aria-labelledby="intro-title">
        <h2 id="intro-title">{t('introTitle')}</h2>
        <ul>
          <li>{t('introFind')}</li>
          <li>{t('introMeet')}</li>
          <li>{t('introSubmit')}</li>
        </ul>
      </section>

      <section aria-labelledby="stations-title">
        <h2 id="stations-title">{t('stationsTitle')}</h2>
        <div className="search" role="search">
          <label htmlFor={searchId}>{t('searchLabel')}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="station-search"
          />
        </div>
        {units.loading && <Loading />}
        {units.error && <LoadError error={units.error} onRetry={units.retry} />}
        {units.data && <StationGroups units={units.data} query={query} />}
      </section>
    </>
  );
}

function StationGroups({ units, query }: { units: PublicUnit[]; query: string }) {
  const { t } = useI18n();
  const groups = groupStations(units, query);
  const count = groups.reduce((n, g) => n + g.stations.length, 0);
  if (count === 0) {
    return <p className="status">{t('noMatch', { q: query.trim() })}</p>;
  }
  return (
    <>
      <p className="muted" aria-live="polite">
        {t('stationCount', { count })}
      </p>
      {groups.map((group) => (
        <section key={group.regionType ?? 'other'} className="group" aria-label={t(regionLabelKey(group.regionType))}>
          <h3 className="group-title">{t(regionLabelKey(group.regionType))}</h3>
          <ul className="cards">
            {group.stations.map((station) => (
              <StationCard key={station.id} station={station} points={childrenOf(units, station.id)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
