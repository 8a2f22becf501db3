/**
 * A year of citizens' opinions for the demo: what people write about (demo-texts.ts), where
 * (stations weighted by size, a quarter at liaison points), how (web, QR posters, walk-ins,
 * phone calls, deputies' visits, letters) and what became of them. Every case walks the
 * workflow through `CaseLife` with the deployment's calendar and time limits, acted on by the
 * station's officer, the department's handler, the office and the reporter at plausible
 * hours; most were answered and rated long ago, some replies came late (and carry the
 * scheduler's 催办 / 督办), a few are still open, overdue or under supervision now.
 *
 * Rows go in through storage's bulk loader with the triggers on, so the statistics roll-up
 * and the search index hold exactly what they would hold live: the cockpit's figures are the
 * case list's. Timers still ahead (deadlines, rating windows) and the notifications of the
 * last day are queued as jobs, as a running system would have them.
 */
import { chinaDateOf, startOfChinaDay, type CaseAction, type CaseActor, type WorkflowSettings, type WorkingCalendar } from '@lianxin/core';
import { bulkInsertCases, resumeUpkeepAfterBulkLoad, suspendUpkeepForBulkLoad, type CaseEventsTable, type CasesTable } from '@lianxin/storage';
import type { Insertable } from 'kysely';
import type { AppContext } from '../../context';
import { CaseLife, rng, TokenCache, trackingCodeFor, uuidV7At, weighted } from '../../cases/case-history';
import { effectJobs } from '../../cases/case-store';
import { enqueueAll, type CheckedJob } from '../../platform/jobs/enqueue';
import { verifyHash } from '../../intake/intake.service';
import type { RequestActor } from '../../auth/actor';
import type { DemoOrg } from './demo-org';
import {
  DEMO_CATEGORY_WEIGHTS,
  DEMO_CLOSINGS,
  DEMO_FILLERS,
  DEMO_GENERAL_REPLIES,
  DEMO_INTROS,
  DEMO_ON_SITE,
  DEMO_OPENINGS,
  DEMO_PLACE_HEADS,
  DEMO_PLACE_TAILS,
  DEMO_PROBLEMS,
  DEMO_RATING_COMMENTS,
  DEMO_REJECTIONS,
  DEMO_REPLIES,
  type DemoProblem,
} from './demo-texts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHINA_OFFSET = 8 * HOUR;
/** Seed of the demo's tracking codes and texts (the same history for the same clock). */
const SEED = 2020;
const PLACES_PER_STATION = 24;
const BATCH = 1000;

/** How opinions arrive. `qr` only where a station's or a deputy's poster was scanned. */
const CHANNELS = [
  ['online', 34],
  ['qr', 11],
  ['walk_in', 20],
  ['phone', 15],
  ['deputy_visit', 10],
  ['visit', 7],
  ['letter', 3],
] as const;
const OFFLINE = new Set<string>(['walk_in', 'phone', 'deputy_visit', 'visit', 'letter']);
const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭');
const SUPERVISE_NOTES = ['群众反映强烈，请加快办理，按期答复', '请高度重视，限期办结并反馈', '该问题已多次反映，请抓紧解决'];

/** One stored case, for the generators that link to cases (activities). */
export interface DemoCaseSummary {
  id: string;
  unitPath: string;
  status: string;
  createdAt: string;
}

/** What {@link seedDemoCases} wrote. */
export interface DemoCasesReport {
  cases: number;
  events: number;
  jobs: number;
  byStatus: Record<string, number>;
}

/** Options of {@link seedDemoCases}. */
export interface DemoCasesOptions {
  cases: number;
  /** The present: the history ends here. */
  end: Date;
  /** How far back the history goes, in days. */
  days: number;
  calendar: WorkingCalendar;
  settings: Partial<WorkflowSettings>;
}

interface Made {
  row: Insertable<CasesTable>;
  events: Insertable<CaseEventsTable>[];
  jobs: CheckedJob[];
}

