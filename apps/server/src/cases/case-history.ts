/**
 * Case histories written straight into the database, shared by the demo seed (a year of a
 * station network) and the benchmark generator (up to a million cases).
 *
 * A case's life is derived in memory through the pure workflow (`openCase` / `transition` of
 * core on the working calendar, with the deployment's workflow settings), so deadlines, states
 * and the hash-chained events are exactly what the server would have stored had the same people
 * acted at the same moments; `lianxin audit verify` passes. Between two steps, `CaseLife` takes
 * the escalation steps the scheduler would have taken on an overdue case (deadline job and
 * escalation scan, `nextEscalation`), so a case left lying past its deadline carries the same
 * 催办 / 督办 events it would carry live. Nothing here reads the database or the clock.
 */
import {
  chainEvents,
  createWorkingCalendar,
  GENESIS_HASH,
  nextEscalation,
  openCase,
  trackingCodeCheckChar,
  TRACKING_CODE_ALPHABET,
  transition,
  type CaseAction,
  type CaseActor,
  type CaseEffect,
  type CaseEvent,
  type CaseSnapshot,
  type NewCaseInput,
  type SystemActor,
  type WorkflowSettings,
  type WorkingCalendar,
} from '@lianxin/core';
import type { CaseEventsTable, CasesTable } from '@lianxin/storage';
import { newJob, type CheckedJob } from '../platform/jobs/enqueue';
import { CASE_TIMERS } from './case-job-types';
import { tokensForIndex } from '@lianxin/text';
import type { Insertable } from 'kysely';
import { PUBLIC_EVENT_TYPES, snapshotChanges } from './case-store';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** China time is UTC+8 all year. */
const CHINA_OFFSET = 8 * HOUR;
/** The escalation scan's period (`case.escalation_scan`, every 10 minutes). */
const SCAN_MS = 10 * 60_000;
/** Where a text may be cut into clauses without changing its tokens (jieba splits there too). */
const CLAUSE_BREAK = /[\n，。！？：；,.!?:;]/;
const SCHEDULER: SystemActor = { kind: 'system', name: 'scheduler' };

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `options`, each as likely as its weight. */
export function weighted<T>(random: () => number, options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of options) if ((r -= w) < 0) return value;
  return options[options.length - 1][0];
}

const TRACKING_SPACE = BigInt(TRACKING_CODE_ALPHABET.length) ** 9n;
const TRACKING_STEP = 1_000_000_007n;

