/**
 * Text intelligence wired into the server (issue #7) on both databases: full-text search with
 * filters, scope, ranking and escaped snippets; near-duplicates in the citizen's receipt and in
 * the staff case page; hot issues and hot words; reply-quality advice; learned routing with its
 * cold start, training job, quality gate and model history.
 */
import { testDialects } from '@lianxin/storage/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseJobs } from '../src/cases/case-jobs';
import type { NotificationService } from '../src/notifications/notification.service';
import { highlightSnippet } from '../src/text/search-index.service';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe('highlightSnippet', () => {
  it('escapes the text first and marks every hit, merging overlapping ones', () => {
    const s = highlightSnippet('<b>门口</b>的停车场收费，停车难', ['停车', '车场']);
    expect(s).toBe('&lt;b&gt;门口&lt;/b&gt;的<mark>停车场</mark>收费，<mark>停车</mark>难');
    expect(highlightSnippet('没有命中', ['路灯'])).toBeNull();
  });
  it('cuts a long text around the first hit', () => {
    const s = highlightSnippet(`${'前'.repeat(100)}路灯${'后'.repeat(100)}`, ['路灯'])!;
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>路灯</mark>');
  });
});

/** Hand-made labelled complaints: 20 per category, made of 10 problems at 2 places each. */
const LABELLED: Record<string, string[]> = {
  城乡建设: [
    '路灯坏了晚上一片漆黑',
    '小区电梯经常故障困人',
    '人行道地砖破损绊倒老人',
    '下水道井盖缺失很危险',
    '老旧小区外墙脱落',
    '雨天道路积水排水不畅',
    '违章搭建占用公共绿地',
    '物业不维修漏水的屋顶',
    '市政道路开挖后未修复',
    '安置房迟迟不能交付',
  ],
  环境保护: [
    '工厂排放废气气味刺鼻',
    '夜间施工噪音扰民睡不着',
    '河道污水发黑发臭',
    '餐馆油烟直排影响居民',
    '垃圾堆放散发恶臭',
    '砂石场粉尘污染严重',
    '养殖场污水直排河里',
    '焚烧垃圾黑烟滚滚',
    '广场舞音响声音太大扰民',
    '化工企业偷排废水',
  ],
  交通运输: [
    '公交车班次太少等车太久',
    '路口红绿灯时间太短',
    '出租车拒载还乱收费',
    '小区门口乱停车堵塞通道',
    '客运站没有直达班车',
    '学校门口接送车辆拥堵',
    '公交站台没有遮雨棚',
    '停车位太少停车难',
    '货车超载压坏乡村公路',
    '网约车随意上下客',
  ],
};
const PLACES = ['锦湖街道', '马屿镇'];

