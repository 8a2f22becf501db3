/**
 * The reception rota (进站接待): staff keep rules (weekly or one-off) of which deputies
 * receive citizens at a station; the dated receptions inside the publication window are
 * materialized from them; citizens see who is on duty and book a place (capacity-limited,
 * contact encrypted as at intake); staff record attendance and no-shows; deputies are
 * reminded by a job.
 */
import { randomBytes } from 'node:crypto';
import {
  AppError,
  chinaDateOf,
  expandRota,
  inScope,
  publicationWindow,
  reaches,
  receptionPhase,
  ruleProblems,
  stationRecordScopeTarget,
  visibility,
  type RotaOccurrence,
} from '@lianxin/core';
import { inTransaction, type ReceptionRecord, type ReceptionRuleFields, type ReceptionRuleRecord, type Repositories, type UnitRecord } from '@lianxin/storage';
import { maskName, maskPhone } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import { guardGuess, type GuessLimits } from '../platform/guess-guard';
import type { RateLimiter } from '../platform/rate-limiter';
import { newId } from '../platform/adapters/ids';
import { authorize, type RequestActor } from '../auth/actor';
import { stationRecordFilter } from '../platform/scope-filters';

/** Failed booking look-ups allowed per hour, counted as for tracking (guess-guard.ts). */
export const BOOKING_GUESS_LIMITS: GuessLimits = { perAddress: 20, perCodeAndAddress: 10, perCodeCeiling: 50, windowSeconds: 3600 };

/** Rota settings (admin-editable). */
export interface ReceptionSettings {
  /** How many days ahead (today included) the rota is published. */
  publishDays: number;
  /** How many hours before a reception the deputies are reminded. */
  reminderHours: number;
}

export const DEFAULT_RECEPTION_SETTINGS: ReceptionSettings = { publishDays: 14, reminderHours: 24 };
const SETTINGS_KEY = 'reception.settings';
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const PHONE_RE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

/** A rule as staff submit it. */
export type ReceptionRuleInput = Omit<ReceptionRuleFields, 'active' | 'note' | 'validTo' | 'weekday' | 'date' | 'capacity'> & {
  weekday?: number | null;
  date?: string | null;
  capacity?: number;
  validTo?: string | null;
  note?: string | null;
  active?: boolean;
};

/** A citizen's booking request. */
export interface BookingInput {
  name?: string | undefined;
  phone: string;
  topic?: string | undefined;
}

/**
 * Places one address may hold at one reception (a family, not a crowd: without it one address
 * could book out a reception with made-up numbers), and upcoming places one phone may hold.
 */
export const BOOKING_LIMITS = { perAddressAndReception: 3, upcomingPerPhone: 3 } as const;

/**
 * Whether the actor may see a reception and its bookings (core's reception visibility): staff of
 * its station (or above), admins and the office, and the deputies on duty at it. Department
 * accounts and other deputies have nothing to do with a station's receptions (the public rota
 * shows who is on duty).
 */
function seesReception(actor: RequestActor, reception: Pick<ReceptionRecord, 'unitPath' | 'deputyIds'>): boolean {
  return reaches(actor, 'reception', stationRecordScopeTarget(reception));
}

