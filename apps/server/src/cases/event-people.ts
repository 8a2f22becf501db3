/**
 * Who acted, as people read it on timelines and the printed 办理单: the account's name and the
 * unit it works for — 安阳街道联络员（安阳街道人大代表联络站） — never the login id the events
 * record (`actor_name` keeps the username at the time, for the audit trail).
 */
import type { Repositories } from '@lianxin/storage';

/** Labels of the accounts that acted on `events`, by actor id (ids that are no account are left out). */
export async function eventPeople(repos: Repositories, events: ReadonlyArray<{ actorId: string | null }>): Promise<Map<string, string>> {
  const people = new Map<string, string>();
  for (const id of new Set(events.map((e) => e.actorId))) {
    if (!id || id === 'citizen' || id.startsWith('system:')) continue;
    const user = await repos.users.find(id);
    if (!user) continue;
    const unit = user.unitId
      ? (await repos.units.find(user.unitId))?.name
      : user.departmentId
        ? (await repos.departments.find(user.departmentId))?.name
        : user.deputyId
          ? await deputyHome(repos, user.deputyId)
          : undefined;
    people.set(id, unit && unit !== user.displayName ? `${user.displayName}（${unit}）` : user.displayName);
  }
  return people;
}

async function deputyHome(repos: Repositories, deputyId: string): Promise<string | undefined> {
  const deputy = await repos.deputies.find(deputyId);
  const home = deputy?.homeUnitId ? await repos.units.find(deputy.homeUnitId) : undefined;
  return home ? `${home.name}·人大代表` : '人大代表';
}
