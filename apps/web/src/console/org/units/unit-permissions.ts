/**
 * Which unit actions the console offers. Admins (`unit.manage`) manage every unit; station
 * staff (`point.manage`) add and edit liaison points under their own station. The server
 * enforces the same rules.
 */
import type { SessionUser, Unit } from '../../../shared/contract-types';
import { isWithin } from '../../common/tree';
import { hasPermission } from '../../session/permissions';

/** Permission checks for one user over one list of units. */
export function unitPermissions(user: SessionUser, byId: ReadonlyMap<string, Unit>) {
  const manageAll = hasPermission(user, 'unit.manage');
  const managePoints = hasPermission(user, 'point.manage');
  const inScope = (unitId: string) => !user.scope.unitId || isWithin(byId, unitId, user.scope.unitId);
  return {
    /** May create hubs and stations (and anything else). */
    manageAll,
    /** May add a point under this station. */
    canAddPoint: (station: Unit) => station.kind === 'station' && (manageAll || (managePoints && inScope(station.id))),
    /** May edit or (de)activate this unit. */
    canEdit: (unit: Unit) => manageAll || (unit.kind === 'point' && managePoints && inScope(unit.id)),
  };
}
