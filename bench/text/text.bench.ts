/**
 * Benchmark of the text package: messages per second for normalise+segment, classify and
 * duplicate lookup against 100k synthetic existing cases, plus memory. Run from the repository
 * root: `npx tsx bench/text/text.bench.ts [--data DIR] [--existing N]` (for an exact heap figure of
 * the similarity index: `node --expose-gc --import tsx bench/text/text.bench.ts`). Uses the shared TeddyCup
 * files (labelled-train, unlabelled) when present for the classifier; says so when absent and
 * falls back to synthetic messages. Writes bench/results/text.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSegmenter, normalizeText, seededRandom, SimilarityIndex, tokensForIndex, trainClassifier, type LabelledText } from '@lianxin/text';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dataDir = path.resolve(arg('--data') ?? path.join(root, '../shared/data/teddycup'));
const existingCount = Number(arg('--existing') ?? 100_000);
const random = seededRandom(2024);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

// ---- synthetic messages from templates (not from the shared data) ----
const PLACES = [
  '安阳街道',
  '玉海街道',
  '锦湖街道',
  '东山街道',
  '上望街道',
  '莘塍街道',
  '汀田街道',
  '飞云街道',
  '塘下镇',
  '马屿镇',
  '陶山镇',
  '湖岭镇',
  '高楼镇',
  '曹村镇',
];
const SITES = [
  '万松路',
  '虹桥路',
  '罗阳大道',
  '安福路',
  '滨江大道',
  '人民路',
  '解放路',
  '新华小区',
  '阳光花园',
  '东方家园',
  '锦绣公寓',
  '中心菜市场',
  '第二小学',
  '人民医院',
];
const ISSUES: [string, string, string][] = [
  ['路灯', '的路灯坏了好几天，晚上很黑，行人走路不安全', '城乡建设'],
  ['噪音', '附近工地夜间施工，噪音扰民严重，影响休息', '环境保护'],
  ['停车', '停车位严重不足，车辆乱停乱放，堵塞消防通道', '交通运输'],
  ['工资', '一家企业拖欠工人工资三个月，多次讨要无果', '劳动和社会保障'],
  ['学校', '学校周边上下学时段交通拥堵，学生安全没有保障', '教育文体'],
  ['医院', '看病排队时间太长，挂号难，希望增加医生', '卫生计生'],
  ['油烟', '临街饭店油烟直排，居民无法开窗', '环境保护'],
  ['垃圾', '垃圾桶满了没人清理，气味难闻，蚊蝇滋生', '城乡建设'],
  ['公交', '公交班次太少，等车时间长，希望增开线路', '交通运输'],
  ['物业', '物业公司乱收费，服务差，业主意见很大', '城乡建设'],
  ['市场', '市场商户短斤缺两，价格欺诈，请市场监管部门查处', '商贸旅游'],
  ['社保', '单位不给缴纳社保和医保，员工权益受损', '劳动和社会保障'],
];
const OPENERS = ['您好，', '尊敬的领导：', '', '反映一个问题：', '我是附近居民，'];
const CLOSERS = ['希望尽快处理。', '请相关部门重视。', '谢谢！', '', '盼复。'];
function synthetic(i: number): { id: string; title: string; body: string; label: string } {
  const place = pick(PLACES);
  const site = pick(SITES);
  const [key, text, label] = pick(ISSUES);
  return {
    id: `s${i}`,
    title: `${place}${site}${key}问题`,
    body: `${pick(OPENERS)}${place}${site}${text}，已经持续${1 + Math.floor(random() * 30)}天。${pick(CLOSERS)}`,
    label,
  };
}

const readJsonl = (file: string): Record<string, string>[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, string>);

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const rows: { task: string; items: number; perSecond: number; msPerItem: number; note: string }[] = [];
function measure(task: string, items: number, run: () => void, note = ''): void {
  const t0 = performance.now();
  run();
  const ms = performance.now() - t0;
  rows.push({ task, items, perSecond: Math.round((items / ms) * 1000), msPerItem: Math.round((ms / items) * 1000) / 1000, note });
}

// ---- inputs ----
const labelledFile = path.join(dataDir, 'labelled-train.jsonl');
const unlabelledFile = path.join(dataDir, 'unlabelled.jsonl');
const haveData = fs.existsSync(labelledFile);
console.log(haveData ? `shared data: ${dataDir}` : `shared data not found at ${dataDir}: using synthetic messages only`);
const train: LabelledText[] = haveData
  ? readJsonl(labelledFile).map((r) => ({ title: r.title, body: r.body, label: r.label }))
  : Array.from({ length: 500 }, (_, i) => synthetic(i));
const messages =
  haveData && fs.existsSync(unlabelledFile)
    ? readJsonl(unlabelledFile).map((r) => ({ title: r.title, body: r.body }))
    : Array.from({ length: 2000 }, (_, i) => synthetic(i));
const sample = messages.slice(0, 1000);

// ---- segment ----
const choice = createSegmenter();
const intl = createSegmenter({ prefer: 'intl' });
measure(`normalize+segment (${choice.name})`, sample.length, () => {
  for (const m of sample) choice.segmenter.cut(normalizeText(`${m.title} ${m.body}`));
});
measure('normalize+segment (intl fallback)', sample.length, () => {
  for (const m of sample) intl.segmenter.cut(normalizeText(`${m.title} ${m.body}`));
});
measure('tokensForIndex', sample.length, () => {
  for (const m of sample) tokensForIndex(`${m.title} ${m.body}`, choice.segmenter);
});

// ---- classify ----
const t0 = performance.now();
const model = trainClassifier(train, { unlabelled: haveData ? messages : [] });
const trainSeconds = (performance.now() - t0) / 1000;
measure('classify (top 3)', sample.length, () => {
  for (const m of sample) model.predict(m, 3);
});
const modelBytes = JSON.stringify(model.toJSON()).length;

// ---- duplicates against 100k synthetic cases ----
global.gc?.();
const before = process.memoryUsage();
const index = new SimilarityIndex();
const existing = Array.from({ length: existingCount }, (_, i) => synthetic(i));
measure(`index ${existingCount} cases`, existingCount, () => index.addAll(existing));
global.gc?.();
const after = process.memoryUsage();
const queries = Array.from({ length: 500 }, (_, i) => synthetic(existingCount + i));
const lookupMs: number[] = [];
measure(`duplicate lookup vs ${existingCount}`, queries.length, () => {
  for (const q of queries) {
    const s = performance.now();
    index.findSimilar(q, { limit: 5 });
    lookupMs.push(performance.now() - s);
  }
});
lookupMs.sort((a, b) => a - b);
const p95 = lookupMs[Math.floor(lookupMs.length * 0.95)];

// ---- report ----
const memory = process.memoryUsage();
console.log(`\nsegmenter: ${choice.name}${choice.fallbackReason ? ` (fallback: ${choice.fallbackReason})` : ''}`);
console.log('task'.padEnd(36), 'items'.padStart(8), 'per s'.padStart(10), 'ms/item'.padStart(9));
for (const r of rows) console.log(r.task.padEnd(36), String(r.items).padStart(8), String(r.perSecond).padStart(10), r.msPerItem.toFixed(3).padStart(9));
console.log(
  `\nclassifier: trained on ${train.length} labelled${haveData ? ` + ${messages.length} unlabelled` : ''} in ${trainSeconds.toFixed(2)} s; model JSON ${mb(modelBytes)} MB`,
);
const indexHeap = global.gc ? `${mb(after.heapUsed - before.heapUsed)} MB` : 'n/a (run with node --expose-gc --import tsx for this figure)';
console.log(`duplicate lookup p95 ${p95.toFixed(2)} ms; similarity index heap ${indexHeap}`);
console.log(`memory: rss ${mb(memory.rss)} MB, heap used ${mb(memory.heapUsed)} MB`);

const out = path.join(root, 'bench/results/text.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      node: process.version,
      segmenter: choice.name,
      sharedData: haveData,
      rows,
      classifier: { labelled: train.length, unlabelled: haveData ? messages.length : 0, trainSeconds, modelJsonMB: mb(modelBytes) },
      duplicates: { existing: existingCount, lookupP95Ms: p95, indexHeapMB: global.gc ? mb(after.heapUsed - before.heapUsed) : null },
      memoryMB: { rss: mb(memory.rss), heapUsed: mb(memory.heapUsed) },
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${path.relative(root, out)}`);
