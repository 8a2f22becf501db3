/**
 * Pure helpers over the public unit list: the hub, stations grouped by region type,
 * points of a station, search.
 */
import type { DeputyLevel, PublicUnit } from '../shared/contract-types';
import type { MessageKey } from './i18n';

/** Region types in the order the home page lists them; anything else comes last. */
const REGION_ORDER = ['街道', '镇', '乡', '平台'] as const;

const REGION_LABEL: Record<string, MessageKey> = {
  街道: 'regionStreet',
  镇: 'regionTown',
  乡: 'regionTownship',
  平台: 'regionPlatform',
};

/** Dictionary key of a region type's heading. */
export function regionLabelKey(regionType: string | null): MessageKey {
  return (regionType && REGION_LABEL[regionType]) || 'regionOther';
}

/** Dictionary key of a deputy level. */
export const LEVEL_LABEL: Record<DeputyLevel, MessageKey> = {
  national: 'levelNational',
  provincial: 'levelProvincial',
  prefectural: 'levelPrefectural',
  county: 'levelCounty',
  township: 'levelTownship',
};

/** Stations of one region type. */
export interface StationGroup {
  regionType: string | null;
  stations: PublicUnit[];
}

/** The general station, if the list has one. */
export function findHub(units: readonly PublicUnit[]): PublicUnit | undefined {
  return units.find((u) => u.kind === 'hub');
}

/** Direct children of a unit, in list order. */
export function childrenOf(units: readonly PublicUnit[], parentId: string): PublicUnit[] {
  return units.filter((u) => u.parentId === parentId);
}

/** True when the station's name, region or one of its points' names contains `query`. */
export function matchesStation(units: readonly PublicUnit[], station: PublicUnit, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = [station.name, station.region ?? '', ...childrenOf(units, station.id).map((p) => p.name)];
  return hay.some((text) => text.toLowerCase().includes(q));
}

/** Stations matching `query`, grouped by region type (街道, 镇, 乡, 平台, then others). */
export function groupStations(units: readonly PublicUnit[], query = ''): StationGroup[] {
  const stations = units.filter((u) => u.kind === 'station' && matchesStation(units, u, query));
  const groups = new Map<string | null, PublicUnit[]>();
  for (const station of stations) {
    const key = station.regionType && (REGION_ORDER as readonly string[]).includes(station.regionType) ? station.regionType : null;
    const list = groups.get(key) ?? [];
    list.push(station);
    groups.set(key, list);
  }
  const order: (string | null)[] = [...REGION_ORDER, null];
  return order.filter((key) => groups.has(key)).map((key) => ({ regionType: key, stations: groups.get(key) ?? [] }));
}
