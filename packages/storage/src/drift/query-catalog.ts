/**
 * Representative calls of every public repository method, whose SQL is committed as snapshots
 * (packages/storage/queries/*.sql, see sql-snapshots.ts). The type `Calls<R>` has one key per
 * public method of R, so tsc rejects a repository that gains a method without an entry here;
 * the snapshot test checks the same at run time against each class's prototype. A method whose
 * SQL depends on its arguments gets several named calls, one per shape.
 *
 * Every call runs against the same seeded database (`seed`), in a transaction rolled back after
 * it, so entries do not depend on each other; calls that open their own transaction (or must run
 * outside one) are marked `ownTransaction` and run last, in order, on the seeded database itself.
 */
import type { DB } from '../database';
import { ActivityRepository } from '../repositories/activity.repository';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { AppealKindRepository } from '../repositories/appeal-kind.repository';
import { AttachmentRepository } from '../repositories/attachment.repository';
import { AuditRepository } from '../repositories/audit.repository';
import { CaseTextRepository } from '../repositories/case-text.repository';
import { CaseRepository, type CaseEventRecord, type NewCase } from '../repositories/case.repository';
import { CategoryRepository } from '../repositories/category.repository';
import { DemoOutboxRepository } from '../repositories/demo-outbox.repository';
import { DepartmentRepository } from '../repositories/department.repository';
import { DeputyRepository } from '../repositories/deputy.repository';
import { EvaluationRepository } from '../repositories/evaluation.repository';
import { ExportRepository } from '../repositories/export.repository';
import { IdempotencyRepository } from '../repositories/idempotency.repository';
import { ImportRepository } from '../repositories/import.repository';
import { IntakeInboxRepository } from '../repositories/intake-inbox.repository';
import { JobRepository } from '../repositories/job.repository';
import { ModelRepository } from '../repositories/model.repository';
import { NotificationRepository } from '../repositories/notification.repository';
import { Open311Repository } from '../repositories/open311.repository';
import { ProposalRepository, type NewProposal, type ProposalEventRecord } from '../repositories/proposal.repository';
import { RateCounterRepository } from '../repositories/rate-counter.repository';
import { ReceptionRepository } from '../repositories/reception.repository';
import { SessionRepository } from '../repositories/session.repository';
import { SettingsRepository } from '../repositories/settings.repository';
import { SecretKeyRepository } from '../repositories/secret-key.repository';
import { StatsRepository } from '../repositories/stats.repository';
import { SupervisionRepository } from '../repositories/supervision.repository';
import { TopicRepository } from '../repositories/topic.repository';
import { UnitRepository, type UnitRecord } from '../repositories/unit.repository';
import { UserRepository } from '../repositories/user.repository';
import { VotingRepository } from '../repositories/voting.repository';
import { WebhookRepository } from '../repositories/webhook.repository';
import { createRepositories } from '../index';

/** Names of the public methods of R. */
export type MethodsOf<R> = { [K in keyof R]: R[K] extends (...args: never[]) => unknown ? K : never }[keyof R] & string;

/** One representative call. */
export type Call<R> = (repo: R) => Promise<unknown>;

/** A call, or several named ones (one per shape of SQL the arguments choose). */
export type Entry<R> = Call<R> | { [variant: string]: Call<R> };

/** An entry for every public method of R. */
export type Calls<R> = { [K in MethodsOf<R>]: Entry<R> };

/** The calls of one repository class (typed by `calls()`, kept here without the class's type). */
export interface RepositoryCalls {
  /** The class (constructed over the seeded database or its transaction). */
  type: new (db: DB) => unknown;
  calls: Record<string, Entry<unknown>>;
  /** `method` or `method (variant)` run outside the rollback transaction, after the others. */
  ownTransaction?: readonly string[];
}

function calls<R>(type: new (db: DB) => R, entries: Calls<R>, ownTransaction: readonly string[] = []): RepositoryCalls {
  return { type, calls: entries, ownTransaction } as unknown as RepositoryCalls;
}

/** Fixed instants: snapshots hold SQL only, but fixed data keeps every call on the same path. */
const T0 = '2026-03-02T01:00:00.000Z';
const T1 = '2026-03-09T01:00:00.000Z';
const T2 = '2026-04-01T00:00:00.000Z';
const HASH = '0'.repeat(64);

function caseEvent(caseId: string, id: string, type = 'note'): CaseEventRecord {
  return {
    id,
    caseId,
    type,
    fromStatus: null,
    toStatus: null,
    actorId: 'u1',
    actorKind: 'user',
    actorName: '管理员',
    at: T0,
    reason: null,
    payload: {},
    public: true,
    prevHash: HASH,
    hash: HASH,
  };
}

function newCase(id: string): NewCase {
  return {
    id,
    trackingCode: `LX-${id}`,
    channel: 'online',
    status: 'submitted',
    kind: 'complaint',
    title: '路灯不亮',
    content: '小区门口路灯坏了',
    createdAt: T0,
    unitId: 'st1',
    unitPath: '/hub/st1/',
    categoryId: 'cat1a',
    departmentId: 'dep1',
    deputyId: 'dp1',
    reporterPhoneHash: 'ph1',
    replyDueAt: T1,
  };
}

function proposalEvent(proposalId: string, id: string): ProposalEventRecord {
  return {
    id,
    proposalId,
    type: 'submit',
    fromStatus: 'draft',
    toStatus: 'submitted',
    actorId: 'u1',
    actorKind: 'user',
    actorName: '管理员',
    at: T0,
    reason: null,
    payload: {},
    prevHash: HASH,
    hash: HASH,
  };
}

function newProposal(id: string): NewProposal {
  return {
    id,
    type: 'suggestion',
    status: 'submitted',
    number: null,
    year: 2026,
    title: '关于增设路灯的建议',
    body: '建议增设路灯',
    leadDeputyId: 'dp1',
    unitPath: '/hub/st1/',
    leadUnitId: 'dep1',
    answerClass: null,
    rating: null,
    ratingComment: null,
    answerContent: null,
    followUpContent: null,
    supervised: false,
    keyLeader: null,
    withdrawDueAt: null,
    answerDueAt: T1,
    assignedAt: null,
    submittedAt: T0,
    answeredAt: null,
    closedAt: null,
    workflow: {},
    createdBy: 'u1',
    createdAt: T0,
  };
}

