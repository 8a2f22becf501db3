/**
 * `lianxin text …`: offline runs of the text intelligence on JSONL files — classifier evaluation,
 * hot-issue clustering and reply-quality checks. Reads files (server side); the logic lives in
 * the pure `@lianxin/text` package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Command } from 'commander';
import {
  checkReply,
  crossValidate,
  crossValidateRepeated,
  evaluateHoldout,
  findHotIssues,
  formatEvaluation,
  labelTreeDescriptions,
  parseItemTime,
  pooledReport,
  type ClassifierReport,
  type HotIssueItem,
  type LabelledText,
  type TextInput,
} from '@lianxin/text';

type JsonRecord = Record<string, unknown>;

/** Reads a JSONL file into objects; exits with a message naming the line on malformed input. */
function readJsonl(file: string): JsonRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const out: JsonRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as JsonRecord);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
  });
  return out;
}

const str = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return v === undefined || v === null ? '' : JSON.stringify(v);
};

function labelled(file: string): LabelledText[] {
  return readJsonl(file).map((r, i) => {
    if (r.label === undefined || r.label === null || r.label === '') throw new Error(`${file}: item ${i + 1} has no label`);
    return { title: str(r.title), body: str(r.body), label: str(r.label) };
  });
}

function fail(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

/**
 * The category tree the classifier learns label descriptions from: the one named, none with
 * `--no-label-tree`, else `label-tree.jsonl` beside the training file. A deployment always knows
 * its own category tree (the router uses it, see routing.service.ts), so an evaluation of the same
 * source uses the tree that source ships with unless told not to.
 */
function labelTreeFile(trainFile: string, option: string | false | undefined): string | null {
  if (option === false) return null;
  if (option) return option;
  const beside = path.join(path.dirname(trainFile), 'label-tree.jsonl');
  return fs.existsSync(beside) ? beside : null;
}

function reportJson(r: ClassifierReport, extra: JsonRecord): JsonRecord {
  return {
    accuracy: r.accuracy,
    macroF1: r.macroF1,
    perClass: r.perClass,
    trainSeconds: r.trainSeconds,
    msPerMessage: r.msPerMessage,
    labels: r.labels,
    confusion: r.confusion,
    ...extra,
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Adds `text eval`, `text hot` and `text reply-check` to the `lianxin` program. */
export function registerTextCommands(program: Command): Command {
  const text = program.command('text').description('Chinese text intelligence on JSONL files (classifier evaluation, hot issues, reply quality)');

  text
    .command('eval')
    .description('Train the routing classifier and report accuracy, macro-F1, per-class metrics, a confusion matrix and timings')
    .requiredOption('--train <file>', 'JSONL with title, body, label')
    .option('--test <file>', 'JSONL with title, body, label; without it, k-fold cross-validation on --train')
    .option('--unlabelled <file...>', 'JSONL with title, body (vocabulary and IDF; pseudo-labels with --self-training)')
    .option('--cv', 'cross-validate on --train even when --test is given')
    .option('--folds <n>', 'folds for cross-validation', '5')
    .option('--seed <n>', 'seed of the folds and the training', '42')
    .option('--repeats <n>', 'repeat the cross-validation with seeds seed, seed+1, … and report the mean and each run', '1')
    .option(
      '--label-tree <file>',
      'JSONL category tree ({l1, l2, l3} per line, l1 = label): its names are added to the training data as label descriptions (default: label-tree.jsonl beside --train, when present)',
    )
    .option('--no-label-tree', 'do not use a category tree, not even one found beside --train')
    .option('--self-training', 'also add confidently pseudo-labelled unlabelled texts to the training data (off by default: it lowered repeated-CV macro-F1)')
    .option('--no-self-training', 'use the unlabelled files for vocabulary and IDF only (the default)')
    .option('--json', 'print one JSON object')
    .action(
      (opts: {
        train: string;
        test?: string;
        unlabelled?: string[];
        labelTree?: string | false;
        cv?: boolean;
        folds: string;
        seed: string;
        repeats: string;
        selfTraining?: boolean;
        json?: boolean;
      }) => {
        try {
          const train = labelled(opts.train);
          const unlabelled: TextInput[] = (opts.unlabelled ?? []).flatMap((f) => readJsonl(f).map((r) => ({ title: str(r.title), body: str(r.body) })));
          const seed = positiveInt('--seed', opts.seed, 42);
          const treeFile = labelTreeFile(opts.train, opts.labelTree);
          const descriptions = treeFile
            ? labelTreeDescriptions(readJsonl(treeFile).map((r) => ({ l1: str(r.l1 ?? r.label), l2: str(r.l2), l3: str(r.l3) })))
            : [];
          // Descriptions of labels absent from --train are ignored by the model; count only the rest.
          const trainLabels = new Set(train.map((t) => t.label));
          const usedDescriptions = descriptions.filter((d) => trainLabels.has(d.label)).length;
          const options = { unlabelled, descriptions, seed, selfTraining: opts.selfTraining === true ? {} : (false as const) };
          const useCv = opts.cv || !opts.test;
          const folds = positiveInt('--folds', opts.folds, 5);
          const repeats = useCv ? positiveInt('--repeats', opts.repeats, 1) : 1;
          const repeated = repeats > 1 ? crossValidateRepeated(train, folds, repeats, options, seed) : null;
          const report = repeated
            ? pooledReport(repeated)
            : useCv
              ? crossValidate(train, folds, options, seed)
              : evaluateHoldout(train, labelled(opts.test!), options);
          const runs = repeated?.runs.map((r, i) => ({ seed: repeated.seeds[i], macroF1: r.macroF1, accuracy: r.accuracy }));
          const mode = useCv
            ? `${folds}-fold stratified cross-validation on ${train.length} items${repeated ? `, repeated with seeds ${repeated.seeds.join(', ')} (metrics are means)` : ''}`
            : `held-out test (${opts.test})`;
          if (opts.json) {
            console.log(
              JSON.stringify(
                reportJson(report, {
                  mode: useCv ? 'cv' : 'holdout',
                  folds: useCv ? folds : 0,
                  trainItems: train.length,
                  unlabelledItems: unlabelled.length,
                  labelDescriptions: usedDescriptions,
                  labelTree: treeFile,
                  ...(repeated ? { macroF1Sd: repeated.macroF1Sd, runs } : {}),
                }),
              ),
            );
          } else {
            console.log(
              `${mode}; ${unlabelled.length} unlabelled texts; ${usedDescriptions} label descriptions${treeFile ? ` from ${treeFile}` : ' (no category tree)'}`,
            );
            console.log(formatEvaluation(report));
            if (repeated) {
              console.log(`\nmacro-F1 per seed: ${runs!.map((r) => `${r.seed}: ${(r.macroF1 * 100).toFixed(1)}%`).join(', ')}`);
              console.log(
                `mean ${(repeated.macroF1 * 100).toFixed(1)}%, standard deviation ${(repeated.macroF1Sd * 100).toFixed(1)} points (the confusion matrix sums the runs)`,
              );
            }
            console.log(
              `\ntraining ${report.trainSeconds.toFixed(2)} s${useCv ? ' per fold' : ''}; prediction ${report.msPerMessage.toFixed(3)} ms per message`,
            );
          }
        } catch (error) {
          fail(error);
        }
      },
    );

  text
    .command('hot')
    .description('Cluster messages into hot issues with a heat index (volume, recency, likes, spread across units)')
    .requiredOption('--input <file>', 'JSONL with id, title, body, time, optional likes and unitId')
    .option('--top <n>', 'clusters to show', '10')
    .option('--now <iso>', 'reference time (default: the latest item time)')
    .option('--window-days <n>', 'time window before now', '365')
    .option('--half-life-days <n>', 'recency half-life', '90')
    .option('--json', 'print { "clusters": [ { "title", "heat", "memberIds" } ] }')
    .action((opts: { input: string; top: string; now?: string; windowDays: string; halfLifeDays: string; json?: boolean }) => {
      try {
        const items: HotIssueItem[] = readJsonl(opts.input).map((r, i) => ({
          id: str(r.id ?? i + 1),
          title: str(r.title),
          body: str(r.body),
          time: str(r.time),
          likes: typeof r.likes === 'number' ? r.likes : undefined,
          unitId: r.unitId === undefined ? undefined : str(r.unitId),
        }));
        let now = opts.now;
        if (!now) {
          const latest = Math.max(...items.map((i) => parseItemTime(i.time)).filter((t) => !Number.isNaN(t)));
          if (!Number.isFinite(latest)) throw new Error('no item has a readable time; pass --now');
          now = new Date(latest).toISOString();
        }
        const clusters = findHotIssues(items, {
          now,
          top: positiveInt('--top', opts.top, 10),
          windowDays: positiveInt('--window-days', opts.windowDays, 365),
          halfLifeDays: positiveInt('--half-life-days', opts.halfLifeDays, 90),
        });
        if (opts.json) {
          console.log(
            JSON.stringify({
              now,
              clusters: clusters.map((c) => ({
                title: c.title,
                heat: c.heat,
                memberIds: c.memberIds,
                size: c.size,
                likes: c.likes,
                units: c.units,
                firstTime: c.firstTime,
                lastTime: c.lastTime,
              })),
            }),
          );
        } else {
          console.log(`${items.length} items, window ending ${now}\n`);
          console.log(' heat   size  likes  title');
          for (const c of clusters) console.log(`${c.heat.toFixed(1).padStart(6)} ${String(c.size).padStart(5)} ${String(c.likes).padStart(6)}  ${c.title}`);
        }
      } catch (error) {
        fail(error);
      }
    });

  text
    .command('reply-check')
    .description('Score replies against their questions (addresses it, measures, time frame, contact, basis, not a template)')
    .requiredOption('--input <file>', 'JSONL with title, body, reply')
    .option('--json', 'print one JSON object with per-line scores and a distribution summary')
    .action((opts: { input: string; json?: boolean }) => {
      try {
        const rows = readJsonl(opts.input);
        const results = rows.map((r, i) => {
          const quality = checkReply({ title: str(r.title), body: str(r.body) }, str(r.reply));
          return { id: r.id ?? i + 1, score: quality.score, failed: quality.checks.filter((c) => !c.passed).map((c) => c.id), checks: quality.checks };
        });
        const scores = results.map((r) => r.score).sort((a, b) => a - b);
        const buckets: Record<string, number> = { '0-19': 0, '20-39': 0, '40-59': 0, '60-79': 0, '80-100': 0 };
        for (const s of scores) buckets[s >= 80 ? '80-100' : s >= 60 ? '60-79' : s >= 40 ? '40-59' : s >= 20 ? '20-39' : '0-19']++;
        const passRate: Record<string, number> = {};
        for (const r of results) for (const c of r.checks) passRate[c.id] = (passRate[c.id] ?? 0) + (c.passed ? 1 : 0);
        for (const id of Object.keys(passRate)) passRate[id] = results.length ? passRate[id] / results.length : 0;
        const summary = {
          count: scores.length,
          mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0,
          median: quantile(scores, 0.5),
          p10: quantile(scores, 0.1),
          p90: quantile(scores, 0.9),
          histogram: buckets,
          passRate,
        };
        if (opts.json) {
          console.log(JSON.stringify({ results: results.map(({ id, score, failed }) => ({ id, score, failed })), summary }));
        } else {
          console.log(`${summary.count} replies: mean ${summary.mean.toFixed(1)}, median ${summary.median}, p10 ${summary.p10}, p90 ${summary.p90}`);
          for (const [range, n] of Object.entries(buckets))
            console.log(`  ${range.padEnd(7)} ${String(n).padStart(6)}  ${'#'.repeat(Math.round((60 * n) / Math.max(1, summary.count)))}`);
          console.log('pass rate per check:');
          for (const [id, rate] of Object.entries(passRate)) console.log(`  ${id.padEnd(10)} ${(rate * 100).toFixed(1)}%`);
        }
      } catch (error) {
        fail(error);
      }
    });

  return text;
}
