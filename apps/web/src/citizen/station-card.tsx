/** One station on the home page: name, address, and its liaison points on demand. */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { PublicUnit } from '../shared/contract-types';
import { useI18n } from './i18n';

interface Props {
  station: PublicUnit;
  points: PublicUnit[];
}

export function StationCard({ station, points }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <li className="card" data-testid={`station-${station.id}`}>
      <h3 className="card-title">
        <Link to={`/stations/${station.id}`}>{station.name}</Link>
      </h3>
      {station.address && <p className="card-line">{station.address}</p>}
      {station.openingHours && (
        <p className="card-line muted">
          {t('openingHours')}：{station.openingHours}
        </p>
      )}
      {station.brands.length > 0 && (
        <ul className="tags" aria-label={t('brands')}>
          {station.brands.map((brand) => (
            <li key={brand} className="tag">
              {brand}
            </li>
          ))}
        </ul>
      )}
      <div className="card-actions">
        {points.length > 0 && (
          <button
            type="button"
            className="button button-ghost"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((v) => !v)}
            data-testid={`station-toggle-${station.id}`}
          >
            {open ? t('hidePoints') : t('showPoints', { count: points.length })}
          </button>
        )}
        <Link className="button" to={`/stations/${station.id}`} data-testid={`station-open-${station.id}`}>
          {t('openStation')}
        </Link>
      </div>
      {points.length > 0 && (
        <ul id={listId} className="points" hidden={!open}>
          {points.map((point) => (
            <li key={point.id}>
              <span className="point-name">{point.name}</span>
              {point.address && <span className="muted"> · {point.address}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