/** A valid, unique tracking code for case number `n` of `seed` (a bijection scrambles the order). */
export function trackingCodeFor(seed: number, n: number): string {
  let v = (BigInt(seed) * 7_919_000_003n + BigInt(n) * TRACKING_STEP) % TRACKING_SPACE;
  let data = '';
  for (let i = 0; i < 9; i++) {
    data = TRACKING_CODE_ALPHABET[Number(v % 23n)] + data;
    v /= 23n;
  }
  const code = data + trackingCodeCheckChar(data);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A UUIDv7 for an instant in the past (ids stay time-ordered like the app's own), random bits from `random`. */
export function uuidV7At(ms: number, random: () => number): string {
  const hex = (n: number, digits: number) => Math.floor(n).toString(16).padStart(digits, '0');
  const time = hex(ms, 12);
  const rand = () => hex(random() * 0x10000, 4);
  const variant = hex(0x8000 | (random() * 0x4000), 4);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${rand().slice(1)}-${variant}-${rand()}${rand()}${rand()}`;
}

/**
 * `calendar` (default: the built-in one) with `addWorkdays` and `subtractWorkdaysFromDate`
 * memoised: both depend only on the China date and the count, and many cases ask the same few
 * thousand questions.
 */
export function memoisedCalendar(calendar: WorkingCalendar = createWorkingCalendar()): WorkingCalendar {
  const add = calendar.addWorkdays.bind(calendar);
  const subtract = calendar.subtractWorkdaysFromDate.bind(calendar);
  const added = new Map<string, string>();
  const subtracted = new Map<string, string>();
  const memo: WorkingCalendar = Object.create(calendar) as WorkingCalendar;
  memo.addWorkdays = (start, n, timeZone) => {
    const ms = start instanceof Date ? start.getTime() : Date.parse(start);
    // Results depend on the China day only when the start is not itself an end-of-day instant.
    const key = `${Math.floor((ms + CHINA_OFFSET) / DAY)}:${n}:${timeZone ?? ''}`;
    let out = added.get(key);
    if (out === undefined) added.set(key, (out = add(start, n, timeZone)));
    return out;
  };
  memo.subtractWorkdaysFromDate = (date, n) => {
    const key = `${date}:${n}`;
    let out = subtracted.get(key);
    if (out === undefined) subtracted.set(key, (out = subtract(date, n)));
    return out;
  };
  return memo;
}

/** Search tokens per clause, cached: generated texts are mixed from a limited set of clauses. */
export class TokenCache {
  private readonly cache = new Map<string, string>();

  /** `tokensForIndex` of `text`, computed clause by clause (jieba never joins words across punctuation). */
  tokens(text: string): string {
    const out: string[] = [];
    for (const clause of text.split(CLAUSE_BREAK)) {
      if (!clause) continue;
      let tokens = this.cache.get(clause);
      if (tokens === undefined) {
        if (this.cache.size > 200_000) this.cache.clear();
        this.cache.set(clause, (tokens = tokensForIndex(clause)));
      }
      if (tokens) out.push(tokens);
    }
    return out.join(' ');
  }
}

/** How a case life is started. */
export interface CaseLifeStart {
  input: NewCaseInput;
  /** Who submitted: the citizen, or the staff member who entered an offline opinion. */
  opener: CaseActor;
  openerName: string | null;
  created: Date;
  /** Nothing happens at or after this instant (the present of the history). */
  end: Date;
  calendar: WorkingCalendar;
  settings?: Partial<WorkflowSettings>;
}

/**
 * One case walking the workflow. `step` applies an action some time after the previous one,
 * unless that moment is not in the past yet; before it, the escalations the scheduler would
 * have applied in between.
 */
export class CaseLife {
  snapshot: CaseSnapshot;
  readonly events: Array<{ event: CaseEvent; actorName: string | null }>;
  /** When each action type last happened (ISO): the service overwrites `signed_at` and the like on every such action. */
  readonly stamps: Record<string, string> = {};
  /** Effects of the last transitions, for the jobs still pending at the end. */
  private effects: CaseEffect[];
  /** Every transition's effects with its time, for the jobs a recent one left behind (notifications). */
  readonly effectLog: Array<{ at: string; effects: CaseEffect[] }> = [];
  /** The time of the last step (ms). */
  at: number;
  private readonly endMs: number;

  constructor(private readonly start: CaseLifeStart) {
    const opened = openCase(start.input, start.opener, start.created, start.calendar, start.settings);
    this.snapshot = opened.case;
    this.events = opened.events.map((event) => ({ event, actorName: event.actorKind === 'user' ? start.openerName : null }));
    this.effects = [...opened.effects];
    this.effectLog.push({ at: start.created.toISOString(), effects: opened.effects });
    this.at = start.created.getTime();
    this.endMs = start.end.getTime();
  }

  /** Applies `action` by `actor` `delayMs` after the last step; false (nothing done) when that is not before the end. */
  step(delayMs: number, action: CaseAction, actor: CaseActor, actorName: string | null): boolean {
    const when = this.at + Math.max(0, Math.floor(delayMs));
    if (when >= this.endMs) {
      this.catchUp(this.endMs);
      return false;
    }
    this.catchUp(when);
    this.apply(when, action, actor, actorName);
    return true;
  }

  /** Takes every escalation step that fell due before `until`, as the deadline job and the escalation scan would have. */
  catchUp(until: number): void {
    for (let guard = 0; guard < 8; guard++) {
      const next = nextEscalation(this.snapshot, new Date(until - 1), this.start.calendar, this.start.settings);
      if (!next?.due) return;
      const due = Date.parse(next.at);
      // The first step comes from the deadline's own job; later ones from the next scan.
      const when = next.level === 'station' ? due : Math.ceil(due / SCAN_MS) * SCAN_MS;
      if (when >= until) return;
      const note = next.level === 'station' ? '已逾期，请抓紧办理（系统催办）' : `已逾期，升级督办（${next.level}）`;
      this.apply(Math.max(when, this.at), { type: next.action, level: next.level, note }, SCHEDULER, null);
    }
  }

  private apply(when: number, action: CaseAction, actor: CaseActor, actorName: string | null): void {
    this.at = when;
    const r = transition(this.snapshot, action, actor, new Date(when), this.start.calendar, this.start.settings);
    this.snapshot = r.case;
    for (const event of r.events) this.events.push({ event, actorName: event.actorKind === 'user' ? actorName : null });
    this.effects = [...this.effects.filter((e) => e.type === 'schedule'), ...r.effects];
    this.effectLog.push({ at: new Date(when).toISOString(), effects: r.effects });
    this.stamps[action.type] = new Date(when).toISOString();
  }

  /**
   * The timers still ahead at the end (deadline, reminder and rating-window jobs), as the live
   * system would hold them; every handler re-reads the case, so a timer of a clock that has
   * since stopped does nothing.
   */
  pendingJobs(now: string): CheckedJob[] {
    const jobs: CheckedJob[] = [];
    for (const effect of this.effects) {
      if (effect.type !== 'schedule' || Date.parse(effect.at) <= this.endMs) continue;
      jobs.push(
        newJob(
          CASE_TIMERS[effect.job].name,
          { caseId: this.snapshot.id, clock: effect.clock ?? null, at: effect.at },
          { id: `${effect.job}:${this.snapshot.id}:${effect.clock ?? '-'}:${effect.at}`, runAt: effect.at, now },
        ),
      );
    }
    return jobs;
  }

  /** Chained event rows (ids from `eventId`) and the case's workflow columns. */
  rows(eventId: (k: number, event: CaseEvent) => string) {
    const id = this.snapshot.id;
    const chained = chainEvents(
      this.events.map(({ event, actorName }, k) => ({
        id: eventId(k, event),
        caseId: id,
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        actorId: event.actorId,
        actorKind: event.actorKind,
        actorName,
        at: event.at,
        reason: event.reason ?? null,
        payload: event.payload,
        public: PUBLIC_EVENT_TYPES.has(event.type),
      })),
      GENESIS_HASH,
    );
    const s = this.snapshot;
    const changes = snapshotChanges(s);
    const last = chained[chained.length - 1];
    const workflow = {
      status: s.status,
      version: s.version,
      kind: changes.kind ?? 'suggestion',
      category_id: s.categoryId,
      unit_path: s.unitPath,
      department_id: s.departmentId,
      deputy_id: s.deputyId,
      target_deputy_id: s.targetDeputyId,
      accept_due_at: s.deadlines.accept,
      sign_due_at: s.deadlines.sign,
      reply_due_at: s.deadlines.reply,
      extension: JSON.stringify(changes.extension ?? {}),
      rating: s.rating,
      reopen_count: s.reopenCount,
      escalation_level: changes.escalationLevel ?? 0,
      supervised: s.supervised ? 1 : 0,
      workflow: JSON.stringify(changes.workflow ?? {}),
      last_event_hash: last.hash,
      event_count: chained.length,
      updated_at: last.at,
      accepted_at: this.stamps.accept ?? null,
      assigned_at: this.stamps.assign ?? null,
      signed_at: this.stamps.sign ?? null,
      replied_at: s.repliedAt,
      closed_at: s.closedAt,
    } satisfies Partial<Insertable<CasesTable>>;
    const events: Insertable<CaseEventsTable>[] = chained.map((e) => ({
      id: e.id,
      case_id: id,
      type: e.type,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      actor_id: e.actorId,
      actor_kind: e.actorKind,
      actor_name: e.actorName,
      at: e.at,
      reason: e.reason,
      payload: JSON.stringify(e.payload),
      public: e.public ? 1 : 0,
      prev_hash: e.prevHash ?? GENESIS_HASH,
      hash: e.hash,
    }));
    return { workflow, events };
  }
}
