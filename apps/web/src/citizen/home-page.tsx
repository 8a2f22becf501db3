/** `/m`: what a citizen can do here, and every station grouped by region type. */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { PublicUnit } from '../shared/contract-types';
import { fetchPublicUnits, fetchTodayReceptions } from './api';
import type { PublicReception } from './api';
import { useI18n } from './i18n';
import { participationText } from './participation-messages';
import { formatDateTime } from '../shared/format';
import { StationCard } from './station-card';
import { LoadError, Loading } from './status-message';
import { childrenOf, findHub, groupStations, regionLabelKey } from './units-model';
import { useDocumentTitle } from './use-document-title';
import { useResource } from './use-resource';

export function HomePage() {
  const { t, language } = useI18n();
  const units = useResource('public-units', fetchPublicUnits);
  const [query, setQuery] = useState('');
  const searchId = useId();
  useDocumentTitle((units.data && findHub(units.data)?.name) ?? t('siteTitle'));

  return (
    <>
      <div className="entries">
        <Link className="entry entry-primary" to="/submit" data-testid="home-submit">
          <span className="entry-title">{t('homeSubmit')}</span>
          <span className="entry-hint">{t('homeSubmitHint')}</span>
        </Link>
        <Link className="entry" to="/track" data-testid="home-track">
          <span className="entry-title">{t('homeTrack')}</span>
          <span className="entry-hint">{t('homeTrackHint')}</span>
        </Link>
        <Link className="entry" to="/voting" data-testid="home-voting">
          <span className="entry-title">{participationText(language)('votingTitle')}</span>
        </Link>
        <Link className="entry" to="/comparison" data-testid="home-comparison">
          <span className="entry-title">{participationText(language)('comparisonTitle')}</span>
        </Link>
      </div>

      <DutyToday />

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

/** Who is on duty today (the reception rota); a placeholder until the rota is published. */
function DutyToday() {
  const { t, language } = useI18n();
  const receptions = useResource('public-receptions:today', fetchTodayReceptions);
  const items = receptions.data ?? [];
  return (
    <section aria-labelledby="duty-title" className="duty" data-testid="duty-today">
      <h2 id="duty-title">{t('dutyTitle')}</h2>
      {receptions.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t('dutyNone')}</p>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <li key={item.id} className="card">
              <p className="card-title">{receptionNames(item).join('、') || item.unitName}</p>
              <p className="card-line muted">{[formatDateTime(item.startsAt, language), item.unitName].filter(Boolean).join(' · ')}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function receptionNames(item: PublicReception): string[] {
  return item.deputies.map((d) => d.name);
}