/** Generates and stores the demo's cases. */
export async function seedDemoCases(ctx: AppContext, org: DemoOrg, options: DemoCasesOptions): Promise<DemoCasesReport & { stored: DemoCaseSummary[] }> {
  const factory = new DemoCaseFactory(ctx, org, options);
  // Stored in the order they came in, as a live database holds them: the arrival times first
  // (cheap), then each batch's cases made and written while the next waits.
  const order = Array.from({ length: options.cases }, (_, n) => ({ n, arrival: factory.arrival(n) })).sort((a, b) => a.arrival.at - b.arrival.at);
  const byStatus: Record<string, number> = {};
  let events = 0;
  const jobs: CheckedJob[] = [];
  const stored: DemoCaseSummary[] = [];
  // On SQLite the roll-up and full-text upkeep is done set-based after the load (half the time;
  // storage's tests hold it equal to the triggers). Every write waits for SQLite's one writer, so
  // nothing can slip past the rebuild; PostgreSQL keeps its triggers on (concurrent writers could).
  const suspend = ctx.storage.dialect === 'sqlite';
  if (suspend) await suspendUpkeepForBulkLoad(ctx.storage);
  // The next batch is made while PostgreSQL (another process) writes this one.
  let writing: Promise<void> = Promise.resolve();
  for (let i = 0; i < order.length; i += BATCH) {
    const batch = order.slice(i, i + BATCH).map(({ n, arrival }) => factory.make(n, arrival));
    await writing;
    writing = bulkInsertCases(ctx.storage, { cases: batch.map((m) => m.row), events: batch.flatMap((m) => m.events) });
    for (const m of batch) {
      byStatus[m.row.status] = (byStatus[m.row.status] ?? 0) + 1;
      events += m.events.length;
      jobs.push(...m.jobs);
      stored.push({ id: m.row.id, unitPath: m.row.unit_path ?? '/', status: m.row.status, createdAt: m.row.created_at });
    }
  }
  await writing;
  if (suspend) await resumeUpkeepAfterBulkLoad(ctx.storage);
  await enqueueAll(ctx.repos, jobs);
  return { cases: order.length, events, jobs: jobs.length, byStatus, stored };
}

/** How case `n` arrives: its channel and the moment. */
interface Arrival {
  channel: (typeof CHANNELS)[number][0];
  at: number;
}

class DemoCaseFactory {
  private readonly tokens = new TokenCache();
  private readonly places: string[][];
  private readonly stationWeights: Array<readonly [number, number]>;
  private readonly categoryWeights: Array<readonly [number, number]>;
  private readonly endMs: number;
  private readonly startMs: number;
  private readonly nowIso: string;

  constructor(
    private readonly ctx: AppContext,
    private readonly org: DemoOrg,
    private readonly options: DemoCasesOptions,
  ) {
    this.endMs = options.end.getTime();
    this.startMs = this.endMs - options.days * DAY;
    this.nowIso = options.end.toISOString();
    this.places = org.stations.map((_, i) => {
      const random = rng(SEED * 7919 + i);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
      return Array.from({ length: PLACES_PER_STATION }, () => `${pick(DEMO_PLACE_HEADS)}${pick(DEMO_PLACE_HEADS)}${pick(DEMO_PLACE_TAILS)}`);
    });
    this.stationWeights = org.stations.map((s, i) => [i, s.weight] as const);
    this.categoryWeights = org.categories.map((c, i) => [i, DEMO_CATEGORY_WEIGHTS[c.top.name] ?? 0.5] as const);
  }

  /** Per China day (days since the epoch): whether it is a working day, and the next working day's start. */
  private readonly days = new Map<number, { workday: boolean; nextStart: number }>();

  private dayInfo(day: number): { workday: boolean; nextStart: number } {
    let info = this.days.get(day);
    if (!info) {
      const date = chinaDateOf(new Date(day * DAY));
      const calendar = this.options.calendar;
      info = { workday: calendar.isWorkday(date), nextStart: startOfChinaDay(calendar.nextWorkday(date)).getTime() };
      this.days.set(day, info);
    }
    return info;
  }

