/**
 * The stations' figures for the schematic layout: every case counts under the station it
 * came through (a liaison point's cases under its station; the hub's own under the hub).
 */
import type { Overview } from './stats-api';

/** A unit as the layout needs it. */
export interface LayoutUnit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  path?: string | undefined;
}

/** One node of the layout. */
export interface StationFigures {
  id: string;
  name: string;
  hub: boolean;
  received: number;
  closed: number;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
}

/** Stations (and the hub) with the overview's figures summed over their subtrees. */
export function stationFigures(units: readonly LayoutUnit[], byUnit: Overview['byUnit']): StationFigures[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const stationOf = (unitId: string | null): string | null => {
    let unit = unitId ? byId.get(unitId) : undefined;
    while (unit && unit.kind === 'point' && unit.parentId) unit = byId.get(unit.parentId);
    return unit?.id ?? null;
  };
  const nodes = new Map<string, StationFigures>();
  for (const u of units) {
    if (u.kind !== 'station' && u.kind !== 'hub') continue;
    nodes.set(u.id, { id: u.id, name: u.name, hub: u.kind === 'hub', received: 0, closed: 0, rated: 0, satisfied: 0, satisfactionRate: null });
  }
  for (const line of byUnit) {
    const node = nodes.get(stationOf(line.id) ?? '');
    if (!node) continue;
    node.received += line.received;
    node.closed += line.closed;
    node.rated += line.rated;
    node.satisfied += Math.round((line.satisfactionRate ?? 0) * line.rated);
  }
  for (const node of nodes.values()) node.satisfactionRate = node.rated ? node.satisfied / node.rated : null;
  return [...nodes.values()].sort((a, b) => Number(b.hub) - Number(a.hub));
}
