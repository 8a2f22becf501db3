/**
 * `lianxin text eval` through the real CLI on small hand-made JSONL files: repeated
 * cross-validation reports the mean and every seed's run, in JSON and in text.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../bin/lianxin.mjs');

const TRAIN = [
  ['路灯坏了', '小区门口的路灯坏了好几天，晚上很黑', '城乡建设'],
  ['道路破损', '万松路路面坑洼，希望尽快修补道路', '城乡建设'],
  ['违章建筑', '楼顶有人搭建违章建筑，请城管处理', '城乡建设'],
  ['小区绿化', '小区绿化带被占用种菜，物业不管', '城乡建设'],
  ['拖欠工资', '公司拖欠工资三个月，请劳动监察部门帮忙讨薪', '劳动和社会保障'],
  ['社保缴纳', '单位不给缴纳社保和养老保险怎么办', '劳动和社会保障'],
  ['退休待遇', '退休工资计算有误，养老金偏低', '劳动和社会保障'],
  ['劳动合同', '公司不签劳动合同，辞退不给补偿', '劳动和社会保障'],
  ['学校收费', '学校乱收补课费，教育局应当查处', '教育文体'],
  ['入学问题', '孩子入学划片不合理，学区学校太远', '教育文体'],
  ['教师待遇', '乡村教师工资待遇偏低，希望提高', '教育文体'],
  ['校车安全', '学校校车超载，学生安全没有保障', '教育文体'],
].map(([title, body, label]) => ({ title, body, label }));
const UNLABELLED = [
  { title: '路灯不亮', body: '路灯晚上不亮' },
  { title: '讨薪', body: '老板拖欠工资' },
  { title: '补课', body: '学校补课收费' },
];

describe('lianxin text eval', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-text-eval-'));
    fs.writeFileSync(file('train.jsonl'), TRAIN.map((r) => JSON.stringify(r)).join('\n'));
    fs.writeFileSync(file('unlabelled.jsonl'), UNLABELLED.map((r) => JSON.stringify(r)).join('\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('repeats cross-validation over consecutive seeds and reports the mean and each run', async () => {
    const args = [
      CLI,
      'text',
      'eval',
      '--train',
      file('train.jsonl'),
      '--unlabelled',
      file('unlabelled.jsonl'),
      '--folds',
      '3',
      '--seed',
      '5',
      '--repeats',
      '2',
    ];
    const { stdout } = await run(process.execPath, [...args, '--json']);
    const report = JSON.parse(stdout) as {
      macroF1: number;
      accuracy: number;
      perClass: Record<string, unknown>;
      trainSeconds: number;
      msPerMessage: number;
      runs: Array<{ seed: number; macroF1: number }>;
      macroF1Sd: number;
    };
    expect(report.runs.map((r) => r.seed)).toEqual([5, 6]);
    expect(report.macroF1).toBeCloseTo((report.runs[0].macroF1 + report.runs[1].macroF1) / 2, 9);
    expect(Object.keys(report.perClass).sort()).toEqual(['劳动和社会保障', '城乡建设', '教育文体']);
    expect(report.trainSeconds).toBeGreaterThan(0);
    expect(report.msPerMessage).toBeGreaterThan(0);
    expect(report.macroF1Sd).toBeGreaterThanOrEqual(0);

    const text = await run(process.execPath, args);
    expect(text.stdout).toContain('repeated with seeds 5, 6');
    expect(text.stdout).toMatch(/macro-F1 per seed: 5: [\d.]+%, 6: [\d.]+%/);

    // One seed, with pseudo-labels on request: the single-run report without `runs`.
    const single = JSON.parse((await run(process.execPath, [...args.slice(0, -2), '--self-training', '--json'])).stdout) as Record<string, unknown>;
    expect(single).toMatchObject({ mode: 'cv', folds: 3 });
    expect(single.runs).toBeUndefined();
  });

  it('adds the names of a category tree as label descriptions (only for labels in --train)', async () => {
    const tree = [
      { l1: '城乡建设', l2: '城市建设和市政管理', l3: '路灯' },
      { l1: '城乡建设', l2: '其他', l3: '其他' },
      { l1: '教育文体', l2: '教育', l3: '校车' },
      { l1: '农村农业', l2: '农业', l3: '化肥' },
    ];
    fs.writeFileSync(file('tree.jsonl'), tree.map((r) => JSON.stringify(r)).join('\n'));
    const base = [CLI, 'text', 'eval', '--train', file('train.jsonl'), '--unlabelled', file('unlabelled.jsonl'), '--folds', '3', '--json'];
    const withTree = JSON.parse((await run(process.execPath, [...base, '--label-tree', file('tree.jsonl')])).stdout) as Record<string, unknown>;
    expect(withTree.labelDescriptions).toBe(2);
    expect(Object.keys(withTree.perClass as object)).not.toContain('农村农业');
    const without = JSON.parse((await run(process.execPath, base)).stdout) as Record<string, unknown>;
    expect(without.labelDescriptions).toBe(0);
    expect(without.labelTree).toBeNull();

    // A tree named label-tree.jsonl beside --train is used unless --no-label-tree says otherwise.
    fs.copyFileSync(file('tree.jsonl'), file('label-tree.jsonl'));
    const found = JSON.parse((await run(process.execPath, base)).stdout) as Record<string, unknown>;
    expect(found).toMatchObject({ labelDescriptions: 2, labelTree: file('label-tree.jsonl') });
    const refused = JSON.parse((await run(process.execPath, [...base, '--no-label-tree'])).stdout) as Record<string, unknown>;
    expect(refused.labelDescriptions).toBe(0);
    fs.rmSync(file('label-tree.jsonl'));
  });
});