describe.each(dialects)('text intelligence on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let anyangStaff: Session;
  const codes: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const submit = async (key: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/public/opinions', payload });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ trackingCode: string; similar: Array<{ title: string; status: string }> }>();
    codes[key] = body.trackingCode;
    ids[key] = (await t.ctx.repos.cases.findByTrackingCode(body.trackingCode))!.id;
    return body;
  };
  const search = async (session: Session, query: string) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, session });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Array<{ id: string; trackingCode: string; snippet?: string | null }>; total: number }>();
  };
  const found = async (session: Session, query: string) => (await search(session, query)).items.map((i) => i.trackingCode).sort();
  const keys = (...k: string[]) => k.map((x) => codes[x]).sort();
  const act = async (session: Session, id: string, action: string, body: Record<string, unknown>) => {
    const record = await t.ctx.repos.cases.get(id);
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/${action}`,
      session,
      payload: { expectedVersion: record.version, ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<string, unknown>>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    anyangStaff = await t.login('staff-anyang');
    await submit('light', { title: '安阳街道万松路路灯不亮', content: '万松路的路灯坏了好几天，晚上很黑，行人很不安全，请尽快修复。', consentPublic: true });
    await submit('parking', { title: '塘下镇罗凤停车难', content: '塘下镇罗凤街上乱停车严重，停车场收费太贵，希望增加车位。' });
    await submit('noise', { title: '安阳街道夜间施工噪音扰民', content: '安阳街道某工地夜间施工，噪音很大，影响周边居民休息。' });
    await submit('market', { title: '玉海街道菜市场卫生差', content: '玉海街道菜市场垃圾遍地，气味难闻，希望加强管理。' });
    await submit('xss', { title: '莘塍街道东路灯光闪烁', content: '莘塍街道东路的路灯一直闪烁<script>alert("x")</script>，请派人检查。' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds 路灯, 停车, 噪音 and a station name, and nothing else', async () => {
    expect(await found(admin, 'q=路灯')).toEqual(keys('light', 'xss'));
    expect(await found(admin, 'q=停车')).toEqual(keys('parking'));
    expect(await found(admin, 'q=噪音')).toEqual(keys('noise'));
    expect(await found(admin, `q=${encodeURIComponent('安阳街道')}`)).toEqual(keys('light', 'noise'));
    expect(await found(admin, 'q=安阳')).toEqual(keys('light', 'noise'));
    expect(await found(admin, 'q=地铁')).toEqual([]);
    // A tracking code still finds its case.
    expect(await found(admin, `q=${codes.parking}`)).toEqual(keys('parking'));
  });

  it('combines search with status, unit and the caller’s scope', async () => {
    await act(admin, ids.light, 'accept', {});
    expect(await found(admin, 'q=路灯&status=accepted')).toEqual(keys('light'));
    expect(await found(admin, 'q=路灯&status=submitted')).toEqual(keys('xss'));
    const light = await t.ctx.repos.cases.get(ids.light);
    expect(await found(admin, `q=路灯&unitId=${light.unitId}`)).toEqual(keys('light'));
    // The Anyang liaison sees only Anyang's cases.
    expect(await found(anyangStaff, 'q=路灯')).toEqual(keys('light'));
    expect(await found(anyangStaff, 'q=停车')).toEqual([]);
    const page = await search(admin, 'q=路灯&pageSize=1');
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
  });

  it('searches notes and replies as they are added', async () => {
    expect(await found(admin, 'q=环卫')).toEqual([]);
    await act(admin, ids.market, 'note', { content: '已电话联系环卫所，明日清运。' });
    expect(await found(admin, 'q=环卫')).toEqual(keys('market'));
    const list = await search(admin, 'q=环卫');
    expect(list.items[0].snippet).toContain('<mark>环卫</mark>');
  });

  it('returns escaped snippets with highlighted hits, ranked by relevance', async () => {
    const list = await search(admin, 'q=路灯');
    const xss = list.items.find((i) => i.trackingCode === codes.xss)!;
    expect(xss.snippet).toContain('<mark>路灯</mark>');
    expect(xss.snippet).toContain('&lt;script&gt;');
    expect(xss.snippet).not.toContain('<script>');
    const plain = await search(admin, 'status=submitted');
    expect(plain.items[0]).not.toHaveProperty('snippet');
    const newest = await search(admin, 'q=路灯&sort=newest');
    expect(newest.items.map((i) => i.trackingCode)).toEqual([codes.xss, codes.light]);
  });

  it('reindexes every case from scratch', async () => {
    await sql`UPDATE cases SET search_tokens = NULL`.execute(t.ctx.storage.db);
    expect(await found(admin, 'q=停车')).toEqual([]);
    expect(await t.ctx.search.reindexAll()).toBeGreaterThanOrEqual(5);
    expect(await found(admin, 'q=停车')).toEqual(keys('parking'));
    expect(await found(admin, 'q=环卫')).toEqual(keys('market'));
  });

  it('suggests similar open cases at intake: public receipt (consented only) and staff page', async () => {
    const rephrased = await submit('light2', { content: '万松路的路灯好几天都不亮了，晚上很黑，行人走路不安全，希望尽快修好。' });
    // Title and status only: another citizen's tracking code is never shown (issue #15 item 4).
    expect(rephrased.similar).toEqual([{ title: '安阳街道万松路路灯不亮', status: 'accepted' }]);
    expect(JSON.stringify(rephrased)).not.toContain(codes.light);
    const unrelated = await submit('school', { content: '学校门口早餐摊占道经营，学生上学很不方便。' });
    expect(unrelated.similar).toEqual([]);
    // The noise reporter did not consent to publication: the citizen sees nothing, staff see the match.
    const noise2 = await submit('noise2', { content: '安阳街道那个工地晚上还在施工，噪音太大了，居民没法休息。' });
    expect(noise2.similar).toEqual([]);
    const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${ids.noise2}`, session: admin });
    const similar = detail.json<{ similar: Array<{ id: string; trackingCode: string; score: number }> }>().similar;
    expect(similar.map((s) => s.id)).toEqual([ids.noise]);
    expect(similar[0].score).toBeGreaterThan(0.18);
    const schoolDetail = await t.request({ method: 'GET', url: `/api/v1/cases/${ids.school}`, session: admin });
    expect(schoolDetail.json<{ similar: unknown[] }>().similar).toEqual([]);
  });

  it('clusters hot issues and counts hot words within the caller’s scope', async () => {
    await submit('light3', { content: '万松路路灯不亮已经一周了，晚上很黑，出行很不方便。' });
    const res = await t.request({ method: 'GET', url: '/api/v1/stats/hot-issues', session: admin });
    expect(res.statusCode).toBe(200);
    const { clusters } = res.json<{ clusters: Array<{ title: string; heat: number; size: number; caseIds: string[]; units: Array<{ name: string }> }> }>();
    expect(clusters[0].caseIds.sort()).toEqual([ids.light, ids.light2, ids.light3].sort());
    expect(clusters[0].title).toContain('路灯');
    expect(clusters[0].heat).toBeGreaterThan(0);
    const noise = clusters.find((c) => c.caseIds.includes(ids.noise));
    expect(noise?.caseIds.sort()).toEqual([ids.noise, ids.noise2].sort());
    expect(clusters.some((c) => c.caseIds.includes(ids.school))).toBe(false);
    const outside = await t.request({ method: 'GET', url: '/api/v1/stats/hot-issues?from=2025-01-01&to=2025-01-31', session: admin });
    expect(outside.json()).toEqual({ clusters: [] });
    const scoped = await t.request({ method: 'GET', url: '/api/v1/stats/hot-issues', session: await t.login('staff-tangxia') });
    expect(scoped.json<{ clusters: unknown[] }>().clusters).toEqual([]);
    const words = await t.request({ method: 'GET', url: '/api/v1/stats/hot-words', session: admin });
    const list = words.json<{ words: Array<{ word: string; count: number }> }>().words;
    expect(list.length).toBeLessThanOrEqual(50);
    expect(list.find((w) => w.word === '路灯')?.count).toBeGreaterThanOrEqual(3);
    expect(list.some((w) => ['的', '了', '请'].includes(w.word))).toBe(false);
    // Times and counts (晚上, 一周) are in most of these cases and name nothing (issue #15).
    expect(list.some((w) => ['晚上', '一周'].includes(w.word))).toBe(false);
  });

  it('checks a draft reply against the question (advice only)', async () => {
    const check = (content: string) => t.request({ method: 'POST', url: `/api/v1/cases/${ids.light}/reply-check`, session: admin, payload: { content } });
    const good = await check(
      '经现场核查，万松路路灯因线路老化损坏。根据《城市照明管理规定》，已安排市政维修队更换线路，预计3个工作日内完成修复。联系人：市政所王科长，电话0577-65801234。',
    );
    expect(good.statusCode).toBe(200);
    const template = await check('感谢您的来信，已转相关部门处理。');
    const g = good.json<{ score: number; checks: Array<{ id: string; passed: boolean }> }>();
    const b = template.json<{ score: number }>();
    expect(g.score).toBeGreaterThan(b.score);
    expect(g.checks.find((c) => c.id === 'timeframe')?.passed).toBe(true);
    const other = await t.request({ method: 'POST', url: `/api/v1/cases/${ids.parking}/reply-check`, session: anyangStaff, payload: { content: 'x' } });
    expect(other.statusCode).toBe(404);
  });

  it('suggests routing from a keyword prior before any model exists', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/cases/${ids.noise}/suggestions`, session: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ category: Array<{ name: string; confidence: number }>; department: { name: string } | null; unit: unknown; model: unknown }>();
    expect(body.model).toBeNull();
    expect(body.category).toHaveLength(3);
    expect(body.category[0].name).toBe('环境保护');
    expect(body.department?.name).toBe('温州市生态环境局瑞安分局');
    expect(body.unit).toBeNull(); // the case already has its station
    const notVisible = await t.request({ method: 'GET', url: `/api/v1/cases/${ids.parking}/suggestions`, session: anyangStaff });
    expect(notVisible.statusCode).toBe(404);
  });

  it('says why training cannot run while too few cases are labelled', async () => {
    const status = (await t.request({ method: 'GET', url: '/api/v1/routing/models', session: admin })).json();
    expect(status.items).toEqual([]);
    expect(status.readiness).toMatchObject({ ready: false, minLabelled: 30, reasonCode: 'too_few_labels', totalCategories: 15, minCovered: 8 });
    const res = await t.request({ method: 'POST', url: '/api/v1/routing/train', session: admin, payload: {} });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('ROUTING_NOT_ENOUGH_LABELS');
    expect(res.json().error.message).toContain(`there are ${status.readiness.labelled} in ${status.readiness.categories}`);
    expect((await t.ctx.repos.jobs.list({ name: 'routing.train' })).length).toBe(0);
  });

  it('learns routing from labelled cases, gates worse models, and keeps a history', async () => {
    const categories = (await t.ctx.repos.categories.listActive()).filter((c) => !c.parentId);
    const categoryId = (name: string) => categories.find((c) => c.name === name)!.id;
    const now = t.clock.now().toISOString();
    let n = 0;
    for (const [name, problems] of Object.entries(LABELLED)) {
      for (const place of PLACES) {
        for (const problem of problems) {
          n++;
          await t.ctx.repos.cases.insert(
            {
              id: `labelled-${dialect}-${n}`,
              trackingCode: `LBL-${String(n).padStart(4, '0')}`,
              channel: 'online',
              status: 'accepted',
              kind: 'complaint',
              title: problem,
              content: `${place}${problem}，请有关部门尽快处理。`,
              createdAt: now,
              categoryId: categoryId(name),
            },
            [],
          );
        }
      }
    }
    const staffTrain = await t.request({ method: 'POST', url: '/api/v1/routing/train', session: anyangStaff, payload: {} });
    expect(staffTrain.statusCode).toBe(403);
    const queued = await t.request({ method: 'POST', url: '/api/v1/routing/train', session: admin, payload: {} });
    expect(queued.statusCode).toBe(202);
    expect(queued.json<{ jobId: string }>().jobId).toMatch(/^routing\.train:/);
    // Run the queued job's handler as the worker would.
    const handlers = caseJobs(t.ctx, {} as NotificationService);
    await handlers['routing.train'].handler({ force: false }, {} as never);

    // Three of the fifteen first-level categories: stored, measured, but not routing anything.
    type Model = {
      id: string;
      active: boolean;
      metrics: { macroF1: number; fallbackMacroF1: number; labelled: number; sizeBytes: number; reasonCode: string; covered: number };
    };
    const first = (await t.request({ method: 'GET', url: '/api/v1/routing/models', session: admin })).json<{ items: Model[] }>().items;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ active: false, metrics: { reasonCode: 'few_categories', covered: 3, totalCategories: 15 } });
    expect(first[0].metrics.macroF1).toBeGreaterThan(first[0].metrics.fallbackMacroF1);
    const lamp = (await t.request({ method: 'GET', url: `/api/v1/cases/${ids.noise}/suggestions`, session: admin })).json();
    expect(lamp.model).toBeNull();
    // An admin may still decide to use it.
    await handlers['routing.train'].handler({ force: true }, {} as never);

    const history = await t.request({ method: 'GET', url: '/api/v1/routing/models', session: admin });
    const models = history.json<{ items: Model[] }>().items;
    expect(models).toHaveLength(2);
    expect(models.filter((m) => m.active)).toHaveLength(1);
    const active = models.find((m) => m.active)!;
    expect(active.metrics.reasonCode).toBe('forced');
    expect(active.metrics.labelled).toBe(60);
    expect(active.metrics.macroF1).toBeGreaterThan(0.6);
    expect(active.metrics.sizeBytes).toBeLessThan(300_000);

    const fresh = await submit('bus', { content: '我们村到城里的公交车一天只有两班，等车要一个多小时，希望增加班次。' });
    expect(fresh.trackingCode).toBeTruthy();
    const res = await t.request({ method: 'GET', url: `/api/v1/cases/${ids.bus}/suggestions`, session: admin });
    const body = res.json<{ category: Array<{ name: string; confidence: number }>; department: { name: string } | null; model: { macroF1: number } | null }>();
    expect(body.model?.macroF1).toBe(active.metrics.macroF1);
    expect(body.category[0].name).toBe('交通运输');
    expect(body.category[0].confidence).toBeGreaterThan(body.category[1].confidence);
    expect(body.department?.name).toBe('市交通运输局');

    // Staff relabel at random: the new model is worse and must not replace the good one…
    const labelled = await t.ctx.repos.cases.list({ all: true }, { status: ['accepted'], pageSize: 200 });
    const names = Object.keys(LABELLED);
    let k = 0;
    for (const c of labelled.items.filter((x) => x.id.startsWith('labelled-'))) {
      await sql`UPDATE cases SET category_id = ${categoryId(names[k++ % 3])} WHERE id = ${c.id}`.execute(t.ctx.storage.db);
    }
    const worse = await t.ctx.routing.train();
    expect(worse.trained).toBe(true);
    expect(worse.activated).toBe(false);
    expect(worse.metrics!.macroF1).toBeLessThan(active.metrics.macroF1 - 0.01);
    const after = await t.request({ method: 'GET', url: '/api/v1/routing/models', session: admin });
    const items = after.json<{ items: Array<{ id: string; active: boolean }> }>().items;
    expect(items).toHaveLength(3);
    expect(items.filter((m) => m.active)).toHaveLength(1);
    expect(items.find((m) => m.active)!.id).not.toBe(worse.modelId);
    // …unless an admin forces it.
    const forced = await t.ctx.routing.train({ force: true });
    expect(forced.activated).toBe(true);
  });
});
