/**
 * Demo data: the organisation of the fixture (hub, 24 stations, departments, categories,
 * appeal kinds, topics), about three liaison points per station, about 150 clearly
 * fictional deputies (named 某甲, 某乙 … and marked as fictional), and the demo accounts
 * of API.md. Deterministic: the same fixture gives the same data.
 */
import fs from 'node:fs';
import { AppError, DEPUTY_LEVELS, type AppealKindCode, type DeputyLevel, type Role } from '@lianxin/core';
import { inTransaction, type Repositories, type UnitRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { hashPassword } from '../platform/adapters/password';
import { DEMO_CATEGORY_ATTRIBUTES } from './demo-seed-attributes';
import { seedDemoDuty } from './demo-seed-duty';
import { apiKeyRow, DEMO_API_KEY } from '../integrations/api-key.service';

/** Shape of the organisation fixture (a copy of the shared reference data). */
export interface OrganisationFixture {
  hub: { name: string; opened?: string };
  stations: Array<{ name: string; region: string; regionType: string; brands: string[] }>;
  pointKinds: string[];
  departments: string[];
  categories: Array<{ name: string; defaultDepartment: string; children: string[] }>;
  topics: string[];
  appealKinds: Array<{ code: AppealKindCode; name: string; handleWorkdays: number }>;
}

const FIXTURE_URL = new URL('../../fixtures/demo-organisation.json', import.meta.url);

/** Loads the bundled demo organisation. */
export function loadDemoFixture(): OrganisationFixture {
  return JSON.parse(fs.readFileSync(FIXTURE_URL, 'utf8')) as OrganisationFixture;
}

const APPEAL_KIND_EN: Record<AppealKindCode, string> = {
  consultation: 'Consultation',
  help: 'Request for help',
  complaint: 'Complaint',
  suggestion: 'Suggestion',
  praise: 'Praise',
};

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾');
const ORDINALS = Array.from('甲乙丙丁戊己庚辛壬癸');
const SECTORS = ['工人', '农民', '专业技术人员', '企业负责人', '机关干部', '教育工作者', '医务工作者', '村（社区）干部', '归侨侨眷', '个体工商户'];
const POSITIONS = ['某公司职员', '某村党支部书记', '某学校教师', '某医院医生', '某社区主任', '某企业董事长', '某合作社理事长', '街道（乡镇）干部'];
const POINT_SUFFIX = ['一', '二', '三', '四'];

/** Level counts of the ~150 demo deputies (national → township). */
const LEVEL_COUNTS: Record<DeputyLevel, number> = { national: 2, provincial: 6, prefectural: 16, county: 60, township: 66 };

/** The demo accounts of API.md. */
export const DEMO_ACCOUNTS: Array<{ username: string; displayName: string; roles: Role[]; scope: 'none' | 'anyang' | 'tangxia' | 'deputy' | 'zhujian' }> = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], scope: 'none' },
  { username: 'supervisor', displayName: '人大办督办员', roles: ['supervisor'], scope: 'none' },
  { username: 'staff-anyang', displayName: '安阳街道联络员', roles: ['staff'], scope: 'anyang' },
  { username: 'staff-tangxia', displayName: '塘下镇联络员', roles: ['staff'], scope: 'tangxia' },
  { username: 'deputy-demo', displayName: '演示代表', roles: ['deputy'], scope: 'deputy' },
  { username: 'dept-zhujian', displayName: '住建局办理员', roles: ['department'], scope: 'zhujian' },
];

const SEED_MARKER = 'demo.seededAt';

/** Seeds the demo organisation and accounts. */
export class DemoSeedService {
  constructor(private readonly deps: Pick<ServiceDeps, 'cipher' | 'clock' | 'config' | 'repos' | 'storage'>) {}

  /** Whether the database has no accounts yet (a fresh install). */
  async isEmpty(): Promise<boolean> {
    return (await this.deps.repos.users.count()) === 0;
  }

