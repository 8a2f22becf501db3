/**
 * Runs fuzzed requests (fuzz-inputs.ts) against every operation of the served OpenAPI document,
 * as an admin, as station staff, a department and a deputy (whose path values include other
 * stations' records), and anonymously, and reports every broken promise of API.md: a 5xx, a 4xx body
 * outside the shared error shape (Open311 answers in the spec's own error format), a stack trace
 * in a body, or a table whose row count changed although the request was rejected. Shared by
 * `fuzz.test.ts` (small, in CI) and `scripts/fuzz.ts` (full size).
 */
import type { LightMyRequestResponse } from 'fastify';
import { fuzzRequest, type PathValues } from './fuzz-inputs';
import { changedTables, loadOperations, Rng, tableCounts, type Operation } from './openapi-operations';
import { DEMO_PASSWORD, type Session, type TestApp } from './support';

/** Who sends the fuzzed requests. */
export type FuzzActor = 'admin' | 'staff' | 'department' | 'deputy' | 'anonymous';

/**
 * The demo account behind each signed-in actor. 安阳 staff, 住建局 and the demo deputy meet the
 * records of other stations (塘下's cases, receptions, activities and suggestions among the ids the
 * admin lists), so their runs cover the scope checks too.
 */
const ACCOUNT: Record<Exclude<FuzzActor, 'anonymous'>, string> = {
  admin: 'admin',
  staff: 'staff-anyang',
  department: 'dept-zhujian',
  deputy: 'deputy-demo',
};

const FUZZ_ACCOUNTS = new Set([...Object.values(ACCOUNT), 'staff-tangxia']);

/** Every actor, in the order a run takes them. */
export const FUZZ_ACTORS: FuzzActor[] = ['admin', 'staff', 'department', 'deputy', 'anonymous'];

/** One broken promise. */
export interface FuzzFinding {
  op: string;
  actor: FuzzActor;
  label: string;
  status: number;
  problem: string;
  url: string;
  payload: string;
  body: string;
}

/** What a run did and found. */
export interface FuzzReport {
  operations: number;
  /** Who sent the requests. */
  actors: FuzzActor[];
  requests: number;
  byStatus: Record<string, number>;
  findings: FuzzFinding[];
  durationMs: number;
}

/** Options of a run. */
export interface FuzzOptions {
  /** Requests per operation and actor. */
  iterations: number;
  seed: number;
  actors?: FuzzActor[];
  /** Only operations whose key matches. */
  only?: RegExp;
  onOperation?: (op: Operation, done: number, total: number) => void;
}

const STACK_TRACE = /\bat [\w.<>]+ \(|node_modules\/|\.ts:\d+:\d+/;

/** The problem with a response, or null when it keeps API.md's promises. */
export function responseProblem(op: Operation, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (STACK_TRACE.test(res.body)) return 'stack trace in the body';
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (op.path.startsWith('/open311/')) {
    if (type.includes('xml')) return res.body.includes('<errors>') ? null : 'Open311 XML error without <errors>';
    try {
      const body = res.json<unknown>();
      const ok =
        Array.isArray(body) && body.every((e: { code?: unknown; description?: unknown }) => typeof e.code === 'number' && typeof e.description === 'string');
      return ok ? null : 'Open311 JSON error not [{ code, description }]';
    } catch {
      return 'Open311 error not JSON';
    }
  }
  if (!type.startsWith('application/json')) return `4xx with content-type ${type}`;
  try {
    const body = res.json<{ error?: { code?: unknown; message?: unknown; details?: unknown } }>();
    const e = body.error;
    if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details)) return 'not the shared error shape';
    return null;
  } catch {
    return '4xx body is not JSON';
  }
}

/**
 * Cases of two stations, a suggestion drafted by 塘下 staff, an Open311 request, so that path
 * parameters can name real things — other stations' things for the non-admin actors.
 */
