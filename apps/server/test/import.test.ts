/**
 * Import of paper registers and legacy systems (issue #3) over app.inject on both
 * databases, with fixtures made here by exceljs: preview and mapping suggestion, a dry
 * run that stores nothing and lists every bad row, a real run through the ordinary
 * intake, idempotent re-import, a GBK-encoded CSV, staff scope and permissions. Runs are
 * `import.run` jobs: queued by the request, run by a worker, their progress polled; one
 * interrupted mid-way resumes where it stopped.
 */
import { testDialects } from '@lianxin/storage/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChinaDate } from '../src/intake/import-sheet';
import { createHash } from 'node:crypto';
import { suggestMapping } from '../src/intake/import.service';
import { importJobs } from '../src/intake/import-jobs';
import { JobInterrupted, type JobRun } from '../src/platform/jobs/define';
import { createWorker, type Worker } from '../src/worker';
import { createTestApp, errorCode, eventually, type Session, type TestApp } from './support';

const dialects = await testDialects();

const BOUNDARY = '----lianxin-import-boundary';
function form(file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** GBK/GB18030 encoder built by inverting Node's decoder (enough for test text). */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

const HEADER = ['留言编号', '留言用户', '留言主题', '留言时间', '留言详情', '一级分类', '联系电话', '站点'];
type Row = Array<string | number | Date | null>;

/** A register: 6 good rows (various date forms) and 4 bad ones. Row numbers in comments are sheet rows. */
function registerRows(): Row[] {
  return [
    [1001, '张三', '路灯不亮', '2019/2/28 11:25:05', '万松路的路灯坏了好几天，晚上很黑。', '城乡建设', '13812345678', '安阳街道'], // 2
    [1002, '李四', '噪音扰民', new Date(Date.UTC(2019, 2, 1, 9, 30, 0)), '塘下镇某小区夜间施工噪音扰民。', '环境保护', '', '塘下镇'], // 3
    [1003, '王五', '', '2019-02-28', '\n\t\t　　希望增加公交班次，方便老人出行。\n\t\t', '', '0577-65812345', ''], // 4
    [1004, '', '空内容', '2019/3/2 10:00:00', '   ', '城乡建设', '', ''], // 5 content_empty
    [1005, '赵六', '坏日期', '2019/13/45 10:00:00', '这一行的日期写错了，应当被报告。', '城乡建设', '', ''], // 6 date_invalid
    [1006, '钱七', '怪分类', '2019/3/3 8:00:00', '这一行的分类在系统里不存在。', '外星事务', '', ''], // 7 category_unknown
    [1007, '孙八', '错电话', '2019/3/4 8:00:00', '这一行的电话号码格式不对。', '', '12345', ''], // 8 phone_invalid
    [1008, '周九', '安全生产', 43525.5, '工地安全生产措施不到位，请检查。', '城乡建设-安全生产', '13912345678', '安阳街道人大代表联络站'], // 9
    [1009, '吴十', '', '2019年3月5日 14:20', '小区门口的垃圾桶长期无人清理。', '', '', ''], // 10
    [1010, '郑十一', '', '2019-03-06T08:00:00+08:00', '学校门口上下学时段交通拥堵。', '', '', ''], // 11
  ];
}

async function xlsx(rows: Row[], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function csvText(rows: Row[], header: string[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.csv.writeBuffer()).toString('utf8');
}

describe('import helpers', () => {
  it('reads dates in China time from Excel dates, serials and text', () => {
    expect(parseChinaDate('2019/2/28 11:25:05')?.toISOString()).toBe('2019-02-28T03:25:05.000Z');
    expect(parseChinaDate('2019-02-28')?.toISOString()).toBe('2019-02-27T16:00:00.000Z');
    expect(parseChinaDate('2019年3月5日 14:20')?.toISOString()).toBe('2019-03-05T06:20:00.000Z');
    expect(parseChinaDate(new Date(Date.UTC(2019, 2, 1, 9, 30)))?.toISOString()).toBe('2019-03-01T01:30:00.000Z');
    expect(parseChinaDate(43525.5)?.toISOString()).toBe('2019-03-01T04:00:00.000Z');
    expect(parseChinaDate('2019-03-06T08:00:00Z')?.toISOString()).toBe('2019-03-06T08:00:00.000Z');
    expect(parseChinaDate('2019/2/30')).toBeNull();
    expect(parseChinaDate('2019/13/45 10:00:00')).toBeNull();
    expect(parseChinaDate('yesterday')).toBeNull();
  });

  it('suggests a mapping from Chinese and English headers', () => {
    expect(suggestMapping(['ID', 'Title', 'Details', 'Date', 'Phone', 'Category'])).toMatchObject({
      sourceId: 'ID',
      title: 'Title',
      content: 'Details',
      createdAt: 'Date',
      reporterPhone: 'Phone',
      category: 'Category',
      unit: null,
    });
    expect(suggestMapping(['序号', '诉求标题', '反映内容', '登记日期', '所属联络站', '类型'])).toMatchObject({
      sourceId: null,
      title: '诉求标题',
      content: '反映内容',
      createdAt: '登记日期',
      unit: '所属联络站',
      kind: '类型',
    });
  });
});

describe.each(dialects)('import on %s', (dialect) => {
  let t: TestApp;
  let worker: Worker;
  let admin: Session;
  const caseCount = async () => (await t.ctx.repos.cases.list({ all: true }, { pageSize: 1 })).total;

  const preview = (session: Session | undefined, file: { name: string; bytes: Buffer }) =>
    t.request({ method: 'POST', url: '/api/v1/imports/preview', ...form(file), ...(session ? { session } : {}) });

  async function runImport(session: Session, file: { name: string; bytes: Buffer }, mapping: Record<string, string | null>, dryRun: boolean) {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      session,
      ...form(file, { mapping: JSON.stringify(mapping), dryRun: String(dryRun) }),
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<{ id: string }>().id;
    // Queued: nothing happens until a worker takes the job.
    const queued = await t.request({ method: 'GET', url: `/api/v1/imports/${id}`, session });
    expect(queued.json()).toMatchObject({ status: 'running', processed: 0 });
    await worker.runner.drain();
    return eventually(
      async () => {
        const state = await t.request({ method: 'GET', url: `/api/v1/imports/${id}`, session });
        expect(state.statusCode).toBe(200);
        const body = state.json();
        expect(body.status, 'import still running').not.toBe('running');
        return body;
      },
      { timeoutMs: 20_000, intervalMs: 25 },
    );
  }

  let mapping: Record<string, string | null>;
  let register: { name: string; bytes: Buffer };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    worker = createWorker(t.ctx, () => {}, { schedules: false });
    admin = await t.login('admin');
    register = { name: '登记簿.xlsx', bytes: await xlsx(registerRows()) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('previews an XLSX register and suggests the mapping', async () => {
    const res = await preview(admin, register);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.columns).toEqual(HEADER);
    expect(body.totalRows).toBe(10);
    expect(body.sampleRows).toHaveLength(5);
    expect(body.sampleRows[0]).toEqual([
      '1001',
      '张三',
      '路灯不亮',
      '2019/2/28 11:25:05',
      '万松路的路灯坏了好几天，晚上很黑。',
      '城乡建设',
      '13812345678',
      '安阳街道',
    ]);
    expect(body.suggestedMapping).toEqual({
      title: '留言主题',
      content: '留言详情',
      createdAt: '留言时间',
      reporterName: '留言用户',
      reporterPhone: '联系电话',
      address: null,
      category: '一级分类',
      unit: '站点',
      kind: null,
      sourceId: '留言编号',
    });
    mapping = body.suggestedMapping;
  });

  it('a dry run validates every row, lists the bad ones and stores nothing', async () => {
    const before = await caseCount();
    const run = await runImport(admin, register, mapping, true);
    expect(run).toMatchObject({ status: 'done', dryRun: true, total: 10, processed: 10, created: 6, duplicates: 0, failed: 4 });
    expect(run.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [5, 'content_empty'],
      [6, 'date_invalid'],
      [7, 'category_unknown'],
      [8, 'phone_invalid'],
    ]);
    expect(run.errors[2].reason).toContain('外星事务');
    expect(await caseCount()).toBe(before);
  });

  it('a real run creates normal cases through intake, then a re-import creates none', async () => {
    const before = await caseCount();
    const run = await runImport(admin, register, mapping, false);
    expect(run).toMatchObject({ status: 'done', dryRun: false, total: 10, processed: 10, created: 6, duplicates: 0, failed: 4 });
    expect(await caseCount()).toBe(before + 6);

    const page = await t.ctx.repos.cases.list({ all: true }, { channel: 'import', pageSize: 50 });
    const first = page.items.find((c) => c.content.startsWith('万松路'))!;
    expect(first).toMatchObject({ status: 'submitted', channel: 'import', title: '路灯不亮', createdAt: '2019-02-28T03:25:05.000Z' });
    expect(first.sourceKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.enteredBy).toBe(admin.user.id);
    expect((await t.ctx.repos.units.get(first.unitId!)).region).toBe('安阳街道');
    expect((await t.ctx.repos.categories.get(first.categoryId!)).name).toBe('城乡建设');
    expect(JSON.stringify(first)).not.toContain('13812345678');
    const events = await t.ctx.repos.cases.events(first.id);
    expect(events[0]).toMatchObject({ type: 'submitted' });
    const trimmed = page.items.find((c) => c.content.includes('公交班次'))!;
    expect(trimmed.content).toBe('希望增加公交班次，方便老人出行。');
    expect(trimmed.createdAt).toBe('2019-02-27T16:00:00.000Z');
    const safety = page.items.find((c) => c.content.startsWith('工地安全'))!;
    const safetyCategory = await t.ctx.repos.categories.get(safety.categoryId!);
    expect(safetyCategory.name).toBe('安全生产');
    expect(safetyCategory.parentId).not.toBeNull();

    const again = await runImport(admin, register, mapping, false);
    expect(again).toMatchObject({ status: 'done', created: 0, duplicates: 6, failed: 4, processed: 10 });
    expect(again.duplicateRows).toEqual([2, 3, 4, 9, 10, 11]);
    expect(await caseCount()).toBe(before + 6);
    const dry = await runImport(admin, register, mapping, true);
    expect(dry).toMatchObject({ created: 0, duplicates: 6 });

    const list = await t.request({ method: 'GET', url: '/api/v1/imports', session: admin });
    expect(list.json().items.length).toBeGreaterThanOrEqual(3);
    expect(list.json().items[0].id).toBe(dry.id);
  });

  it('reads a GBK-encoded CSV, keys rows by content when there is no id, and reaches the total in chunks', async () => {
    const header = ['时间', '姓名', '手机', '内容', '类别', '类型'];
    const rows: Row[] = Array.from({ length: 60 }, (_, i) => [
      `2020-01-${String((i % 28) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00`,
      `居民${i}`,
      `1390000${String(i).padStart(4, '0')}`,
      `第${i}号意见：楼道灯坏了，请物业修理，谢谢。`,
      i % 2 ? '环境保护' : '',
      i % 3 === 0 ? '投诉' : 'help',
    ]);
    rows.push(['2020-02-01 10:00:00', '某人', '', '这条的类型不认识。', '', '抱怨']);
    const bytes = encodeGbk(await csvText(rows, header));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const file = { name: 'legacy.csv', bytes };

    const res = await preview(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ columns: header, totalRows: 61, encoding: 'gb18030' });
    expect(body.sampleRows[0][3]).toBe('第0号意见：楼道灯坏了，请物业修理，谢谢。');
    expect(body.suggestedMapping).toMatchObject({
      createdAt: '时间',
      reporterName: '姓名',
      reporterPhone: '手机',
      content: '内容',
      category: '类别',
      kind: '类型',
      sourceId: null,
    });

    const before = await caseCount();
    const run = await runImport(admin, file, body.suggestedMapping, false);
    expect(run).toMatchObject({ status: 'done', total: 61, processed: 61, created: 60, failed: 1, duplicates: 0 });
    expect(run.errors).toEqual([{ row: 62, code: 'kind_unknown', reason: expect.stringContaining('抱怨') }]);
    expect(await caseCount()).toBe(before + 60);
    const page = await t.ctx.repos.cases.list({ all: true }, { q: '第3号意见', pageSize: 5 });
    expect(page.items[0]).toMatchObject({ kind: 'complaint' });

    const again = await runImport(admin, file, body.suggestedMapping, false);
    expect(again).toMatchObject({ created: 0, duplicates: 60, failed: 1, processed: 61 });
    expect(await caseCount()).toBe(before + 60);
  });

  it('staff imports land in their own station unless a row names one in their subtree', async () => {
    const staff = await t.login('staff-tangxia');
    const rows: Row[] = [
      [2001, '甲', '', '2021/5/1 9:00:00', '塘下镇的路面破损需要修补一下。', '', '', '塘下镇'],
      [2002, '乙', '', '2021/5/1 9:00:00', '这条写了安阳街道但由塘下录入。', '', '', '安阳街道'],
      [2003, '丙', '', '2021/5/1 9:00:00', '这条没有写站点，应落在本站。', '', '', ''],
    ];
    const run = await runImport(staff, { name: 'staff.xlsx', bytes: await xlsx(rows) }, mapping, false);
    expect(run).toMatchObject({ status: 'done', created: 3, failed: 0 });
    const page = await t.ctx.repos.cases.list({ all: true }, { channel: 'import', pageSize: 200 });
    const mine = page.items.filter((c) => c.enteredBy === staff.user.id);
    expect(mine).toHaveLength(3);
    const home = await t.ctx.repos.units.get(staff.user.scope.unitId!);
    expect(home.region).toBe('塘下镇');
    expect(mine.map((c) => c.unitPath!.startsWith(home.path))).toEqual([true, true, true]);
    // Staff see their own runs only.
    const list = await t.request({ method: 'GET', url: '/api/v1/imports', session: staff });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([run.id]);
  });

  it('runs as a job whose progress is polled; a run interrupted after a chunk resumes there, and its file goes when it is done', async () => {
    const rows: Row[] = Array.from({ length: 120 }, (_, i) => [
      3000 + i,
      `续${i}`,
      '',
      '2022/6/1 9:00:00',
      `第${i}条续传测试意见：小区路灯不亮，请修理。`,
      '',
      '',
      '',
    ]);
    const bytes = await xlsx(rows);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      session: admin,
      ...form({ name: 'resume.xlsx', bytes }, { mapping: JSON.stringify(mapping), dryRun: 'false' }),
    });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<{ id: string }>().id;
    const state = async () => (await t.request({ method: 'GET', url: `/api/v1/imports/${id}`, session: admin })).json();
    const job = await t.ctx.repos.jobs.find(`import.run:${id}`);
    expect(job).toMatchObject({
      id: `import.run:${id}`,
      name: 'import.run',
      payload: { importId: id, file: { sha256, name: 'resume.xlsx' }, channel: 'import' },
    });
    expect(t.ctx.files.has(sha256)).toBe(true);
    // The handler as a worker runs it, which stops after the first chunk of 50 rows (its heartbeat is where it notices).
    const stopping = new AbortController();
    const run = (signal: AbortSignal, heartbeat: () => Promise<void>): JobRun => ({ job: job!, now: t.clock.now(), signal, heartbeat });
    const importRun = importJobs(t.ctx)['import.run'];
    const handler = (payload: unknown, r: JobRun) => importRun.handler(payload as never, r);
    await expect(
      handler(
        job!.payload,
        run(stopping.signal, async () => stopping.abort()),
      ),
    ).rejects.toBeInstanceOf(JobInterrupted);
    expect(await state()).toMatchObject({ status: 'running', total: 120, processed: 50, created: 50 });
    // The next attempt goes on from row 51: nothing twice, nothing counted as a duplicate.
    await handler(
      job!.payload,
      run(new AbortController().signal, async () => {}),
    );
    expect(await state()).toMatchObject({ status: 'done', total: 120, processed: 120, created: 120, duplicates: 0, failed: 0 });
    expect((await t.ctx.repos.cases.list({ all: true }, { q: '续传测试意见', pageSize: 1 })).total).toBe(120);
    expect(t.ctx.files.has(sha256)).toBe(false);

    // A run that cannot go on is retried by the queue, and reported failed after its last attempt.
    const lost = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      session: admin,
      ...form({ name: 'lost.xlsx', bytes }, { mapping: JSON.stringify(mapping), dryRun: 'true' }),
    });
    const lostId = lost.json<{ id: string }>().id;
    await t.ctx.files.remove(sha256);
    const again = await t.ctx.repos.jobs.find(`import.run:${lostId}`);
    const attempt = (attempts: number): JobRun => ({
      job: { ...again!, attempts },
      now: t.clock.now(),
      signal: new AbortController().signal,
      heartbeat: async () => {},
    });
    await expect(handler(again!.payload, attempt(1))).rejects.toThrow('The uploaded file is not there.');
    expect((await t.request({ method: 'GET', url: `/api/v1/imports/${lostId}`, session: admin })).json()).toMatchObject({ status: 'running' });
    await handler(again!.payload, attempt(again!.maxAttempts));
    expect((await t.request({ method: 'GET', url: `/api/v1/imports/${lostId}`, session: admin })).json()).toMatchObject({
      status: 'failed',
      errors: [{ row: 0, code: 'run_failed', reason: 'The uploaded file is not there.' }],
    });
  });

  it('refuses the signed-out, other roles, bad mappings and unreadable files', async () => {
    expect((await preview(undefined, register)).statusCode).toBe(401);
    const dept = await t.login('dept-zhujian');
    expect(errorCode(await preview(dept, register))).toBe('PERMISSION_DENIED');
    const noContent = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      session: admin,
      ...form(register, { mapping: JSON.stringify({ title: '留言主题' }), dryRun: 'true' }),
    });
    expect(noContent.statusCode).toBe(400);
    expect(noContent.json().error.details).toEqual([expect.objectContaining({ path: 'mapping.content', code: 'required' })]);
    const badColumn = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      session: admin,
      ...form(register, { mapping: JSON.stringify({ content: '没有这一列' }) }),
    });
    expect(badColumn.statusCode).toBe(400);
    const garbage = await preview(admin, { name: 'x.xlsx', bytes: Buffer.from('PK\u0003\u0004 not really a zip') });
    expect(garbage.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/imports/does-not-exist', session: admin })).statusCode).toBe(404);
  });
});
