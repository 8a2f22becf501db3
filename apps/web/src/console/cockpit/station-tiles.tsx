/**
 * The stations as a grid of tiles, the hub first and then the stations in the order the
 * organisation lists them: each tile names its station and shows its figures beside the name
 * (received, closed, satisfaction with its colour), so every label is legible at any width —
 * a radial chart of 25 nodes could not keep 25 labels apart. Used by the cockpit (light, each
 * tile a link to the station's cases) and the big screen (dark, large type).
 */
import type { ReactNode } from 'react';
import { satisfactionColour } from './chart-options';
import type { StationFigures } from './station-model';
import './station-tiles.css';

/** The words of a tile. */
export interface StationTileWords {
  received: string;
  closed: string;
  satisfaction: string;
  hub: string;
  none: string;
}

/** A station's name without the network's common suffix (安阳街道人大代表联络站 → 安阳街道). */
export function shortStationName(name: string): string {
  const short = name.replace(/(人大代表)?联络(总)?站$/u, '').trim();
  return Array.from(short).length >= 2 ? short : name;
}

const percent = (rate: number | null, none: string) => (rate === null ? none : `${Math.round(rate * 1000) / 10}%`);

/** All stations as tiles; `link` wraps a tile's content (the cockpit's drill-down). */
export function StationTiles({
  stations,
  words,
  label,
  dark = false,
  link,
  testId,
}: {
  stations: readonly StationFigures[];
  words: StationTileWords;
  label: string;
  dark?: boolean;
  link?: (station: StationFigures, content: ReactNode) => ReactNode;
  testId?: string;
}) {
  return (
    <ul className={`station-tiles${dark ? ' station-tiles-dark' : ''}`} aria-label={label} data-testid={testId}>
      {stations.map((s) => {
        const name = s.hub ? `${shortStationName(s.name)}（${words.hub}）` : shortStationName(s.name);
        const content = (
          <>
            <span className="station-tile-name" title={s.name} data-testid="station-tile-name">
              {name}
            </span>
            <span className="station-tile-figures">
              <span>
                {words.received} <b>{s.received}</b>
              </span>
              <span>
                {words.closed} <b>{s.closed}</b>
              </span>
              <span>
                <i className="station-tile-dot" style={{ background: satisfactionColour(s.satisfactionRate) }} aria-hidden="true" />
                {words.satisfaction} <b>{percent(s.satisfactionRate, words.none)}</b>
              </span>
            </span>
          </>
        );
        return (
          <li key={s.id} className={`station-tile${s.hub ? ' station-tile-hub' : ''}`} data-testid={`station-tile-${s.id}`}>
            {link ? link(s, content) : <div className="station-tile-body">{content}</div>}
          </li>
        );
      })}
    </ul>
  );
}