/**
 * The data every call sees: one of each thing the calls name (ids `hub`, `st1`, `dep1`, `cat1`,
 * `dp1`, `u1`, `c1`, `p1`, `r1`, …), written through the repositories themselves.
 */
export async function seed(db: DB): Promise<void> {
  const repos = createRepositories(db);
  const hub = await repos.units.create({ id: 'hub', kind: 'hub', parent: null, name: '总站', now: T0 });
  await repos.units.create({ id: 'st1', kind: 'station', parent: hub, name: '安阳街道联络站', now: T0 });
  await repos.departments.create({ id: 'dep1', name: '住建局', now: T0 });
  await repos.categories.create({ id: 'cat1', name: '城市管理', parentId: null, now: T0 });
  await repos.categories.create({ id: 'cat1a', name: '路灯', parentId: 'cat1', defaultDepartmentId: 'dep1', now: T0 });
  await repos.deputies.create({ id: 'dp1', name: '张代表', levels: ['county'], homeUnitId: 'st1', now: T0 });
  await repos.users.create({ id: 'u1', username: 'admin', displayName: '管理员', passwordHash: 'x', roles: ['admin'], now: T0 });
  await repos.topics.create({ id: 't1', name: '民生', now: T0 });
  await repos.appealKinds.upsert({ code: 'complaint', name: '投诉', nameEn: 'Complaint', handleWorkdays: 7, sortOrder: 1, active: true });
  await repos.settings.set('demo', { on: true }, T0);
  await repos.sessions.create({ id: 's1', userId: 'u1', csrfToken: 'csrf', createdAt: T0, lastSeenAt: T0, expiresAt: T1, ip: null, userAgent: null });
  await repos.audit.append({
    id: 'au1',
    at: T0,
    actorId: 'u1',
    actorName: '管理员',
    action: 'unit.create',
    entity: 'unit',
    entityId: 'st1',
    summary: null,
    payload: {},
    ip: null,
  });
  await repos.cases.insert(newCase('c1'), [caseEvent('c1', 'ce1', 'submit')]);
  // A closed, public case (Open311 lists it; its contacts are old enough to erase).
  await repos.cases.insert({ ...newCase('c0'), status: 'closed', consentPublic: true, closedAt: T0, repliedAt: T0 }, [caseEvent('c0', 'ce0', 'submit')]);
  await repos.attachments.insert({
    id: 'at1',
    sha256: HASH,
    mime: 'image/png',
    size: 10,
    width: 1,
    height: 1,
    originalName: 'a.png',
    caseId: null,
    eventId: null,
    uploaderKind: 'user',
    uploaderId: 'u1',
    createdAt: T0,
  });
  await repos.idempotency.claim('case.create', 'k1', HASH, T0);
  await repos.intakeInbox.addMany([{ id: 'in1', trackingCode: 'LX-in1', payload: { title: 'x' }, version: 1, createdAt: T0 }]);
  await repos.rateCounters.hit('login:1.2.3.4', T0);
  await repos.jobs.enqueue({ id: 'j1', name: 'stats.workdays_sync', runAt: T0, now: T0 });
  await repos.notifications.add([
    { id: 'n1', userId: 'u1', kind: 'case.assigned', title: '新案件', body: '', link: null, caseId: 'c1', readAt: null, createdAt: T0 },
  ]);
  await repos.imports.create({ id: 'im1', fileName: 'cases.xlsx', status: 'running', dryRun: false, mapping: {}, total: 1, createdBy: 'u1', now: T0 });
  await repos.exports.create({ id: 'ex1', kind: 'cases', format: 'xlsx', includeContact: false, filters: {}, createdBy: 'u1', now: T0 });
  await repos.proposals.insert(newProposal('p1'), [{ deputyId: 'dp1', status: 'invited', at: T0 }], [proposalEvent('p1', 'pe1')]);
  await repos.voting.createRound({
    id: 'r1',
    year: 2026,
    title: '民生实事票决',
    description: null,
    phase: 'selection',
    choose: 1,
    majorityRequired: true,
    commentFrom: null,
    commentTo: null,
    createdBy: 'u1',
    createdAt: T0,
  });
  await repos.voting.addCandidate({
    id: 'vc1',
    roundId: 'r1',
    title: '修路',
    description: '修路',
    source: 'deputy',
    proposer: null,
    departmentId: 'dep1',
    budget: 100,
    status: 'candidate',
    createdAt: T0,
  });
  await repos.voting.setElectorate('r1', ['dp1']);
  await repos.supervision.addIndicator({
    id: 'ki1',
    proposalId: 'p1',
    parentId: null,
    name: '覆盖率',
    unit: '%',
    baseline: 0,
    target: 100,
    period: '2026',
    departmentId: 'dep1',
    weight: 1,
    sortOrder: 0,
    createdAt: T0,
  });
  await repos.supervision.addIssue({ id: 'is1', proposalId: 'p1', title: '整改', departmentId: 'dep1', dueAt: T1, createdAt: T0 });
  await repos.supervision.addComparisonIndicator({ id: 'ci1', name: '满意度', unit: '%', higherIsBetter: true, sortOrder: 0, active: true, createdAt: T0 });
  await repos.receptions.createRule({
    id: 'rr1',
    unitId: 'st1',
    kind: 'weekly',
    weekday: 3,
    date: null,
    startTime: '09:00',
    endTime: '11:00',
    capacity: 5,
    deputyIds: ['dp1'],
    validFrom: '2026-03-01',
    validTo: null,
    note: null,
    active: true,
    createdBy: 'u1',
    now: T0,
  });
  await repos.receptions.insertMissing([
    {
      id: 'rc1',
      ruleId: 'rr1',
      unitId: 'st1',
      unitPath: '/hub/st1/',
      date: '2026-03-04',
      startTime: '09:00',
      endTime: '11:00',
      capacity: 5,
      deputyIds: ['dp1'],
      createdAt: T0,
    },
  ]);
  await repos.receptions.addBooking({ id: 'bk1', receptionId: 'rc1', code: 'B1', nameEnc: null, phoneEnc: null, phoneHash: 'ph1', topic: null, createdAt: T0 });
  await repos.activities.create({
    id: 'a1',
    unitId: 'st1',
    unitPath: '/hub/st1/',
    kind: 'visit',
    title: '走访',
    date: '2026-03-02',
    location: null,
    summary: '走访群众',
    caseIds: ['c1'],
    deputyIds: ['dp1'],
    photoIds: [],
    createdBy: 'u1',
    now: T0,
  });
  await repos.evaluations.createScheme({ id: 'es1', name: '站点考评', subject: 'unit', definition: { items: [] }, updatedBy: 'u1', now: T0 });
  await repos.apiKeys.insert({ id: 'k1', name: '12345', keyHash: HASH, keyPrefix: 'lx_1', scopes: ['open311'], createdBy: 'u1', createdAt: T0 });
  await repos.open311.insert({ caseId: 'c1', token: 'tok1', apiKeyId: 'k1', serviceCode: 'cat1a', attributes: {}, createdAt: T0 });
  await repos.webhooks.insertSubscription({
    id: 'wh1',
    name: '12345 热线',
    url: 'https://hooks.example.test/lianxin',
    eventTypes: ['case.created'],
    secretEnc: 'enc',
    active: true,
    createdBy: 'u1',
    createdAt: T0,
  });
  await repos.webhooks.insertDelivery({
    id: 'wd1',
    subscriptionId: 'wh1',
    eventId: 'ce1',
    eventType: 'case.created',
    caseId: 'c1',
    payload: {},
    createdAt: T0,
  });
}