function bookingCode(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** Rota, bookings and attendance. */
export class ReceptionService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'cipher' | 'clock' | 'repos' | 'storage'>,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /**
   * Runs a citizen's booking `attempt` under the guessing limits (guess-guard.ts: per address and
   * per code and address, so a stranger cannot lock the owner out); a miss is counted and is 404.
   */
  private async guarded<T>(rawCode: string, ip: string, attempt: (code: string) => Promise<T | undefined | false>): Promise<T> {
    const code = rawCode.trim().toUpperCase();
    const result = await guardGuess(this.rateLimiter, 'booking-fail', code, ip, BOOKING_GUESS_LIMITS, () => attempt(code));
    if (result === null) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No booking with this code and phone.' });
    return result;
  }

  /** A citizen's own booking, by its code and the phone's last 4 digits, under the guessing limits. */
  async ownBooking(code: string, verify: string, ip: string) {
    return this.guarded(code, ip, (normalized) => this.findBooking(normalized, verify));
  }

  /** A citizen cancels their own booking, under the guessing limits. */
  async cancelOwnBooking(code: string, verify: string, ip: string): Promise<void> {
    await this.guarded(code, ip, (normalized) => this.cancelBooking(normalized, verify));
  }

  private today(): string {
    return chinaDateOf(this.deps.clock.now());
  }

  /** Current settings. */
  async settings(): Promise<ReceptionSettings> {
    return { ...DEFAULT_RECEPTION_SETTINGS, ...((await this.deps.repos.settings.get<Partial<ReceptionSettings>>(SETTINGS_KEY)) ?? {}) };
  }

  /** Changes the settings (admins) and publishes the new window. */
  async updateSettings(actor: RequestActor, input: ReceptionSettings): Promise<ReceptionSettings> {
    authorize(actor, 'reception.manage');
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.settings.set(SETTINGS_KEY, input, now);
      await this.deps.audit.record(actor, { action: 'reception.settings', entity: 'settings', entityId: SETTINGS_KEY, payload: { ...input } }, repos);
    });
    await this.publish();
    return this.settings();
  }

  private async unitOrThrow(repos: Repositories, unitId: string, path = 'unitId'): Promise<UnitRecord> {
    const unit = await repos.units.find(unitId);
    if (!unit || !unit.active) throw new AppError('VALIDATION_FAILED', { details: [{ path, code: 'not_found', message: 'Unknown unit.' }] });
    return unit;
  }

  private async checkRule(repos: Repositories, input: ReceptionRuleFields): Promise<void> {
    const problems = ruleProblems(input);
    const deputies = await Promise.all([...new Set(input.deputyIds)].map((id) => repos.deputies.find(id)));
    deputies.forEach((d, i) => {
      if (!d || !d.active) problems.push({ path: `deputyIds.${i}`, code: 'not_found', message: 'Unknown deputy.' });
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
  }

  private normalize(input: ReceptionRuleInput): ReceptionRuleFields {
    return {
      unitId: input.unitId,
      kind: input.kind,
      weekday: input.kind === 'weekly' ? (input.weekday ?? null) : null,
      date: input.kind === 'once' ? (input.date ?? null) : null,
      startTime: input.startTime,
      endTime: input.endTime,
      capacity: input.capacity ?? 10,
      deputyIds: [...new Set(input.deputyIds)],
      validFrom: input.kind === 'once' && input.date && input.date < input.validFrom ? input.date : input.validFrom,
      validTo: input.validTo ?? null,
      note: input.note?.trim() || null,
      active: input.active ?? true,
    };
  }

  /** Rules the caller may see (core's reception visibility): their subtree (admins and the office all; deputies those they serve in; departments none). */
  async listRules(actor: RequestActor, unitId?: string): Promise<ReceptionRuleRecord[]> {
    const units = await this.deps.repos.units.listActive();
    const scope = visibility('reception', actor);
    const asked = units.filter((u) => !unitId || u.id === unitId || u.path.includes(`/${unitId}/`));
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    const rules = await this.deps.repos.receptions.listRules({ unitIds: asked.map((u) => u.id) });
    return rules.filter((r) => inScope(scope, { unitPath: pathOf.get(r.unitId), deputyIds: r.deputyIds }));
  }

  /** Creates a rule and publishes its receptions. */
  async createRule(actor: RequestActor, input: ReceptionRuleInput): Promise<ReceptionRuleRecord> {
    const fields = this.normalize(input);
    const now = this.deps.clock.now().toISOString();
    // Read before the transaction: on SQLite a query outside it would wait for it forever.
    const window = publicationWindow(this.today(), (await this.settings()).publishDays);
    const rule = await inTransaction(this.deps.storage.db, async (repos) => {
      const unit = await this.unitOrThrow(repos, fields.unitId);
      authorize(actor, 'reception.manage', { unitPath: unit.path });
      await this.checkRule(repos, fields);
      const created = await repos.receptions.createRule({ ...fields, id: newId(), createdBy: actor.userId, now });
      await this.deps.audit.record(actor, { action: 'reception_rule.create', entity: 'reception_rule', entityId: created.id, payload: { ...fields } }, repos);
      await this.materialize(repos, window, [created], unit);
      return created;
    });
    return rule;
  }

  /** Changes a rule; future receptions follow (booked ones that disappear are cancelled, not deleted). */
  async updateRule(actor: RequestActor, id: string, input: ReceptionRuleInput, expectedVersion?: number): Promise<ReceptionRuleRecord> {
    const fields = this.normalize(input);
    const now = this.deps.clock.now().toISOString();
    const window = publicationWindow(this.today(), (await this.settings()).publishDays);
    return inTransaction(this.deps.storage.db, async (repos) => {
      const before = await repos.receptions.getRule(id);
      const oldUnit = await repos.units.get(before.unitId);
      authorize(actor, 'reception.manage', { unitPath: oldUnit.path });
      const unit = await this.unitOrThrow(repos, fields.unitId);
      authorize(actor, 'reception.manage', { unitPath: unit.path });
      await this.checkRule(repos, fields);
      const updated = await repos.receptions.updateRule(id, fields, expectedVersion, now);
      const { from, to } = window;
      const keep = new Map(expandRota([updated], from, to).map((o) => [o.date, o]));
      // Receptions already past keep their history; only today and later follow the rule.
      await repos.receptions.syncFuture(id, from, keep, now);
      await this.materialize(repos, window, [updated], unit);
      await this.deps.audit.record(
        actor,
        { action: 'reception_rule.update', entity: 'reception_rule', entityId: id, payload: { before: { ...before }, after: { ...fields } } },
        repos,
      );
      return updated;
    });
  }

  /** Inserts the missing receptions of `rules` inside the publication window. */
  private async materialize(repos: Repositories, window: { from: string; to: string }, rules: ReceptionRuleRecord[], knownUnit?: UnitRecord): Promise<number> {
    const { from, to } = window;
    const occurrences = expandRota(rules, from, to);
    const paths = new Map<string, string>();
    if (knownUnit) paths.set(knownUnit.id, knownUnit.path);
    const now = this.deps.clock.now().toISOString();
    const rows: Parameters<Repositories['receptions']['insertMissing']>[0] = [];
    for (const o of occurrences) {
      if (!paths.has(o.unitId)) paths.set(o.unitId, (await repos.units.get(o.unitId)).path);
      rows.push({ ...o, id: newId(), unitPath: paths.get(o.unitId)!, createdAt: now });
    }
    return repos.receptions.insertMissing(rows);
  }

  /** Publishes the window for every active rule (the daily job; idempotent). */
  async publish(): Promise<number> {
    const rules = await this.deps.repos.receptions.listRules({ activeOnly: true });
    const window = publicationWindow(this.today(), (await this.settings()).publishDays);
    return inTransaction(this.deps.storage.db, (repos) => this.materialize(repos, window, rules));
  }

  /** The public rota: scheduled receptions inside the publication window. */
  async publicList(query: { from?: string | undefined; to?: string | undefined; unitId?: string | undefined }) {
    const window = publicationWindow(this.today(), (await this.settings()).publishDays);
    const from = query.from && query.from > window.from ? query.from : window.from;
    const to = query.to && query.to < window.to ? query.to : window.to;
    if (from > to) return { items: [], publishedUntil: window.to };
    const unit = query.unitId ? await this.deps.repos.units.find(query.unitId) : undefined;
    if (query.unitId && !unit) return { items: [], publishedUntil: window.to };
    const receptions = await this.deps.repos.receptions.list({ from, to, underPath: unit?.path });
    return { items: await this.present(receptions), publishedUntil: window.to };
  }

  /** Receptions with unit and deputy names, for the public and staff lists. */
  async present(receptions: ReceptionRecord[]) {
    const units = new Map((await this.deps.repos.units.listActive()).map((u) => [u.id, u]));
    const deputyIds = [...new Set(receptions.flatMap((r) => r.deputyIds))];
    const deputies = new Map((await Promise.all(deputyIds.map((id) => this.deps.repos.deputies.find(id)))).filter((d) => !!d).map((d) => [d.id, d]));
    return receptions.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      unitName: units.get(r.unitId)?.name ?? '',
      address: units.get(r.unitId)?.address ?? null,
      date: r.date,
      startTime: r.startTime,
      endTime: r.endTime,
      // The same moments as instants (China time), for clients that format times themselves.
      startsAt: new Date(`${r.date}T${r.startTime}:00+08:00`).toISOString(),
      endsAt: new Date(`${r.date}T${r.endTime}:00+08:00`).toISOString(),
      deputies: r.deputyIds.map((id) => ({ id, name: deputies.get(id)?.name ?? '' })),
      capacity: r.capacity,
      booked: r.booked,
      available: Math.max(r.capacity - r.booked, 0),
      status: r.status,
    }));
  }

  /**
   * A citizen books a place. `address` (the request's) is kept as a keyed hash to limit the places
   * one address holds at a reception; counted after the place is taken, when the reception's row
   * is locked (PostgreSQL) or the database is (SQLite), so parallel bookings cannot pass it.
   */
  async book(receptionId: string, input: BookingInput, address: string | null = null) {
    const { cipher, clock } = this.deps;
    const phone = input.phone.replace(/[\s-]/g, '');
    if (!PHONE_RE.test(phone))
      throw new AppError('VALIDATION_FAILED', { details: [{ path: 'phone', code: 'invalid_format', message: 'A mobile or landline number.' }] });
    const phoneHash = cipher.hash(phone)!;
    const addressHash = address ? cipher.hash(`address:${address}`) : null;
    const now = clock.now().toISOString();
    const window = publicationWindow(this.today(), (await this.settings()).publishDays);
    const booked = await inTransaction(this.deps.storage.db, async (repos) => {
      const reception = await repos.receptions.find(receptionId);
      if (!reception || reception.date < window.from || reception.date > window.to)
        throw new AppError('RESOURCE_NOT_FOUND', { message: 'Reception not found.' });
      if (reception.status !== 'scheduled') throw new AppError('ACTION_NOT_ALLOWED', { message: 'This reception was cancelled.' });
      if (await repos.receptions.activeBookingOf(reception.id, phoneHash))
        throw new AppError('DUPLICATE', { message: 'This phone already has a place at this reception.' });
      if ((await repos.receptions.upcomingBookingsOf(phoneHash, window.from)) >= BOOKING_LIMITS.upcomingPerPhone)
        throw new AppError('RATE_LIMITED', {
          message: `This phone already holds ${BOOKING_LIMITS.upcomingPerPhone} upcoming bookings; cancel one first.`,
          details: [{ path: 'phone', code: 'too_many_bookings' }],
        });
      if (!(await repos.receptions.takePlace(reception.id, now))) throw new AppError('RECEPTION_FULL');
      if (addressHash && (await repos.receptions.activeFromAddress(reception.id, addressHash)) >= BOOKING_LIMITS.perAddressAndReception)
        throw new AppError('RATE_LIMITED', {
          message: `At most ${BOOKING_LIMITS.perAddressAndReception} places of one reception are booked from one address.`,
        });
      const booking = await repos.receptions.addBooking({
        id: newId(),
        receptionId: reception.id,
        code: bookingCode(),
        nameEnc: cipher.encrypt(input.name?.trim() || null),
        phoneEnc: cipher.encrypt(phone),
        phoneHash,
        addressHash,
        topic: input.topic?.trim() || null,
        createdAt: now,
      });
      return booking;
    });
    const [presented] = await this.present([await this.deps.repos.receptions.get(receptionId)]);
    return { bookingCode: booked.code, reception: presented };
  }

  /**
   * The booking behind a code when `verify` (the last 4 digits of the phone) matches;
   * undefined otherwise — a wrong code and a wrong phone look the same, so codes cannot be probed.
   */
  private async verifiedBooking(repos: Repositories, code: string, verify: string) {
    const digits = verify.trim();
    const booking = await repos.receptions.findBookingByCode(code.trim().toUpperCase());
    const phone = booking ? this.deps.cipher.decrypt(booking.phoneEnc) : null;
    if (!booking || !phone || digits.length !== 4 || !phone.endsWith(digits)) return undefined;
    return booking;
  }

  /** A citizen looks up their booking (code and the last 4 digits of the phone); undefined when they do not match. */
  async findBooking(code: string, verify: string) {
    const booking = await this.verifiedBooking(this.deps.repos, code, verify);
    if (!booking) return undefined;
    const reception = await this.deps.repos.receptions.get(booking.receptionId);
    const [presented] = await this.present([reception]);
    return {
      bookingCode: booking.code,
      status: booking.status,
      topic: booking.topic,
      createdAt: booking.createdAt,
      cancellable: booking.status === 'booked' && !this.started(reception),
      reception: presented,
    };
  }

  private started(reception: ReceptionRecord): boolean {
    return new Date(`${reception.date}T${reception.startTime}:00+08:00`) <= this.deps.clock.now();
  }

  /**
   * A citizen cancels with the booking code and the last 4 digits of the phone; the place
   * is free again at once. Returns false when code and phone do not match.
   */
  async cancelBooking(code: string, verify: string): Promise<boolean> {
    const now = this.deps.clock.now().toISOString();
    // Read before the transaction: on SQLite a query outside it would wait for it forever.
    const found = await this.verifiedBooking(this.deps.repos, code, verify);
    if (!found) return false;
    await inTransaction(this.deps.storage.db, async (repos) => {
      const booking = await repos.receptions.findBooking(found.id);
      if (!booking || booking.status !== 'booked') return;
      const reception = await repos.receptions.get(booking.receptionId);
      if (this.started(reception)) throw new AppError('ACTION_NOT_ALLOWED', { message: 'The reception has already begun.' });
      await repos.receptions.setBookingStatus(booking.id, 'cancelled', now);
      await repos.receptions.releasePlace(booking.receptionId, now);
    });
    return true;
  }

  private async scopedUnit(actor: RequestActor, unitId?: string): Promise<UnitRecord | undefined> {
    if (!unitId) return undefined;
    const unit = await this.deps.repos.units.find(unitId);
    if (!unit) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Unit not found.' });
    return unit;
  }

  /**
   * Staff view of the rota (cancelled ones too), with attendance: a station's staff see their
   * subtree, admins and the office everything, a deputy the receptions they are on duty at (and
   * their station's, when the account serves one), a department account none — the same scope
   * as a single reception's page.
   */
  async staffList(actor: RequestActor, query: { from: string; to: string; unitId?: string | undefined; deputyId?: string | undefined }) {
    const unit = await this.scopedUnit(actor, query.unitId);
    const filter = stationRecordFilter(visibility('reception', actor), { underPath: unit?.path, deputyId: query.deputyId });
    if (!filter) return { items: [] };
    const receptions = await this.deps.repos.receptions.list({ from: query.from, to: query.to, ...filter, includeCancelled: true });
    const attendance = await this.deps.repos.receptions.attendanceFor(receptions.map((r) => r.id));
    const presented = await this.present(receptions);
    const now = this.deps.clock.now();
    return {
      items: presented.map((p, i) => {
        const recorded = attendance.filter((a) => a.receptionId === p.id);
        return {
          ...p,
          cancelReason: receptions[i].cancelReason,
          attendance: recorded.map((a) => ({ deputyId: a.deputyId, status: a.status, note: a.note })),
          phase: receptionPhase(receptions[i], recorded, now),
        };
      }),
    };
  }

  private async receptionInScope(actor: RequestActor, id: string, manage: boolean): Promise<ReceptionRecord> {
    const reception = await this.deps.repos.receptions.find(id);
    if (!reception || !seesReception(actor, reception)) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Reception not found.' });
    if (manage) authorize(actor, 'reception.manage', { unitPath: reception.unitPath });
    return reception;
  }

  /** A reception the caller may see (404 otherwise, as for a missing one). */
  async visible(actor: RequestActor, id: string): Promise<ReceptionRecord> {
    return this.receptionInScope(actor, id, false);
  }

  /** One reception with its bookings (contact masked) and attendance. */
  async detail(actor: RequestActor, id: string) {
    const reception = await this.receptionInScope(actor, id, false);
    const [presented] = await this.present([reception]);
    const bookings = await this.deps.repos.receptions.bookingsFor([id]);
    const attendance = await this.deps.repos.receptions.attendanceFor([id]);
    return {
      ...presented,
      phase: receptionPhase(reception, attendance, this.deps.clock.now()),
      cancelReason: reception.cancelReason,
      version: reception.version,
      attendance: attendance.map((a) => ({ deputyId: a.deputyId, status: a.status, note: a.note, recordedAt: a.recordedAt })),
      bookings: bookings.map((b) => ({
        id: b.id,
        name: maskName(this.deps.cipher.decrypt(b.nameEnc)),
        phone: maskPhone(this.deps.cipher.decrypt(b.phoneEnc)),
        topic: b.topic,
        status: b.status,
        createdAt: b.createdAt,
      })),
    };
  }

  /** Records who came (a deputy standing in for another may be added). Not for future receptions. */
  async recordAttendance(
    actor: RequestActor,
    id: string,
    entries: Array<{ deputyId: string; status: 'attended' | 'absent' | 'excused'; note?: string | undefined }>,
  ) {
    const reception = await this.receptionInScope(actor, id, true);
    if (reception.date > this.today())
      throw new AppError('ACTION_NOT_ALLOWED', { message: 'Attendance can be recorded on the day of the reception or later.' });
    if (reception.status === 'cancelled') throw new AppError('ACTION_NOT_ALLOWED', { message: 'This reception was cancelled.' });
    const problems: Array<{ path: string; code: string; message: string }> = [];
    for (const [i, e] of entries.entries()) {
      const d = await this.deps.repos.deputies.find(e.deputyId);
      if (!d) problems.push({ path: `entries.${i}.deputyId`, code: 'not_found', message: 'Unknown deputy.' });
    }
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.receptions.recordAttendance(
        entries.map((e) => ({
          receptionId: id,
          deputyId: e.deputyId,
          status: e.status,
          note: e.note?.trim() || null,
          recordedBy: actor.userId,
          recordedAt: now,
        })),
      );
      await this.deps.audit.record(actor, { action: 'reception.attendance', entity: 'reception', entityId: id, payload: { entries } }, repos);
    });
    return this.detail(actor, id);
  }

  /** Marks whether a citizen who booked came (no-shows stay visible). */
  async setBookingOutcome(actor: RequestActor, id: string, bookingId: string, status: 'attended' | 'no_show') {
    const reception = await this.receptionInScope(actor, id, true);
    if (reception.date > this.today()) throw new AppError('ACTION_NOT_ALLOWED', { message: 'The reception has not taken place yet.' });
    const booking = await this.deps.repos.receptions.findBooking(bookingId);
    if (!booking || booking.receptionId !== id) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Booking not found.' });
    if (booking.status === 'cancelled') throw new AppError('ACTION_NOT_ALLOWED', { message: 'The booking was cancelled.' });
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.receptions.setBookingStatus(bookingId, status, now);
      await this.deps.audit.record(actor, { action: 'reception.booking_outcome', entity: 'reception', entityId: id, payload: { bookingId, status } }, repos);
    });
    return this.detail(actor, id);
  }

  /** Cancels one reception (the people who booked are told when they look). */
  async cancel(actor: RequestActor, id: string, reason: string) {
    const reception = await this.receptionInScope(actor, id, true);
    if (reception.status === 'cancelled') return this.detail(actor, id);
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.receptions.cancel(id, reason.trim(), now);
      await this.deps.audit.record(actor, { action: 'reception.cancel', entity: 'reception', entityId: id, summary: reason }, repos);
    });
    return this.detail(actor, id);
  }

  /**
   * Reminds the deputies of receptions starting within `reminderHours` (the hourly job).
   * Each reception is reminded once, even with several workers.
   */
  async sendReminders(): Promise<number> {
    const settings = await this.settings();
    const now = this.deps.clock.now();
    const horizon = new Date(now.getTime() + settings.reminderHours * 3_600_000);
    const receptions = await this.deps.repos.receptions.list({ from: chinaDateOf(now), to: chinaDateOf(horizon) });
    let sent = 0;
    for (const r of receptions) {
      const startsAt = new Date(`${r.date}T${r.startTime}:00+08:00`);
      if (startsAt <= now || startsAt > horizon || r.remindedAt) continue;
      if (!(await this.deps.repos.receptions.markReminded(r.id, now.toISOString()))) continue;
      const [presented] = await this.present([r]);
      const users = (await Promise.all(r.deputyIds.map((deputyId) => this.deps.repos.users.recipients({ deputyId })))).flat();
      await this.deps.repos.notifications.add(
        users.map((u) => ({
          id: newId(),
          userId: u.id,
          kind: 'reception.reminder',
          title: `进站接待提醒：${r.date} ${r.startTime}`,
          body: `您将于 ${r.date} ${r.startTime}–${r.endTime} 在${presented?.unitName ?? ''}进站接待选民，已有 ${r.booked} 人预约。`,
          link: `/console/receptions?date=${r.date}`,
          caseId: null,
          readAt: null,
          createdAt: now.toISOString(),
        })),
      );
      sent += users.length;
    }
    return sent;
  }
}

/** Re-exported for tests: the occurrences a rule set yields. */
export type { RotaOccurrence };
