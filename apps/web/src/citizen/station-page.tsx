/** `/m/stations/:id`: one station (or point) with its points and its deputies. */
import { Link, useParams } from 'react-router';
import type { PublicDeputy, PublicUnit } from '../shared/contract-types';
import { fetchPublicDeputies, fetchPublicUnits } from './api';
import { useI18n } from './i18n';
import { LoadError, Loading } from './status-message';
import { childrenOf, LEVEL_LABEL } from './units-model';
import { useDocumentTitle } from './use-document-title';
import { useResource } from './use-resource';
import { StationReceptions } from './station-receptions';

export function StationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const units = useResource('public-units', fetchPublicUnits);
  const deputies = useResource(id ? `public-deputies:${id}` : null, () => fetchPublicDeputies(id));
  useDocumentTitle(units.data?.find((u) => u.id === id)?.name);

  if (units.loading) return <Loading />;
  if (units.error) return <LoadError error={units.error} onRetry={units.retry} />;
  const all = units.data ?? [];
  const station = all.find((u) => u.id === id);
  if (!station) {
    return (
      <section className="page">
        <h2>{t('stationNotFound')}</h2>
        <p>
          <Link to="/">{t('backHome')}</Link>
        </p>
      </section>
    );
  }
  const parent = station.parentId ? all.find((u) => u.id === station.parentId) : undefined;
  const points = childrenOf(all, station.id);

  return (
    <article className="page" aria-labelledby="station-title" data-testid="station-page">
      <p className="breadcrumb">
        <Link to="/">{t('backHome')}</Link>
      </p>
      <h2 id="station-title">{station.name}</h2>
      <StationFacts station={station} parent={station.kind === 'point' ? parent : undefined} />
      <StationReceptions unitId={station.id} />

      {station.kind !== 'point' && (
        <section aria-labelledby="points-title">
          <h3 id="points-title">{t('pointsTitle')}</h3>
          {points.length === 0 ? (
            <p className="muted">{t('noPoints')}</p>
          ) : (
            <ul className="cards">
              {points.map((point) => (
                <li key={point.id} className="card">
                  <h4 className="card-title">{point.name}</h4>
                  {point.address && <p className="card-line">{point.address}</p>}
                  {point.openingHours && (
                    <p className="card-line muted">
                      {t('openingHours')}：{point.openingHours}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="deputies-title">
        <h3 id="deputies-title">{t('deputiesTitle')}</h3>
        {deputies.loading && <Loading />}
        {deputies.error && <LoadError error={deputies.error} onRetry={deputies.retry} />}
        {deputies.data && <DeputyList deputies={deputies.data} />}
      </section>
    </article>
  );
}

function StationFacts({ station, parent }: { station: PublicUnit; parent?: PublicUnit }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      {parent && (
        <>
          <dt>{t('belongsTo')}</dt>
          <dd>
            <Link to={`/stations/${parent.id}`}>{parent.name}</Link>
          </dd>
        </>
      )}
      {station.address && (
        <>
          <dt>{t('address')}</dt>
          <dd>{station.address}</dd>
        </>
      )}
      {station.openingHours && (
        <>
          <dt>{t('openingHours')}</dt>
          <dd>{station.openingHours}</dd>
        </>
      )}
      {station.phone && (
        <>
          <dt>{t('phone')}</dt>
          <dd>
            <a href={`tel:${station.phone.replace(/[^0-9+]/g, '')}`}>{station.phone}</a>
          </dd>
        </>
      )}
      {station.brands.length > 0 && (
        <>
          <dt>{t('brands')}</dt>
          <dd>
            <ul className="tags">
              {station.brands.map((brand) => (
                <li key={brand} className="tag">
                  {brand}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

function DeputyList({ deputies }: { deputies: PublicDeputy[] }) {
  const { t } = useI18n();
  if (deputies.length === 0) return <p className="muted">{t('noDeputies')}</p>;
  return (
    <ul className="cards">
      {deputies.map((deputy) => (
        <li key={deputy.id} className="card" data-testid={`deputy-${deputy.id}`}>
          <h4 className="card-title">{deputy.name}</h4>
          <p className="card-line">{deputy.levels.map((level) => t(LEVEL_LABEL[level])).join('、')}</p>
          {(deputy.sector || deputy.position) && <p className="card-line muted">{[deputy.sector, deputy.position].filter(Boolean).join(' · ')}</p>}
          {deputy.profile && <p className="card-line">{deputy.profile}</p>}
        </li>
      ))}
    </ul>
  );
}