/** The seeded hub, as `UnitRepository.create` takes its parent. */
const HUB: UnitRecord = {
  id: 'hub',
  parentId: null,
  kind: 'hub',
  name: '总站',
  path: '/hub/',
  region: null,
  regionType: null,
  pointKind: null,
  address: null,
  phone: null,
  openingHours: null,
  brands: [],
  lat: null,
  lng: null,
  sortOrder: 0,
  active: true,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
};

const everyone = { all: true };
const station = { unitPath: '/hub/st1/', departmentId: 'dep1', deputyId: 'dp1' };

/** Every repository's calls, by class name. */
export const QUERY_CATALOG: Record<string, RepositoryCalls> = {
  UnitRepository: calls(UnitRepository, {
    list: {
      all: (r) => r.list(),
      filtered: (r) => r.list({ kind: 'station', parentId: 'hub', underPath: '/hub/', q: '安阳', includeInactive: true, page: 2, pageSize: 10 }),
    },
    listActive: (r) => r.listActive(),
    find: (r) => r.find('st1'),
    get: (r) => r.get('st1'),
    create: (r) => r.create({ id: 'st2', kind: 'station', parent: HUB, name: '塘下镇联络站', region: '塘下镇', brands: ['护水'], now: T1 }),
    update: (r) => r.update('st1', { name: '安阳联络站', lat: 27.8, active: false }, { expectedVersion: 1, now: T1 }),
    countByKind: (r) => r.countByKind(),
  }),
  DeputyRepository: calls(DeputyRepository, {
    list: { all: (r) => r.list(), filtered: (r) => r.list({ homeUnitId: 'st1', level: 'county', underPath: '/hub/', q: '张', page: 1, pageSize: 5 }) },
    find: (r) => r.find('dp1'),
    get: (r) => r.get('dp1'),
    create: (r) => r.create({ id: 'dp2', name: '李代表', levels: ['township'], phoneEnc: 'enc', phoneHash: 'h', now: T1 }),
    update: (r) => r.update('dp1', { name: '张代表', sector: '教育' }, { expectedVersion: 1, now: T1 }),
  }),
  DepartmentRepository: calls(DepartmentRepository, {
    list: { all: (r) => r.list(), filtered: (r) => r.list({ q: '住建', includeInactive: true, page: 1, pageSize: 5 }) },
    find: (r) => r.find('dep1'),
    findByName: (r) => r.findByName('住建局'),
    get: (r) => r.get('dep1'),
    create: (r) => r.create({ id: 'dep2', name: '交通局', shortName: '交通', now: T1 }),
    update: (r) => r.update('dep1', { name: '住房和城乡建设局' }, { expectedVersion: 1, now: T1 }),
  }),
  CategoryRepository: calls(CategoryRepository, {
    list: { all: (r) => r.list(), filtered: (r) => r.list({ parentId: 'cat1', q: '路', includeInactive: true, page: 1, pageSize: 5 }) },
    listActive: (r) => r.listActive(),
    find: (r) => r.find('cat1a'),
    get: (r) => r.get('cat1a'),
    create: (r) => r.create({ id: 'cat2', name: '交通', parentId: null, now: T1 }),
    update: (r) => r.update('cat1a', { name: '路灯照明', timeLimitWorkdays: 5 }, { expectedVersion: 1, now: T1 }),
  }),
  AppealKindRepository: calls(AppealKindRepository, {
    list: (r) => r.list(),
    get: (r) => r.get('complaint'),
    upsert: (r) => r.upsert({ code: 'help', name: '求助', nameEn: 'Help', handleWorkdays: 5, sortOrder: 2, active: true }),
    update: (r) => r.update('complaint', { handleWorkdays: 5 }),
  }),
  TopicRepository: calls(TopicRepository, {
    list: { all: (r) => r.list(), filtered: (r) => r.list({ q: '民', includeInactive: true }) },
    get: (r) => r.get('t1'),
    create: (r) => r.create({ id: 't2', name: '交通', now: T1 }),
    update: (r) => r.update('t1', { name: '民生实事' }, { expectedVersion: 1, now: T1 }),
  }),
  UserRepository: calls(UserRepository, {
    list: { all: (r) => r.list(), filtered: (r) => r.list({ role: 'admin', q: 'adm', includeInactive: true }) },
    find: (r) => r.find('u1'),
    findByUsername: (r) => r.findByUsername('admin'),
    get: (r) => r.get('u1'),
    create: (r) => r.create({ id: 'u2', username: 'staff', displayName: '工作人员', passwordHash: 'x', roles: ['staff'], unitId: 'st1', now: T1 }),
    update: (r) => r.update('u1', { displayName: '系统管理员' }, { expectedVersion: 1, now: T1 }),
    claimLoginAttempt: (r) => r.claimLoginAttempt('u1', { maxFailures: 5, now: T1, lockedUntil: T2 }),
    recordLoginSuccess: (r) => r.recordLoginSuccess('u1', T1),
    recipients: {
      'by role': (r) => r.recipients({ role: 'admin' }),
      'by scope': (r) => r.recipients({ departmentId: 'dep1', deputyId: 'dp1', containingUnitPath: '/hub/st1/' }),
    },
    count: (r) => r.count(),
  }),
  SessionRepository: calls(SessionRepository, {
    create: (r) => r.create({ id: 's2', userId: 'u1', csrfToken: 'csrf', createdAt: T1, lastSeenAt: T1, expiresAt: T2, ip: '1.2.3.4', userAgent: 'ua' }),
    find: (r) => r.find('s1'),
    touch: (r) => r.touch('s1', T1, T2),
    delete: (r) => r.delete('s1'),
    deleteForUser: (r) => r.deleteForUser('u1'),
    deleteExpired: (r) => r.deleteExpired(T2),
  }),
  SecretKeyRepository: calls(SecretKeyRepository, {
    check: (r) => r.check(),
    claimCheck: (r) => r.claimCheck('check-value', T1),
    sampleCiphertexts: (r) => r.sampleCiphertexts(),
  }),
  SettingsRepository: calls(SettingsRepository, {
    get: (r) => r.get('demo'),
    set: (r) => r.set('demo', { on: false }, T1),
    claim: (r) => r.claim('seeded', { at: T1 }, T1),
  }),
  AuditRepository: calls(AuditRepository, {
    append: (r) =>
      r.append({
        id: 'au2',
        at: T1,
        actorId: 'u1',
        actorName: '管理员',
        action: 'unit.update',
        entity: 'unit',
        entityId: 'st1',
        summary: '改名',
        payload: { name: 'x' },
        ip: null,
      }),
    chainPage: (r) => r.chainPage(0, 100),
    firstUnchained: (r) => r.firstUnchained(),
    chainHead: (r) => r.chainHead(),
    list: { all: (r) => r.list(), filtered: (r) => r.list({ entity: 'unit', entityId: 'st1', action: 'unit.create', page: 1, pageSize: 10 }) },
  }),
  CaseRepository: calls(CaseRepository, {
    insertMany: (r) => r.insertMany([{ record: newCase('c2'), events: [caseEvent('c2', 'ce2', 'submit')], searchTokens: '路灯 不亮' }]),
    findMany: (r) => r.findMany(['c1', 'c2']),
    insert: (r) => r.insert(newCase('c3'), [caseEvent('c3', 'ce3', 'submit')]),
    update: (r) => r.update('c1', 1, { status: 'accepted', acceptedAt: T1, supervised: true, workflow: { step: 1 } }, [caseEvent('c1', 'ce4', 'accept')], T1),
    find: (r) => r.find('c1'),
    get: (r) => r.get('c1'),
    findByTrackingCode: (r) => r.findByTrackingCode('LX-c1'),
    findBySourceKey: (r) => r.findBySourceKey('import:1'),
    events: (r) => r.events('c1'),
    list: {
      all: (r) => r.list(everyone),
      'scoped, filtered': (r) =>
        r.list(station, {
          status: ['submitted', 'accepted'],
          unitId: 'st1',
          underPath: '/hub/',
          categoryId: 'cat1a',
          departmentId: 'dep1',
          deputyId: 'dp1',
          channel: 'online',
          from: T0,
          to: T2,
          page: 1,
          pageSize: 20,
        }),
      worklists: (r) => r.list(everyone, { overdueAt: T1, flagged: true, supervised: true, dueBefore: T2, dueAfter: T0 }),
      'text search': (r) => r.list(everyone, { q: '路灯', searchTokens: ['路灯'], sort: 'relevance' }),
      'text search, scoped': (r) => r.list(station, { q: '路灯', searchTokens: ['路灯'], status: ['submitted'], categoryId: 'cat1a' }),
      'known total': (r) => r.list(everyone, { knownTotal: 1, page: 2 }),
      // A total past the few rows a list reads whole: the newest-first walk, by cursor either way.
      'after a cursor, many rows': (r) => r.list(everyone, { knownTotal: 10_000, after: { createdAt: T1, id: 'c1' } }),
      'before a cursor, many rows': (r) => r.list(everyone, { knownTotal: 10_000, before: { createdAt: T0, id: 'c1' } }),
      'text search in a period': (r) => r.list(everyone, { q: '路灯', searchTokens: ['路灯'], from: T0, to: T2 }),
    },
    exportSlice: {
      first: (r) => r.exportSlice(everyone, {}, { limit: 500 }),
      'after a case, in a window, filtered': (r) =>
        r.exportSlice(station, { status: ['submitted'], channel: 'online' }, { after: { createdAt: T1, id: 'c9' }, notBefore: T0, limit: 500 }),
      'text search': (r) => r.exportSlice(everyone, { q: '路灯', searchTokens: ['路灯'], sort: 'newest' }, { after: { createdAt: T1, id: 'c9' }, limit: 500 }),
    },
    exportCount: {
      first: (r) => r.exportCount(everyone, {}, { limit: 5000 }),
      'after a case, in a window': (r) => r.exportCount(station, { categoryId: 'cat1' }, { after: { createdAt: T1, id: 'c9' }, notBefore: T0, limit: 5000 }),
    },
    createdSpan: (r) => r.createdSpan(),
    worklistCounts: { everyone: (r) => r.worklistCounts(everyone, T1, T2), scoped: (r) => r.worklistCounts(station, T1, T2) },
    countByPhoneSince: (r) => r.countByPhoneSince('ph1', T0),
    eraseContactsClosedBefore: (r) => r.eraseContactsClosedBefore(T2),
  }),
  CaseTextRepository: calls(CaseTextRepository, {
    setSearchTokens: (r) => r.setSearchTokens('c1', '路灯 不亮'),
    text: (r) => r.text('c1'),
    batchAfter: (r) => r.batchAfter('', 100),
    notes: (r) => r.notes(['c1']),
    open: { all: (r) => r.open(100), since: (r) => r.open(100, T0) },
    briefs: (r) => r.briefs(['c1']),
    labelled: (r) => r.labelled(100),
    window: {
      everyone: (r) => r.window(everyone, { from: T0, to: T2, limit: 100 }),
      scoped: (r) => r.window(station, { from: T0, to: T2, unitId: 'st1', limit: 100 }),
    },
  }),
  AttachmentRepository: calls(AttachmentRepository, {
    insert: (r) =>
      r.insert({
        id: 'at2',
        sha256: HASH,
        mime: 'image/jpeg',
        size: 20,
        width: null,
        height: null,
        originalName: null,
        caseId: null,
        eventId: null,
        uploaderKind: 'citizen',
        uploaderId: 'tok',
        createdAt: T1,
      }),
    find: (r) => r.find('at1'),
    findMany: (r) => r.findMany(['at1', 'at2']),
    forCase: (r) => r.forCase('c1'),
    link: { anyone: (r) => r.link(['at1'], 'c1', 'ce1'), owner: (r) => r.link(['at1'], 'c1', null, { kind: 'user', id: 'u1' }) },
    claimForIssue: (r) => r.claimForIssue(['at1'], 'is1', { kind: 'user', id: 'u1' }),
    orphansBefore: (r) => r.orphansBefore(T2),
    isHashUsed: (r) => r.isHashUsed(HASH),
    delete: (r) => r.delete(['at1']),
  }),
  IdempotencyRepository: calls(IdempotencyRepository, {
    claim: (r) => r.claim('case.create', 'k2', HASH, T1),
    claimCompleted: (r) => r.claimCompleted('import', [{ key: 'row1', requestHash: HASH, status: 201, response: { id: 'c1' }, createdAt: T1 }]),
    complete: (r) => r.complete('case.create', 'k1', 201, { id: 'c1' }),
    find: (r) => r.find('case.create', 'k1'),
    release: (r) => r.release('case.create', 'k1'),
    deleteBefore: (r) => r.deleteBefore(T2),
  }),
  IntakeInboxRepository: calls(IntakeInboxRepository, {
    addMany: (r) => r.addMany([{ id: 'in2', trackingCode: 'LX-in2', payload: { title: 'y' }, version: 1, createdAt: T1 }]),
    findByTrackingCode: (r) => r.findByTrackingCode('LX-in1'),
    claim: (r) => r.claim(10, 5, [1]),
    lock: (r) => r.lock(['in1']),
    remove: (r) => r.remove(['in1']),
    recordFailure: (r) => r.recordFailure('in1', 'boom'),
    setAside: (r) => r.setAside(['in1'], 'payload invalid', 5),
    counts: (r) => r.counts(5, [1]),
  }),
  RateCounterRepository: calls(RateCounterRepository, {
    hit: (r) => r.hit('login:1.2.3.4', T0),
    take: (r) => r.take('login:1.2.3.4', T0, 10),
    giveBack: (r) => r.giveBack('login:1.2.3.4', T0),
    count: (r) => r.count('login:1.2.3.4', T0),
    deleteBefore: (r) => r.deleteBefore(T2),
  }),
  JobRepository: calls(JobRepository, {
    enqueue: (r) => r.enqueue({ id: 'j2', name: 'mail.send', payload: { to: 'u1' }, runAt: T1, maxAttempts: 3, now: T1 }),
    enqueueMany: (r) => r.enqueueMany([{ id: 'j3', name: 'mail.send', runAt: T1, now: T1 }]),
    claim: (r) => r.claim('w1', T1, 10, 60_000),
    complete: (r) => r.complete('j1', 'w1', T1),
    extendLock: (r) => r.extendLock('j1', 'w1', T2, T1),
    release: (r) => r.release('j1', 'w1', T1),
    fail: { retry: (r) => r.fail('j1', 'w1', 'boom', T1, T2), final: (r) => r.fail('j1', 'w1', 'boom', T1, null) },
    find: (r) => r.find('j1'),
    list: { all: (r) => r.list(), filtered: (r) => r.list({ status: 'pending', name: 'stats.workdays_sync', limit: 10 }) },
    retry: (r) => r.retry('j1', T1),
    stats: (r) => r.stats(T1),
    purgeDone: (r) => r.purgeDone(T2),
  }),
  NotificationRepository: calls(NotificationRepository, {
    add: (r) =>
      r.add([{ id: 'n2', userId: 'u1', kind: 'case.replied', title: '已答复', body: '', link: '/cases/c1', caseId: 'c1', readAt: null, createdAt: T1 }]),
    list: { all: (r) => r.list('u1'), unread: (r) => r.list('u1', { unreadOnly: true, limit: 10 }) },
    createdBetween: (r) => r.createdBetween('u1', T0, T2),
    markRead: (r) => r.markRead('u1', 'n1', T1),
    logDelivery: (r) =>
      r.logDelivery({
        id: 'dl1',
        channel: 'email',
        recipientHash: 'h',
        template: 'case.replied',
        caseId: 'c1',
        status: 'sent',
        error: null,
        createdAt: T1,
        sentAt: T1,
      }),
    deliveriesFor: (r) => r.deliveriesFor('c1'),
  }),
  DemoOutboxRepository: calls(DemoOutboxRepository, {
    add: (r) => r.add({ id: 'o1', channel: 'sms', recipient: '138****0000', subject: null, body: '您的意见已受理', sentAt: T1 }),
    list: (r) => r.list({ page: 1, pageSize: 20 }),
  }),
  ExportRepository: calls(ExportRepository, {
    create: (r) => r.create({ id: 'ex2', kind: 'cases', format: 'csv', includeContact: false, filters: { status: ['closed'] }, createdBy: 'u1', now: T1 }),
    update: (r) =>
      r.update('ex1', { status: 'done', total: 1, processed: 1, fileName: 'cases.csv', fileSha256: HASH, fileSize: 10, finishedAt: T1, expiresAt: T2 }, T1),
    find: (r) => r.find('ex1'),
    listByOwner: (r) => r.listByOwner('u1', 5),
    expiredBefore: (r) => r.expiredBefore(T2),
    fileInUse: (r) => r.fileInUse(HASH, 'ex1'),
  }),
  ImportRepository: calls(ImportRepository, {
    create: (r) => r.create({ id: 'im2', fileName: 'b.xlsx', status: 'running', dryRun: true, mapping: { title: '标题' }, total: 2, createdBy: 'u1', now: T1 }),
    update: (r) => r.update('im1', { status: 'done', processed: 1, created: 1, duplicates: 0, failed: 0, errors: [] }, T1),
    find: (r) => r.find('im1'),
    get: (r) => r.get('im1'),
    listRecent: { all: (r) => r.listRecent(), mine: (r) => r.listRecent({ createdBy: 'u1', limit: 5 }) },
  }),
  ModelRepository: calls(
    ModelRepository,
    {
      insert: (r) => r.insert({ id: 'm1', kind: 'classifier', createdAt: T1, metrics: { f1: 0.9 }, model: '{}', active: true }),
      active: (r) => r.active('classifier'),
      list: (r) => r.list('classifier'),
    },
    ['insert'],
  ),
  ProposalRepository: calls(ProposalRepository, {
    insert: (r) => r.insert(newProposal('p2'), [{ deputyId: 'dp1', status: 'invited', at: T1 }], [proposalEvent('p2', 'pe2')]),
    update: (r) =>
      r.update(
        'p1',
        1,
        { status: 'assigned', assignedAt: T1, supervised: true },
        { cosigners: [{ deputyId: 'dp1', status: 'signed', at: T1 }], units: [{ departmentId: 'dep1', role: 'lead' }] },
        [proposalEvent('p1', 'pe3')],
        T1,
      ),
    find: (r) => r.find('p1'),
    get: (r) => r.get('p1'),
    cosigners: (r) => r.cosigners('p1'),
    units: (r) => r.units('p1'),
    events: (r) => r.events('p1'),
    linkCases: (r) => r.linkCases('p1', ['c1'], T1),
    unlinkCases: (r) => r.unlinkCases('p1', ['c1']),
    linkedCaseIds: (r) => r.linkedCaseIds('p1'),
    publicForCase: (r) => r.publicForCase('c1'),
    maxNumber: (r) => r.maxNumber('2026-'),
    list: {
      all: (r) => r.list({ all: true }),
      'scoped, filtered': (r) =>
        r.list(
          { allButDrafts: true, unitPath: '/hub/', officeUnitPath: '/hub/st1/', deputyId: 'dp1', departmentId: 'dep1' },
          {
            type: 'suggestion',
            status: ['submitted'],
            year: 2026,
            underPath: '/hub/',
            departmentId: 'dep1',
            deputyId: 'dp1',
            keyOnly: true,
            overdueAt: T1,
            q: '路灯',
          },
        ),
      invited: (r) => r.list({ deputyId: 'dp1' }, { invitedDeputyId: 'dp1', page: 2, pageSize: 10 }),
    },
    allIds: (r) => r.allIds(),
  }),
  VotingRepository: calls(
    VotingRepository,
    {
      createRound: (r) =>
        r.createRound({
          id: 'r2',
          year: 2027,
          title: '票决',
          description: null,
          phase: 'draft',
          choose: 2,
          majorityRequired: false,
          commentFrom: T0,
          commentTo: T1,
          createdBy: 'u1',
          createdAt: T1,
        }),
      findRound: (r) => r.findRound('r1'),
      getRound: (r) => r.getRound('r1'),
      listRounds: { all: (r) => r.listRounds(), phases: (r) => r.listRounds({ phases: ['selection', 'satisfaction'] }) },
      updateRound: (r) => r.updateRound('r1', 1, { phase: 'closed', selectionResult: { chosen: ['vc1'] }, selectionDigest: HASH }, T1),
      addCandidate: (r) =>
        r.addCandidate({
          id: 'vc2',
          roundId: 'r1',
          title: '建桥',
          description: '建桥',
          source: 'public',
          proposer: '群众',
          departmentId: null,
          budget: null,
          status: 'candidate',
          createdAt: T1,
        }),
      findCandidate: (r) => r.findCandidate('vc1'),
      candidates: { all: (r) => r.candidates('r1'), statuses: (r) => r.candidates('r1', ['candidate']) },
      updateCandidate: (r) => r.updateCandidate('vc1', { status: 'chosen', chosen: true, progress: 10 }, T1),
      addComment: (r) => r.addComment({ id: 'vm1', candidateId: 'vc1', stance: 'for', content: '支持', createdAt: T1 }),
      comments: { visible: (r) => r.comments('r1'), all: (r) => r.comments('r1', { includeHidden: true }) },
      setCommentHidden: (r) => r.setCommentHidden('vm1', true),
      addProgress: (r) => r.addProgress({ id: 'vp1', candidateId: 'vc1', progress: 50, content: '过半', reportedBy: 'u1', reportedAt: T1 }),
      progress: (r) => r.progress('r1'),
      setElectorate: (r) => r.setElectorate('r1', ['dp1']),
      electorate: (r) => r.electorate('r1'),
      isElector: (r) => r.isElector('r1', 'dp1'),
      recordParticipation: (r) => r.recordParticipation('r1', 'selection', 'dp1'),
      lockPool: (r) => r.lockPool('r1', 'selection'),
      writePool: (r) => r.writePool('r1', 'selection', 'sealed'),
      dropPool: (r) => r.dropPool('r1', 'selection'),
      pools: (r) => r.pools(),
      storeBallots: (r) => r.storeBallots([{ hash: HASH, roundId: 'r1', phase: 'selection', choices: ['vc1'], nonce: 'n' }]),
      compactPool: (r) => r.compactPool(),
      hasVoted: (r) => r.hasVoted('r1', 'selection', 'dp1'),
      participants: (r) => r.participants('r1', 'selection'),
      ballots: (r) => r.ballots('r1', 'selection'),
    },
    ['compactPool'],
  ),
  SupervisionRepository: calls(SupervisionRepository, {
    addIndicator: (r) =>
      r.addIndicator({
        id: 'ki2',
        proposalId: 'p1',
        parentId: 'ki1',
        name: '子指标',
        unit: '个',
        baseline: 1,
        target: 2,
        period: '2026',
        departmentId: null,
        weight: 0.5,
        sortOrder: 1,
        createdAt: T1,
      }),
    indicators: (r) => r.indicators('p1'),
    addReport: (r) => r.addReport({ id: 'kr1', indicatorId: 'ki1', period: '2026-03', value: 50, note: null, reportedBy: 'u1', reportedAt: T1 }),
    reports: (r) => r.reports('p1'),
    addIssue: (r) => r.addIssue({ id: 'is2', proposalId: 'p1', title: '整改二', departmentId: null, dueAt: T2, createdAt: T1 }),
    findIssue: (r) => r.findIssue('is1'),
    issues: {
      'by proposal': (r) => r.issues({ proposalId: 'p1' }),
      'open, due': (r) => r.issues({ id: 'is1', openDueBefore: T2, departmentId: 'dep1' }),
    },
    raiseEscalation: (r) => r.raiseEscalation('is1', 1, T1),
    closeIssue: (r) => r.closeIssue('is1', 1, '已整改', ['at1'], 'u1', T1),
    addComparisonIndicator: (r) =>
      r.addComparisonIndicator({ id: 'ci2', name: '办结率', unit: '%', higherIsBetter: true, sortOrder: 1, active: true, createdAt: T1 }),
    comparisonIndicators: (r) => r.comparisonIndicators(),
    upsertValues: (r) => r.upsertValues([{ indicatorId: 'ci1', unitId: 'st1', period: '2026', value: 90 }], T1),
    comparisonValues: (r) => r.comparisonValues(['2026']),
    comparisonPeriods: (r) => r.comparisonPeriods(),
  }),
  ReceptionRepository: calls(ReceptionRepository, {
    createRule: (r) =>
      r.createRule({
        id: 'rr2',
        unitId: 'st1',
        kind: 'once',
        weekday: null,
        date: '2026-03-20',
        startTime: '14:00',
        endTime: '16:00',
        capacity: 3,
        deputyIds: [],
        validFrom: '2026-03-20',
        validTo: '2026-03-20',
        note: '专场',
        active: true,
        createdBy: 'u1',
        now: T1,
      }),
    updateRule: (r) =>
      r.updateRule(
        'rr1',
        {
          unitId: 'st1',
          kind: 'weekly',
          weekday: 4,
          date: null,
          startTime: '09:00',
          endTime: '12:00',
          capacity: 6,
          deputyIds: ['dp1'],
          validFrom: '2026-03-01',
          validTo: null,
          note: null,
          active: true,
        },
        1,
        T1,
      ),
    findRule: (r) => r.findRule('rr1'),
    getRule: (r) => r.getRule('rr1'),
    listRules: { all: (r) => r.listRules(), filtered: (r) => r.listRules({ unitIds: ['st1'], activeOnly: true }) },
    insertMissing: (r) =>
      r.insertMissing([
        {
          id: 'rc2',
          ruleId: 'rr1',
          unitId: 'st1',
          unitPath: '/hub/st1/',
          date: '2026-03-11',
          startTime: '09:00',
          endTime: '11:00',
          capacity: 5,
          deputyIds: ['dp1'],
          createdAt: T1,
        },
      ]),
    syncFuture: (r) =>
      r.syncFuture('rr1', '2026-03-01', new Map([['2026-03-04', { startTime: '09:30', endTime: '11:30', capacity: 4, deputyIds: ['dp1'] }]]), T1),
    find: (r) => r.find('rc1'),
    get: (r) => r.get('rc1'),
    list: {
      range: (r) => r.list({ from: '2026-03-01', to: '2026-03-31' }),
      filtered: (r) => r.list({ from: '2026-03-01', to: '2026-03-31', underPath: '/hub/', deputyId: 'dp1', includeCancelled: true }),
    },
    cancel: (r) => r.cancel('rc1', '台风', T1),
    markReminded: (r) => r.markReminded('rc1', T1),
    takePlace: (r) => r.takePlace('rc1', T1),
    releasePlace: (r) => r.releasePlace('rc1', T1),
    addBooking: (r) =>
      r.addBooking({
        id: 'bk2',
        receptionId: 'rc1',
        code: 'B2',
        nameEnc: 'enc',
        phoneEnc: 'enc',
        phoneHash: 'ph2',
        addressHash: 'ah',
        topic: '噪音',
        createdAt: T1,
      }),
    findBooking: (r) => r.findBooking('bk1'),
    findBookingByCode: (r) => r.findBookingByCode('B1'),
    activeBookingOf: (r) => r.activeBookingOf('rc1', 'ph1'),
    activeFromAddress: (r) => r.activeFromAddress('rc1', 'ah'),
    upcomingBookingsOf: (r) => r.upcomingBookingsOf('ph1', '2026-03-01'),
    bookingsFor: (r) => r.bookingsFor(['rc1']),
    setBookingStatus: (r) => r.setBookingStatus('bk1', 'attended', T1),
    recordAttendance: (r) => r.recordAttendance([{ receptionId: 'rc1', deputyId: 'dp1', status: 'attended', note: null, recordedBy: 'u1', recordedAt: T1 }]),
    attendanceFor: (r) => r.attendanceFor(['rc1']),
  }),
  ActivityRepository: calls(ActivityRepository, {
    create: (r) =>
      r.create({
        id: 'a2',
        unitId: 'st1',
        unitPath: '/hub/st1/',
        kind: 'meeting',
        title: '座谈',
        date: '2026-03-09',
        location: '会议室',
        summary: '座谈会',
        caseIds: [],
        deputyIds: ['dp1'],
        photoIds: ['at1'],
        createdBy: 'u1',
        now: T1,
      }),
    update: (r) =>
      r.update(
        'a1',
        {
          unitId: 'st1',
          unitPath: '/hub/st1/',
          kind: 'visit',
          title: '走访',
          date: '2026-03-02',
          location: null,
          summary: '走访',
          caseIds: [],
          deputyIds: ['dp1'],
          photoIds: ['at1'],
        },
        1,
        T1,
      ),
    find: (r) => r.find('a1'),
    get: (r) => r.get('a1'),
    list: {
      all: (r) => r.list(),
      filtered: (r) => r.list({ from: '2026-03-01', to: '2026-03-31', underPath: '/hub/', kind: 'visit', deputyId: 'dp1', page: 1, pageSize: 10 }),
      'station or deputy': (r) => r.list({ reach: { underPath: '/hub/st1/', deputyId: 'dp1' } }),
    },
    usablePhotos: { new: (r) => r.usablePhotos(['at1'], null, 'u1'), existing: (r) => r.usablePhotos(['at1'], 'a1', 'u1') },
  }),
  EvaluationRepository: calls(EvaluationRepository, {
    createScheme: (r) => r.createScheme({ id: 'es2', name: '代表考评', subject: 'deputy', definition: {}, updatedBy: 'u1', now: T1 }),
    updateScheme: (r) => r.updateScheme('es1', { name: '站点考评', definition: { items: [1] }, active: true }, 1, 'u1', T1),
    findScheme: (r) => r.findScheme('es1'),
    getScheme: (r) => r.getScheme('es1'),
    listSchemes: (r) => r.listSchemes(),
    setInput: {
      value: (r) => r.setInput({ schemeId: 'es1', period: '2026', subjectId: 'st1', key: 'k', value: 3, note: null, updatedBy: 'u1', updatedAt: T1 }),
      clear: (r) => r.setInput({ schemeId: 'es1', period: '2026', subjectId: 'st1', key: 'k', value: null, note: null, updatedBy: 'u1', updatedAt: T1 }),
    },
    inputs: (r) => r.inputs('es1', '2026'),
    publish: (r) => r.publish({ schemeId: 'es1', period: '2026', schemeVersion: 1, results: [], publishedBy: 'u1', publishedAt: T1 }),
    snapshot: (r) => r.snapshot('es1', '2026'),
    casesWithEvents: {
      first: (r) => r.casesWithEvents(T0, T2, { limit: 500 }),
      'after a case': (r) => r.casesWithEvents(T0, T2, { after: { createdAt: T0, id: 'c1' }, limit: 500 }),
    },
  }),
  StatsRepository: calls(
    StatsRepository,
    {
      directGroups: (r) =>
        r.directGroups(
          { visibility: station, unitId: 'st1', underPath: '/hub/', categoryId: 'cat1', departmentId: 'dep1', channel: 'online' },
          { from: T0, to: T2 },
        ),
      directTrend: {
        day: (r) => r.directTrend({ visibility: everyone }, { from: T0, to: T2 }, 'day'),
        month: (r) => r.directTrend({ visibility: everyone }, {}, 'month'),
      },
      rollupByUnit: (r) => r.rollupByUnit({ unitPaths: ['/hub/'] }, { pins: {} }, [{ grain: 'm', from: '2026-03', to: '2026-03' }]),
      rollupByKey: (r) =>
        r.rollupByKey({ unitPaths: ['/hub/st1/'], unitId: 'st1' }, { pins: { department: ['dep1'] } }, 'category', [
          { grain: 'y', from: '2026', to: '2026' },
          { grain: 'd', from: '2026-03-01', to: '2026-03-09' },
        ]),
      rollupTrend: {
        day: (r) => r.rollupTrend({ unitPaths: ['/hub/'] }, { pins: { channel: ['online'] } }, [{ grain: 'd', from: '2026-03-01', to: '2026-03-31' }], 'day'),
        month: (r) => r.rollupTrend({ unitPaths: ['/hub/'] }, { pins: {} }, [{ grain: 'm', from: '2026-01', to: '2026-03' }], 'month'),
      },
      directByKey: (r) => r.directByKey({ visibility: everyone, categoryId: 'cat1a' }, { from: T0, to: T2 }, 'department'),
      overdueCount: (r) => r.overdueCount({ visibility: station }, { from: T0, to: T2 }, T2),
      openAndOverdue: (r) => r.openAndOverdue(T2),
      consentedCases: (r) => r.consentedCases({ underPath: '/hub/', categoryId: 'cat1', page: 1, pageSize: 10 }),
      syncWorkdays: (r) =>
        r.syncWorkdays(
          [
            { day: '2026-03-02', ordinal: 2001 },
            { day: '2026-03-03', ordinal: 2002 },
          ],
          { rebuildAbove: 1000 },
        ),
    },
    ['syncWorkdays'],
  ),
  ApiKeyRepository: calls(ApiKeyRepository, {
    insert: (r) => r.insert({ id: 'k2', name: '政务服务', keyHash: '1'.repeat(64), keyPrefix: 'lx_2', scopes: [], createdBy: 'u1', createdAt: T1 }),
    find: (r) => r.find('k1'),
    findByHash: (r) => r.findByHash(HASH),
    list: (r) => r.list(),
    touch: (r) => r.touch('k1', T1),
    revoke: (r) => r.revoke('k1', 'u1', T1),
  }),
  Open311Repository: calls(Open311Repository, {
    insert: (r) => r.insert({ caseId: 'c0', token: 'tok2', apiKeyId: null, serviceCode: 'cat1a', attributes: { a: 1 }, createdAt: T1 }),
    findByCase: (r) => r.findByCase('c1'),
    findByToken: (r) => r.findByToken('tok1'),
    listRequests: {
      public: (r) => r.listRequests({ limit: 50 }),
      filtered: (r) => r.listRequests({ ids: ['c1'], categoryIds: ['cat1a'], statuses: ['submitted'], start: T0, end: T2, apiKeyId: 'k1', limit: 50 }),
    },
    listUpdates: {
      public: (r) => r.listUpdates({ start: T0, end: T2, limit: 50 }),
      'with key': (r) => r.listUpdates({ start: T0, end: T2, apiKeyId: 'k1', limit: 50 }),
    },
  }),
  WebhookRepository: calls(WebhookRepository, {
    insertSubscription: (r) =>
      r.insertSubscription({
        id: 'wh2',
        name: '备用',
        url: 'https://hooks.example.test/b',
        eventTypes: ['case.closed'],
        secretEnc: 'enc',
        active: false,
        createdBy: 'u1',
        createdAt: T1,
      }),
    findSubscription: (r) => r.findSubscription('wh1'),
    listSubscriptions: { all: (r) => r.listSubscriptions(), active: (r) => r.listSubscriptions({ activeOnly: true }) },
    hasActive: (r) => r.hasActive(),
    updateSubscription: (r) => r.updateSubscription('wh1', 1, { name: '12345', active: false, eventTypes: ['case.created', 'case.closed'] }, T1),
    insertDelivery: (r) =>
      r.insertDelivery({ id: 'wd2', subscriptionId: 'wh1', eventId: 'ce2', eventType: 'case.created', caseId: null, payload: { a: 1 }, createdAt: T1 }),
    findDelivery: (r) => r.findDelivery('wd1'),
    recordAttempt: (r) => r.recordAttempt('wd1', { status: 'retrying', statusCode: 500, error: 'HTTP 500', latencyMs: 12, nextAttemptAt: T2, now: T1 }),
    requeue: (r) => r.requeue('wd1', T1),
    listDeliveries: { all: (r) => r.listDeliveries(), filtered: (r) => r.listDeliveries({ subscriptionId: 'wh1', status: 'pending', limit: 10 }) },
  }),
};