async function seedData(t: TestApp, admin: Session): Promise<{ trackingCodes: string[] }> {
  const trackingCodes: string[] = [];
  for (const content of ['安阳街道路灯坏了很多天，请尽快修理。', '塘下镇菜市场周边占道经营，影响通行。']) {
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content, contact: { name: '测试', phone: '13900001111' } } });
    if (res.statusCode === 201) trackingCodes.push(res.json<{ trackingCode: string }>().trackingCode);
  }
  const tangxia = await directSession(t, 'staff-tangxia');
  const deputies = await t.request({ method: 'GET', url: `/api/v1/deputies?pageSize=5&unitId=${tangxia.user.scope.unitId ?? ''}`, session: admin });
  const lead = deputies.statusCode === 200 ? deputies.json<{ items: Array<{ id: string }> }>().items[0] : undefined;
  if (lead) {
    await t.request({
      method: 'POST',
      url: '/api/v1/suggestions',
      session: tangxia,
      payload: { type: 'suggestion', title: '关于塘下村道拓宽的建议', body: '建议拓宽村道。', leadDeputyId: lead.id },
    });
  }
  await t.request({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: { api_key: 'lianxin-demo-key', service_code: 'any', description: '开放接口测试：路面破损需要修补。', lat: 27.78, long: 120.65 },
  });
  // Lazily created defaults (evaluation schemes and the like) are made now, not during a rejected request.
  for (const url of [
    '/api/v1/evaluations/schemes',
    '/api/v1/duty/rules',
    '/api/v1/suggestion-settings',
    '/api/v1/reception-settings',
    '/api/v1/voting/rounds',
  ]) {
    await t.request({ method: 'GET', url, session: admin });
  }
  return { trackingCodes };
}

/** Where a path parameter's real values can be listed (when the path prefix is no list). */
const LIST_FOR_PARAM: Record<string, string> = {
  schemeId: '/api/v1/evaluations/schemes',
  unitId: '/api/v1/units',
  service_code: '/open311/v2/services.json',
  service_request_id: '/open311/v2/requests.json',
};

/** Real values for each path parameter: ids listed by the matching list endpoint, enums, tracking codes. */
export async function collectPathValues(t: TestApp, admin: Session, ops: Operation[], trackingCodes: string[]): Promise<PathValues> {
  const cache = new Map<string, string[]>();
  for (const op of ops) {
    for (const param of op.pathParams) {
      const key = `${op.path}|${param.name}`;
      if (param.schema.enum?.length) {
        cache.set(key, param.schema.enum.map(String));
        continue;
      }
      if (param.name === 'trackingCode' || param.name === 'code') {
        if (param.name === 'trackingCode' || op.path.includes('bookings')) {
          cache.set(key, trackingCodes);
          if (param.name === 'trackingCode') continue;
        }
      }
      const prefix = op.path.slice(0, op.path.indexOf(`{${param.name}}`)).replace(/\/$/, '');
      const listUrl = LIST_FOR_PARAM[param.name] ?? prefix;
      if (!listUrl || listUrl.includes('{')) continue;
      const res = await t.request({ method: 'GET', url: listUrl, session: admin });
      if (res.statusCode !== 200) continue;
      let body: unknown;
      try {
        body = res.json();
      } catch {
        continue;
      }
      const items = (Array.isArray(body) ? body : ((body as { items?: unknown[] })?.items ?? [])) as Array<Record<string, unknown>>;
      const values = items
        // The run's own accounts are not fuzzed (a random password or role would end their sessions).
        .filter((item) => item && !FUZZ_ACCOUNTS.has(String(item.username)))
        .slice(0, 5)
        .map((item) => item[param.name] ?? item.id ?? item.code ?? item.service_request_id)
        .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
        .map(String);
      if (values.length) cache.set(key, [...(cache.get(key) ?? []), ...values]);
    }
  }
  return (op, name) => cache.get(`${op.path}|${name}`) ?? [];
}