  /** An instant on a working day in office hours (8:30–17:30) at or after `ms` (staff and departments work then). */
  private officeTime(ms: number, random: () => number): number {
    const day = Math.floor((ms + CHINA_OFFSET) / DAY);
    const start = day * DAY - CHINA_OFFSET;
    const info = this.dayInfo(day);
    if (info.workday && ms >= start + 8.5 * HOUR && ms < start + 17.5 * HOUR) return ms;
    const next = info.workday && ms < start + 8.5 * HOUR ? start : info.nextStart;
    return next + 8.5 * HOUR + Math.floor(random() * 2.5 * HOUR);
  }

  /** How and when case `n` came in (its own random stream): more opinions lately, offline ones in office hours. */
  arrival(n: number): Arrival {
    const random = rng(SEED * 104_729 + n);
    const hours = (lo: number, hi: number) => Math.floor((lo + random() * (hi - lo)) * HOUR);
    const channel = weighted(random, CHANNELS);
    // Days back from now; the exponent above 1 puts more of them in recent months (intake grows).
    const dayOffset = Math.floor(Math.pow(random(), 1.2) * this.options.days);
    const dayStart = Math.floor((this.endMs - dayOffset * DAY + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
    let at = OFFLINE.has(channel) ? this.officeTime(dayStart + hours(8, 18), random) : dayStart + hours(7, 23.5);
    if (at >= this.endMs) at = this.endMs - hours(0.2, 3);
    if (at < this.startMs) at = this.startMs + hours(1, 10);
    return { channel, at };
  }

  make(n: number, arrival: Arrival): Made {
    const random = rng(SEED * 1_000_003 + n);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const hours = (lo: number, hi: number) => Math.floor((lo + random() * (hi - lo)) * HOUR);

    // Where and what.
    const stationIndex = weighted(random, this.stationWeights);
    const station = this.org.stations[stationIndex];
    const unit = station.points.length && random() < 0.25 ? pick(station.points) : station.unit;
    const category = this.org.categories[weighted(random, this.categoryWeights)];
    const byChild = DEMO_PROBLEMS[category.top.name] ?? {};
    const childNames = Object.keys(byChild).filter((name) => byChild[name].length && category.children.some((c) => c.name === name));
    const childName = childNames.length ? pick(childNames) : null;
    const problem: DemoProblem = childName ? pick(byChild[childName]) : pick(DEMO_PROBLEMS['党务政务'].其他);
    const child = category.children.find((c) => c.name === childName);
    const categoryId = child && random() < 0.9 ? child.id : category.top.id;
    const [problemTitle, problemBody, kind] = problem;
    const region = station.unit.region ?? '';
    const place = pick(this.places[stationIndex]);
    const titleForm = random();
    const title =
      titleForm < 0.35
        ? `${place}${problemTitle}`
        : titleForm < 0.6
          ? `关于${place}${problemTitle}的问题`
          : titleForm < 0.8
            ? `${region}${problemTitle}`
            : problemTitle;
    const filler = pick(DEMO_FILLERS);
    const content = `${pick(DEMO_OPENINGS)}${pick(DEMO_INTROS).replace('{place}', place)}${problemBody}${filler ? `，${filler}` : ''}。${pick(DEMO_CLOSINGS)}`;

    const { channel, at: created } = arrival;
    const id = uuidV7At(created, random);
    const deputy = (channel === 'deputy_visit' || (channel === 'qr' && random() < 0.5)) && station.deputies.length ? pick(station.deputies) : null;
    const departmentId = category.top.defaultDepartmentId ?? pick(this.org.departments).id;
    const handler = this.org.handlers.get(departmentId)!;
    const staff = station.staff;
    const citizen: CaseActor = { kind: 'citizen', caseId: id };
    const enteredBy = OFFLINE.has(channel) ? staff : null;

    const life = new CaseLife({
      input: { id, unitPath: unit.path, categoryId, kind, targetDeputyId: deputy?.id ?? null, payload: { channel } },
      opener: enteredBy ?? citizen,
      openerName: enteredBy?.username ?? null,
      created: new Date(created),
      end: this.options.end,
      calendar: this.options.calendar,
      settings: this.options.settings,
    });
    const by = (actor: RequestActor) => (delay: number, action: CaseAction) => life.step(delay, action, actor, actor.username);
    const asStaff = by(staff);
    const asHandler = by(handler);
    const asOffice = by(this.org.supervisor);
    /** Delay until an office-hours moment at least `ms` after the last step. */
    const office = (ms: number) => this.officeTime(life.at + ms, random) - life.at;
    let reply: string | null = null;
    let ratingComment: string | null = null;
    let ratedAt: string | null = null;
    const replies = DEMO_REPLIES[category.top.name] ?? DEMO_GENERAL_REPLIES;

    const rate = (choices: ReadonlyArray<readonly ['satisfied' | 'basically_satisfied' | 'unsatisfied' | 'none', number]>) => {
      const rating = weighted(random, choices);
      if (rating === 'none') {
        // Nobody rated: the rating window's job closes the case.
        const due = life.snapshot.deadlines.rating ? Date.parse(life.snapshot.deadlines.rating) : life.at + 8 * DAY;
        life.step(due + 1000 - life.at, { type: 'close', reason: '评价期满未评价，系统自动办结' }, { kind: 'system', name: 'scheduler' }, null);
        return null;
      }
      const comment = pick(DEMO_RATING_COMMENTS[rating]);
      if (!life.step(hours(1, 72), { type: 'rate', rating, ...(comment ? { comment } : {}) }, citizen, null)) return null;
      ratingComment = comment || null;
      ratedAt = new Date(life.at).toISOString();
      return rating;
    };

    const walk = () => {
      if (random() < 0.03) {
        const [reason, guidance] = pick(DEMO_REJECTIONS);
        return asStaff(office(hours(0.5, 6)), { type: 'reject', reason, guidance });
      }
      if (!asStaff(office(hours(0.3, 6)), { type: 'accept', categoryId })) return;
      const simple = kind === 'consultation' || kind === 'praise';
      if ((simple && random() < 0.4) || random() < 0.02) {
        const content = pick(DEMO_ON_SITE);
        if (!asStaff(office(hours(0.2, 20)), { type: 'answer_on_site', content })) return;
        reply = content;
        const first = rate([
          ['satisfied', 78],
          ['basically_satisfied', 14],
          ['unsatisfied', 3],
          ['none', 5],
        ]);
        if (first !== 'unsatisfied') return;
        // Nobody to send it back to: the station takes it up again and answers once more.
        const again = pick(DEMO_ON_SITE);
        if (!asStaff(office(hours(2, 48)), { type: 'answer_on_site', content: again })) return;
        reply = again;
        return rate([
          ['satisfied', 60],
          ['basically_satisfied', 30],
          ['none', 10],
        ]);
      }
      if (!asStaff(office(hours(0.5, 8)), { type: 'assign', departmentId })) return;
      if (!asHandler(office(hours(0.5, 6)), { type: 'sign' })) return;
      // Some cases stay with the department past their deadline: recent ones are the open, overdue
      // cases of the worklists now; older ones were answered late, after the scheduler's escalations.
      const fate = random();
      const recent = this.endMs - created < 40 * DAY;
      if (recent && fate < 0.12) return;
      if (random() < 0.03) {
        if (!asHandler(office(hours(24, 72)), { type: 'request_extension', days: 10, reason: '需协调多个部门现场会商，申请延期答复' })) return;
        if (!asStaff(office(hours(1, 20)), { type: 'approve_extension', reason: '情况属实，同意延期' })) return;
      }
      if (random() < 0.025 && !asOffice(office(hours(4, 60)), { type: 'supervise', note: pick(SUPERVISE_NOTES) })) return;
      const due = Date.parse(life.snapshot.deadlines.reply ?? new Date(life.at + 10 * DAY).toISOString());
      const late = fate < 0.14;
      const replyAt = late ? due + hours(4, 24 * 6) : life.at + Math.floor((due - life.at) * (0.15 + 0.8 * random()));
      const content = pick(replies);
      if (!asHandler(office(Math.max(HOUR, replyAt - life.at)), { type: 'reply', content })) return;
      reply = content;
      const first = rate([
        ['satisfied', 70],
        ['basically_satisfied', 16],
        ['unsatisfied', 7],
        ['none', 7],
      ]);
      if (first === 'unsatisfied' && life.snapshot.status === 'in_progress') {
        // 不满意 sends the case back to its handler (who signed for it before, so it is in progress
        // at once), who answers again.
        const again = pick(replies);
        if (!asHandler(office(hours(24, 24 * 5)), { type: 'reply', content: again })) return;
        reply = again;
        const second = rate([
          ['satisfied', 45],
          ['basically_satisfied', 30],
          ['unsatisfied', 15],
          ['none', 10],
        ]);
        // 不满意 twice: the office takes the case under supervision, checks the handling and closes it.
        if (second === 'unsatisfied') asOffice(office(hours(72, 240)), { type: 'close', reason: '经督办复核，承办单位已依法依规答复，予以办结' });
      }
    };
    walk();
    // Whatever was left lying has been escalated by the scheduler up to now.
    life.catchUp(this.endMs);

    const { workflow, events } = life.rows((_, event) => uuidV7At(Date.parse(event.at), random));
    const trackingCode = trackingCodeFor(SEED, n);
    const anonymous = random() < 0.1;
    const phone = random() < 0.85 ? `1700002${String(Math.floor(random() * 10000)).padStart(4, '0')}` : null;
    const email = random() < 0.12 ? `resident${n}@example.com` : null;
    const cipher = this.ctx.cipher;
    const name = anonymous ? null : `${pick(SURNAMES)}${random() < 0.5 ? '先生' : '女士'}`;
    const row: Insertable<CasesTable> = {
      ...workflow,
      id,
      tracking_code: trackingCode,
      verify_secret_hash: null,
      channel,
      unit_id: unit.id,
      title,
      content,
      address: `${region}${place}`,
      lat: null,
      lng: null,
      reporter_name_enc: cipher.encrypt(name),
      reporter_phone_enc: cipher.encrypt(phone),
      reporter_phone_hash: cipher.hash(phone),
      reporter_phone_last4_hash: phone ? verifyHash((v) => cipher.hash(v), trackingCode, phone.slice(-4)) : null,
      reporter_email_enc: cipher.encrypt(email),
      reporter_email_hash: cipher.hash(email),
      anonymous: anonymous ? 1 : 0,
      consent_public: random() < 0.35 ? 1 : 0,
      entered_by: enteredBy?.userId ?? null,
      reception_id: null,
      source_key: null,
      reply_content: reply,
      rating_comment: ratingComment,
      rated_at: ratedAt,
      created_at: new Date(created).toISOString(),
      search_tokens: this.tokens.tokens([title, content, reply ?? ''].filter(Boolean).join('\n')),
    };
    // Timers still ahead, and the notifications of the last day (the worker delivers them at start).
    const jobs = life.pendingJobs(this.nowIso);
    for (const entry of life.effectLog) {
      if (this.endMs - Date.parse(entry.at) > DAY) continue;
      jobs.push(
        ...effectJobs(id, entry.effects, entry.at).filter((j) => j.name !== 'case.reminder' && j.name !== 'case.deadline' && j.name !== 'case.rating_window'),
      );
    }
    return { row, events, jobs };
  }
}
