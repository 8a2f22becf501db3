/**
 * Core's visibility scopes (`visibility(resource, actor)`, storage-neutral) translated into
 * repository filters where the repository's shape differs from the scope's. Case and proposal
 * repositories take the scope as it is (their visibility filters have the scope's fields).
 */
import { isWithinUnit, type Scope } from '@lianxin/core';

/** Repository filters of station records (receptions, activities). */
export interface StationRecordFilter {
  underPath?: string | undefined;
  deputyId?: string | undefined;
  /** Either suffices: under the path, or with the deputy (a deputy account serving a station). */
  reach?: { underPath: string; deputyId: string } | undefined;
}

/**
 * Filters listing the station records in `scope` among those the caller asked for (a unit
 * subtree, a deputy); null when none can match — a unit outside the caller's subtree, another
 * deputy's records, or a scope that reaches nothing.
 */
export function stationRecordFilter(scope: Scope, asked: { underPath?: string | undefined; deputyId?: string | undefined }): StationRecordFilter | null {
  if (scope.all) return { underPath: asked.underPath, deputyId: asked.deputyId };
  const { unitPath, deputyId } = scope;
  if (unitPath && deputyId) return { underPath: asked.underPath, deputyId: asked.deputyId, reach: { underPath: unitPath, deputyId } };
  if (unitPath) {
    if (asked.underPath && !isWithinUnit(unitPath, asked.underPath)) return null;
    return { underPath: asked.underPath ?? unitPath, deputyId: asked.deputyId };
  }
  if (deputyId) {
    if (asked.deputyId && asked.deputyId !== deputyId) return null;
    return { underPath: asked.underPath, deputyId };
  }
  return null;
}