/** A session made through the service, so that fuzzing the login route's rate limit cannot lock the run out. */
async function directSession(t: TestApp, username: string): Promise<Session> {
  const { token, session, user } = await t.ctx.auth.login({ username, password: DEMO_PASSWORD, ip: '127.0.0.1', userAgent: 'fuzz' });
  return {
    cookie: `lx_session=${token}`,
    csrf: session.csrfToken,
    user: {
      id: user.id,
      username: user.username,
      roles: user.roles,
      permissions: [],
      scope: { unitId: user.unitId, departmentId: user.departmentId, deputyId: user.deputyId },
    },
  };
}

async function sessionAlive(t: TestApp, session: Session): Promise<boolean> {
  return (await t.request({ method: 'GET', url: '/api/v1/me', session })).statusCode === 200;
}

/** Fuzzes every documented operation; never throws for a finding, only reports it. */
export async function runFuzz(t: TestApp, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const actors = options.actors ?? FUZZ_ACTORS;
  const admin = await directSession(t, 'admin');
  const sessions = new Map<FuzzActor, Session>([['admin', admin]]);
  for (const actor of actors) if (actor !== 'anonymous' && !sessions.has(actor)) sessions.set(actor, await directSession(t, ACCOUNT[actor]));
  const { trackingCodes } = await seedData(t, admin);
  const allOps = await loadOperations(t);
  const ops = allOps.filter((op) => !options.only || options.only.test(op.key));
  const pathValues = await collectPathValues(t, admin, ops, trackingCodes);
  const rng = new Rng(options.seed);
  const findings: FuzzFinding[] = [];
  const byStatus: Record<string, number> = {};
  let requests = 0;
  let counts = await tableCounts(t.storage);

  for (const [index, op] of ops.entries()) {
    options.onOperation?.(op, index, ops.length);
    for (const actor of actors) {
      for (let i = 0; i < options.iterations; i++) {
        const { label, options: request } = fuzzRequest(op, rng, pathValues);
        // Signing out ends the session it is sent with: give it one of its own.
        let session = actor === 'anonymous' ? undefined : sessions.get(actor);
        if (actor !== 'anonymous' && op.key === 'POST /api/v1/auth/logout') {
          session = await directSession(t, ACCOUNT[actor]);
          counts = await tableCounts(t.storage);
        }
        if (session && rng.chance(0.05)) (request.headers as Record<string, string>)['x-csrf-token'] = 'forged';
        let res: LightMyRequestResponse;
        try {
          res = await t.request({ ...request, session });
        } catch (error) {
          findings.push({
            op: op.key,
            actor,
            label,
            status: 0,
            problem: `inject threw: ${String(error)}`,
            url: request.url as string,
            payload: preview(request.payload),
            body: '',
          });
          continue;
        }
        requests++;
        byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
        const after = await tableCounts(t.storage);
        let problem = responseProblem(op, res);
        if (!problem && res.statusCode >= 400) {
          const changed = changedTables(counts, after);
          if (changed.length) problem = `rejected request stored rows in ${changed.join(', ')}`;
        }
        counts = after;
        if (problem) {
          findings.push({
            op: op.key,
            actor,
            label,
            status: res.statusCode,
            problem,
            url: urlOf(request.url).slice(0, 300),
            payload: preview(request.payload),
            body: res.body.slice(0, 300),
          });
        }
      }
      if (actor !== 'anonymous' && !(await sessionAlive(t, sessions.get(actor)!))) {
        sessions.set(actor, await directSession(t, ACCOUNT[actor]));
        counts = await tableCounts(t.storage);
      }
    }
  }
  return { operations: ops.length, actors, requests, byStatus, findings, durationMs: Date.now() - started };
}

function urlOf(url: unknown): string {
  return typeof url === 'string' ? url : JSON.stringify(url);
}

function preview(payload: unknown): string {
  if (payload === undefined) return '';
  const text = Buffer.isBuffer(payload) ? payload.toString('latin1') : typeof payload === 'string' ? payload : JSON.stringify(payload);
  return text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text;
}