  /**
   * Loads the demo data. Refused outside demo mode; a second run does nothing.
   * Returns false when the data was already there.
   */
  async seed(fixture: OrganisationFixture = loadDemoFixture()): Promise<boolean> {
    if (!this.deps.config.demo) throw new AppError('ACTION_NOT_ALLOWED', { message: 'Demo data is refused outside demo mode (NODE_ENV=production).' });
    if (await this.deps.repos.settings.get(SEED_MARKER)) return false;
    const passwordHash = await hashPassword(this.deps.config.demoPassword);
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos) => {
      // Claiming the marker first makes concurrent seeders (several instances starting
      // at once) serialize on it: exactly one loads the data, the others do nothing.
      if (!(await repos.settings.claim(SEED_MARKER, now, now))) return false;
      const { stations, departments } = await this.seedOrganisation(repos, fixture, now);
      const deputies = await this.seedDeputies(repos, stations, now);
      const anyang = stations.find((s) => s.region === '安阳街道');
      const tangxia = stations.find((s) => s.region === '塘下镇');
      const demoDeputy = deputies.find((d) => d.homeUnitId === anyang?.id && d.levels.includes('county'));
      const scopes = {
        none: {},
        anyang: { unitId: anyang?.id ?? null },
        tangxia: { unitId: tangxia?.id ?? null },
        deputy: { deputyId: demoDeputy?.id ?? null, unitId: null },
        zhujian: { departmentId: departments.get('市住房和城乡建设局') ?? null },
      };
      for (const account of DEMO_ACCOUNTS) {
        await repos.users.create({
          id: newId(),
          username: account.username,
          displayName: account.displayName,
          passwordHash,
          roles: account.roles,
          email: `${account.username}@demo.lianxin.local`,
          ...scopes[account.scope],
          now,
        });
      }
      // API.md: the Open311 demo key, so an Open311 client can post at once.
      await repos.apiKeys.insert(apiKeyRow(DEMO_API_KEY, { id: newId(), name: 'Open311 演示密钥 / demo key', createdBy: 'demo-seed', createdAt: now }));
      // Issue #5: a demo reception rota and activities.
      await seedDemoDuty(repos, this.deps, { stations, deputies, demoDeputyId: demoDeputy?.id ?? null, now });
      return true;
    });
  }

  private async seedOrganisation(repos: Repositories, fixture: OrganisationFixture, now: string) {
    const departments = new Map<string, string>();
    for (const [i, name] of fixture.departments.entries()) {
      const d = await repos.departments.create({
        id: newId(),
        name,
        sortOrder: i,
        liaisonName: '联络员（演示）',
        liaisonPhoneEnc: this.deps.cipher.encrypt(`0577-6580${String(1000 + i)}`),
        now,
      });
      departments.set(name, d.id);
    }
    for (const [i, category] of fixture.categories.entries()) {
      const parent = await repos.categories.create({
        id: newId(),
        parentId: null,
        name: category.name,
        defaultDepartmentId: departments.get(category.defaultDepartment) ?? null,
        timeLimitWorkdays: 10,
        sortOrder: i,
        now,
      });
      for (const [j, child] of category.children.entries()) {
        await repos.categories.create({
          id: newId(),
          parentId: parent.id,
          name: child,
          defaultDepartmentId: parent.defaultDepartmentId,
          timeLimitWorkdays: null,
          sortOrder: j,
          attributes: DEMO_CATEGORY_ATTRIBUTES[child] ?? [],
          now,
        });
      }
    }
    for (const [i, kind] of fixture.appealKinds.entries()) {
      await repos.appealKinds.upsert({
        code: kind.code,
        name: kind.name,
        nameEn: APPEAL_KIND_EN[kind.code],
        handleWorkdays: kind.handleWorkdays,
        sortOrder: i,
        active: true,
      });
    }
    for (const [i, name] of fixture.topics.entries()) await repos.topics.create({ id: newId(), name, sortOrder: i, now });

    const hub = await repos.units.create({
      id: newId(),
      kind: 'hub',
      parent: null,
      name: fixture.hub.name,
      region: '瑞安市',
      address: '瑞安市（演示地址）',
      openingHours: '工作日 8:30–17:00',
      now,
    });
    const stations: UnitRecord[] = [];
    for (const [i, s] of fixture.stations.entries()) {
      const station = await repos.units.create({
        id: newId(),
        kind: 'station',
        parent: hub,
        name: s.name,
        region: s.region,
        regionType: s.regionType,
        brands: s.brands,
        address: `${s.region}便民服务中心（演示地址）`,
        openingHours: '工作日 8:30–17:00；每月15日代表接待日',
        phone: `0577-6590${String(1000 + i)}`,
        sortOrder: i,
        now,
      });
      stations.push(station);
      for (let p = 0; p < 3; p++) {
        const pointKind = fixture.pointKinds[(i + p) % fixture.pointKinds.length];
        await repos.units.create({
          id: newId(),
          kind: 'point',
          parent: station,
          name: `${s.region}${pointKind}${POINT_SUFFIX[p]}（演示）`,
          region: s.region,
          regionType: s.regionType,
          pointKind,
          sortOrder: p,
          now,
        });
      }
    }
    return { hub, stations, departments };
  }

  private async seedDeputies(repos: Repositories, stations: UnitRecord[], now: string) {
    const created = [];
    let n = 0;
    for (const level of DEPUTY_LEVELS) {
      for (let k = 0; k < LEVEL_COUNTS[level]; k++, n++) {
        const name = `${SURNAMES[n % SURNAMES.length]}某${ORDINALS[Math.floor(n / SURNAMES.length) % ORDINALS.length]}`;
        // Every third county deputy also sits in the township congress, as in real life.
        const levels: DeputyLevel[] = level === 'county' && k % 3 === 0 ? ['county', 'township'] : [level];
        const station = stations[n % stations.length];
        const phone = `1700000${String(n).padStart(4, '0')}`;
        created.push(
          await repos.deputies.create({
            id: newId(),
            name,
            gender: n % 3 === 0 ? 'female' : 'male',
            levels,
            homeUnitId: station.id,
            sector: SECTORS[n % SECTORS.length],
            position: POSITIONS[n % POSITIONS.length],
            profile: '演示数据：虚构人物，与任何真实人员无关。',
            phoneEnc: this.deps.cipher.encrypt(phone),
            phoneHash: this.deps.cipher.hash(phone),
            now,
          }),
        );
      }
    }
    return created;
  }
}
