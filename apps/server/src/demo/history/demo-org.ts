/**
 * The demo organisation as the history needs it, and the accounts a network in use has:
 * a liaison officer at every station, a handler in every department and an account for every
 * deputy (all fictional, all with the demo password), besides the demo accounts of API.md.
 */
import { inTransaction, type CategoryRecord, type DeputyRecord, type Repositories, type UnitRecord, type UserRecord } from '@lianxin/storage';
import type { AppContext } from '../../context';
import { newId } from '../../platform/adapters/ids';
import type { RequestActor } from '../../auth/actor';

/** A station with its liaison points, its share of the opinions, its officer and its deputies. */
export interface DemoStation {
  unit: UnitRecord;
  points: UnitRecord[];
  /** Relative number of opinions (city-centre streets more than mountain townships). */
  weight: number;
  staff: RequestActor;
  deputies: DeputyRecord[];
}

/** A top-level category with its sub-categories and its share of the opinions. */
export interface DemoCategory {
  top: CategoryRecord;
  children: CategoryRecord[];
  weight: number;
}

/** Everything the history generators act with. */
export interface DemoOrg {
  hub: UnitRecord;
  stations: DemoStation[];
  categories: DemoCategory[];
  departments: Array<{ id: string; name: string }>;
  /** The handler account of each department. */
  handlers: Map<string, RequestActor>;
  deputies: DeputyRecord[];
  /** The deputy account of each deputy. */
  deputyActors: Map<string, RequestActor>;
  admin: RequestActor;
  supervisor: RequestActor;
}

/** Opinions per station relative to each other: the city centre and the big towns lead. */
const REGION_WEIGHTS: Record<string, number> = {
  安阳街道: 9,
  玉海街道: 8,
  锦湖街道: 7,
  塘下镇: 8,
  东山街道: 5,
  上望街道: 5,
  莘塍街道: 5,
  飞云街道: 5,
  汀田街道: 4,
  马屿镇: 4,
  仙降街道: 4,
  南滨街道: 4,
  陶山镇: 3,
  湖岭镇: 3,
  瑞安经济开发区: 3,
  潘岱街道: 3,
  云周街道: 3,
  高楼镇: 2,
  林川镇: 2,
  曹村镇: 2,
  桐浦镇: 1.5,
  平阳坑镇: 1.5,
  芳庄乡: 1,
  北麂乡: 0.6,
};

/**
 * Creates the station, department and deputy accounts the history acts through (hashing
 * nothing: they share the demo accounts' password hash), then reads the organisation.
 */
export async function prepareDemoOrg(ctx: AppContext, now: string): Promise<DemoOrg> {
  const { repos } = ctx;
  const users = (await repos.users.list({ pageSize: 1000 })).items;
  const admin = users.find((u) => u.username === 'admin');
  const supervisor = users.find((u) => u.username === 'supervisor');
  if (!admin || !supervisor) throw new Error('demo history: the demo accounts are missing (seed the organisation first)');
  const passwordHash = admin.passwordHash;
  const units = await repos.units.listActive();
  const hub = units.find((u) => u.kind === 'hub')!;
  const stationUnits = units.filter((u) => u.kind === 'station').sort((a, b) => a.sortOrder - b.sortOrder);
  const departments = (await repos.departments.list({ pageSize: 1000 })).items.sort((a, b) => a.sortOrder - b.sortOrder);
  const deputies = await allDeputies(repos);

  const withRole = async (role: UserRecord['roles'][number]) => (await repos.users.list({ role, pageSize: 1000 })).items;
  const byUnit = new Map((await withRole('staff')).filter((u) => u.unitId).map((u) => [u.unitId!, u]));
  const byDepartment = new Map((await withRole('department')).filter((u) => u.departmentId).map((u) => [u.departmentId!, u]));
  const byDeputy = new Map((await withRole('deputy')).filter((u) => u.deputyId).map((u) => [u.deputyId!, u]));
  // Every account in one transaction (a commit per row costs a disk flush each).
  await inTransaction(ctx.storage.db, async (trx) => {
    const create = (input: { username: string; displayName: string; roles: UserRecord['roles']; unitId?: string; departmentId?: string; deputyId?: string }) =>
      trx.users.create({
        id: newId(),
        passwordHash,
        email: `${input.username}@demo.lianxin.local`,
        now,
        ...input,
      });
    for (const [i, station] of stationUnits.entries()) {
      if (byUnit.has(station.id)) continue;
      byUnit.set(
        station.id,
        await create({
          username: `staff-s${String(i + 1).padStart(2, '0')}`,
          displayName: `${station.region ?? station.name}联络员`,
          roles: ['staff'],
          unitId: station.id,
        }),
      );
    }
    for (const [i, d] of departments.entries()) {
      if (byDepartment.has(d.id)) continue;
      const short = d.name.replace(/^(温州市|瑞安市|市)/, '').replace(/瑞安分局$/, '分局');
      byDepartment.set(
        d.id,
        await create({ username: `dept-d${String(i + 1).padStart(2, '0')}`, displayName: `${short}办理员`, roles: ['department'], departmentId: d.id }),
      );
    }
    for (const [i, d] of deputies.entries()) {
      if (byDeputy.has(d.id)) continue;
      byDeputy.set(
        d.id,
        await create({ username: `deputy-${String(i + 1).padStart(3, '0')}`, displayName: `${d.name}代表`, roles: ['deputy'], deputyId: d.id }),
      );
    }
  });

  const actor = (u: UserRecord) => ctx.auth.actorFor(u, null);
  const paths = new Map(units.map((u) => [u.id, u.path]));
  const stations: DemoStation[] = [];
  for (const unit of stationUnits) {
    stations.push({
      unit,
      points: units.filter((u) => u.parentId === unit.id),
      weight: REGION_WEIGHTS[unit.region ?? ''] ?? 2,
      staff: await actor(byUnit.get(unit.id)!),
      deputies: deputies.filter((d) => d.homeUnitId && (paths.get(d.homeUnitId) ?? '').startsWith(unit.path)),
    });
  }
  const categories = await repos.categories.listActive();
  const handlers = new Map<string, RequestActor>();
  for (const [id, u] of byDepartment) handlers.set(id, await actor(u));
  const deputyActors = new Map<string, RequestActor>();
  for (const [id, u] of byDeputy) deputyActors.set(id, await actor(u));
  return {
    hub,
    stations,
    categories: categories.filter((c) => !c.parentId).map((top) => ({ top, children: categories.filter((c) => c.parentId === top.id), weight: 1 })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    handlers,
    deputies,
    deputyActors,
    admin: await actor(admin),
    supervisor: await actor(supervisor),
  };
}

async function allDeputies(repos: Repositories): Promise<DeputyRecord[]> {
  const out: DeputyRecord[] = [];
  for (let page = 1; page <= 100; page++) {
    const batch = await repos.deputies.list({ page, pageSize: 500 });
    out.push(...batch.items);
    if (batch.items.length < 500) break;
  }
  return out;
}
