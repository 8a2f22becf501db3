/**
 * The reception rota: rules, the dated receptions materialized from them, who attended,
 * and citizens' bookings. Booking a slot is one conditional update (`booked < capacity`),
 * so two citizens racing for the last place cannot both get it, on either engine.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { ReceptionBookingsTable, ReceptionRulesTable, ReceptionsTable } from '../schema';
import { fromBool, guardWrite, parseJson, toBool } from '../sql-helpers';
import { required } from './versioned';
import { AppError } from '@lianxin/core';

/** A rota rule. */
export interface ReceptionRuleRecord {
  id: string;
  unitId: string;
  kind: 'weekly' | 'once';
  weekday: number | null;
  date: string | null;
  startTime: string;
  endTime: string;
  capacity: number;
  deputyIds: string[];
  validFrom: string;
  validTo: string | null;
  note: string | null;
  active: boolean;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Editable fields of a rule. */
export type ReceptionRuleFields = Omit<ReceptionRuleRecord, 'id' | 'version' | 'createdBy' | 'createdAt' | 'updatedAt'>;

/** A dated reception. */
export interface ReceptionRecord {
  id: string;
  ruleId: string;
  unitId: string;
  unitPath: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: number;
  booked: number;
  deputyIds: string[];
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  remindedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Attendance of one deputy at one reception. */
export interface AttendanceRecord {
  receptionId: string;
  deputyId: string;
  status: 'attended' | 'absent' | 'excused';
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

/** A citizen's booking (contact is ciphertext). */
export interface BookingRecord {
  id: string;
  receptionId: string;
  code: string;
  nameEnc: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  /** Keyed hash of the address it came from (0021), null for older bookings. */
  addressHash?: string | null;
  topic: string | null;
  status: 'booked' | 'cancelled' | 'attended' | 'no_show';
  createdAt: string;
  updatedAt: string;
}

function ruleRecord(r: Selectable<ReceptionRulesTable>): ReceptionRuleRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind as ReceptionRuleRecord['kind'],
    weekday: r.weekday === null ? null : Number(r.weekday),
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    capacity: Number(r.capacity),
    deputyIds: parseJson<string[]>(r.deputy_ids, []),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    note: r.note,
    active: toBool(Number(r.active)),
    version: Number(r.version),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function receptionRecord(r: Selectable<ReceptionsTable>): ReceptionRecord {
  return {
    id: r.id,
    ruleId: r.rule_id,
    unitId: r.unit_id,
    unitPath: r.unit_path,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    capacity: Number(r.capacity),
    booked: Number(r.booked),
    deputyIds: parseJson<string[]>(r.deputy_ids, []),
    status: r.status as ReceptionRecord['status'],
    cancelReason: r.cancel_reason,
    remindedAt: r.reminded_at,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function bookingRecord(r: Selectable<ReceptionBookingsTable>): BookingRecord {
  return {
    id: r.id,
    receptionId: r.reception_id,
    code: r.code,
    nameEnc: r.name_enc,
    phoneEnc: r.phone_enc,
    phoneHash: r.phone_hash,
    addressHash: r.address_hash ?? null,
    topic: r.topic,
    status: r.status as BookingRecord['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Filters of a reception listing. */
export interface ReceptionListOptions {
  from: string;
  to: string;
  /** Materialized path prefix: the unit and everything under it. */
  underPath?: string | undefined;
  deputyId?: string | undefined;
  /** Either suffices: under this path, or with this deputy on duty (a deputy account serving a station). */
  reach?: { underPath: string; deputyId: string } | undefined;
  includeCancelled?: boolean | undefined;
}

/** Reads and writes the rota. */
export class ReceptionRepository {
  constructor(private readonly db: DB) {}

  /** Creates a rule. */
  async createRule(input: ReceptionRuleFields & { id: string; createdBy: string | null; now: string }): Promise<ReceptionRuleRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('reception_rules')
          .values({
            id: input.id,
            unit_id: input.unitId,
            kind: input.kind,
            weekday: input.weekday,
            date: input.date,
            start_time: input.startTime,
            end_time: input.endTime,
            capacity: input.capacity,
            deputy_ids: JSON.stringify(input.deputyIds),
            valid_from: input.validFrom,
            valid_to: input.validTo,
            note: input.note,
            active: fromBool(input.active),
            created_by: input.createdBy,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute(),
      'Reception rule',
    );
    return this.getRule(input.id);
  }

  /** Replaces a rule's fields (optimistic lock on `expectedVersion`). */
  async updateRule(id: string, fields: ReceptionRuleFields, expectedVersion: number | undefined, now: string): Promise<ReceptionRuleRecord> {
    let query = this.db
      .updateTable('reception_rules')
      .set((eb) => ({
        unit_id: fields.unitId,
        kind: fields.kind,
        weekday: fields.weekday,
        date: fields.date,
        start_time: fields.startTime,
        end_time: fields.endTime,
        capacity: fields.capacity,
        deputy_ids: JSON.stringify(fields.deputyIds),
        valid_from: fields.validFrom,
        valid_to: fields.validTo,
        note: fields.note,
        active: fromBool(fields.active),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id);
    if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
    const result = await guardWrite(() => query.executeTakeFirst(), 'Reception rule');
    if (Number(result.numUpdatedRows) === 0) {
      if (!(await this.findRule(id))) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Reception rule not found.' });
      throw new AppError('VERSION_CONFLICT');
    }
    return this.getRule(id);
  }

  /** A rule, or undefined. */
  async findRule(id: string): Promise<ReceptionRuleRecord | undefined> {
    const row = await this.db.selectFrom('reception_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? ruleRecord(row) : undefined;
  }

  /** A rule that must exist (404 otherwise). */
  async getRule(id: string): Promise<ReceptionRuleRecord> {
    return required(await this.findRule(id), 'Reception rule');
  }

  /** Rules, optionally of some units only. */
  async listRules(options: { unitIds?: string[] | undefined; activeOnly?: boolean } = {}): Promise<ReceptionRuleRecord[]> {
    let query = this.db.selectFrom('reception_rules').selectAll();
    if (options.unitIds) {
      if (options.unitIds.length === 0) return [];
      query = query.where('unit_id', 'in', options.unitIds);
    }
    if (options.activeOnly) query = query.where('active', '=', 1);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(ruleRecord);
  }

  /** Inserts the receptions that do not exist yet (same rule and date); returns how many were new. */
  async insertMissing(items: Array<Omit<ReceptionRecord, 'booked' | 'status' | 'cancelReason' | 'remindedAt' | 'version' | 'updatedAt'>>): Promise<number> {
    let inserted = 0;
    for (const r of items) {
      const result = await this.db
        .insertInto('receptions')
        .values({
          id: r.id,
          rule_id: r.ruleId,
          unit_id: r.unitId,
          unit_path: r.unitPath,
          date: r.date,
          start_time: r.startTime,
          end_time: r.endTime,
          capacity: r.capacity,
          deputy_ids: JSON.stringify(r.deputyIds),
          created_at: r.createdAt,
          updated_at: r.createdAt,
        })
        .onConflict((oc) => oc.columns(['rule_id', 'date']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  /**
   * Brings future receptions of a changed rule in line with it: those without bookings
   * or attendance that the rule no longer produces are removed, the others get the new
   * times, capacity and deputies. Returns the ids removed.
   */
  async syncFuture(
    ruleId: string,
    fromDate: string,
    keepDates: Map<string, { startTime: string; endTime: string; capacity: number; deputyIds: string[] }>,
    now: string,
  ): Promise<void> {
    const rows = await this.db.selectFrom('receptions').selectAll().where('rule_id', '=', ruleId).where('date', '>=', fromDate).execute();
    for (const row of rows) {
      const wanted = keepDates.get(row.date);
      if (wanted) {
        await this.db
          .updateTable('receptions')
          .set((eb) => ({
            start_time: wanted.startTime,
            end_time: wanted.endTime,
            capacity: wanted.capacity,
            deputy_ids: JSON.stringify(wanted.deputyIds),
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', row.id)
          .execute();
        continue;
      }
      const used =
        Number(row.booked) > 0 ||
        !!(await this.db.selectFrom('reception_attendance').select('deputy_id').where('reception_id', '=', row.id).executeTakeFirst());
      if (used) {
        // Someone booked it: keep the record, but mark it cancelled so the citizen is told.
        await this.db
          .updateTable('receptions')
          .set((eb) => ({ status: 'cancelled', cancel_reason: 'rota_changed', updated_at: now, version: eb('version', '+', 1) }))
          .where('id', '=', row.id)
          .execute();
      } else {
        await this.db.deleteFrom('receptions').where('id', '=', row.id).execute();
      }
    }
  }

  /** A reception, or undefined. */
  async find(id: string): Promise<ReceptionRecord | undefined> {
    const row = await this.db.selectFrom('receptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? receptionRecord(row) : undefined;
  }

  /** A reception that must exist (404 otherwise). */
  async get(id: string): Promise<ReceptionRecord> {
    return required(await this.find(id), 'Reception');
  }

  /** Receptions between two dates (inclusive), by date and time. */
  async list(options: ReceptionListOptions): Promise<ReceptionRecord[]> {
    let query = this.db.selectFrom('receptions').selectAll().where('date', '>=', options.from).where('date', '<=', options.to);
    if (options.underPath) query = query.where('unit_path', 'like', `${options.underPath}%`);
    if (!options.includeCancelled) query = query.where('status', '=', 'scheduled');
    const rows = await query.orderBy('date').orderBy('start_time').orderBy('unit_path').orderBy('id').limit(5000).execute();
    const { deputyId, reach } = options;
    return rows
      .map(receptionRecord)
      .filter((r) => !deputyId || r.deputyIds.includes(deputyId))
      .filter((r) => !reach || r.unitPath.startsWith(reach.underPath) || r.deputyIds.includes(reach.deputyId));
  }

  /** Cancels one reception. */
  async cancel(id: string, reason: string, now: string): Promise<void> {
    await this.db
      .updateTable('receptions')
      .set((eb) => ({ status: 'cancelled', cancel_reason: reason, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  /** Marks a reception's reminder as sent; false when another worker already did. */
  async markReminded(id: string, now: string): Promise<boolean> {
    const result = await this.db.updateTable('receptions').set({ reminded_at: now }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Takes one place if any is left; false when the reception is full or not bookable. */
  async takePlace(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('receptions')
      .set((eb) => ({ booked: eb('booked', '+', 1), updated_at: now }))
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .where((eb) => eb('booked', '<', eb.ref('capacity')))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives a place back. */
  async releasePlace(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('receptions')
      .set((eb) => ({ booked: eb('booked', '-', 1), updated_at: now }))
      .where('id', '=', id)
      .where('booked', '>', 0)
      .execute();
  }

  /** Stores a booking. */
  async addBooking(b: Omit<BookingRecord, 'status' | 'updatedAt'>): Promise<BookingRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('reception_bookings')
          .values({
            id: b.id,
            reception_id: b.receptionId,
            code: b.code,
            name_enc: b.nameEnc,
            phone_enc: b.phoneEnc,
            phone_hash: b.phoneHash,
            address_hash: b.addressHash ?? null,
            topic: b.topic,
            created_at: b.createdAt,
            updated_at: b.createdAt,
          })
          .execute(),
      'Booking',
    );
    return required(await this.findBooking(b.id), 'Booking');
  }

  /** A booking by id. */
  async findBooking(id: string): Promise<BookingRecord | undefined> {
    const row = await this.db.selectFrom('reception_bookings').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? bookingRecord(row) : undefined;
  }

  /** A booking by its code. */
  async findBookingByCode(code: string): Promise<BookingRecord | undefined> {
    const row = await this.db.selectFrom('reception_bookings').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? bookingRecord(row) : undefined;
  }

  /** Active bookings of one phone at one reception (one place per person). */
  async activeBookingOf(receptionId: string, phoneHash: string): Promise<BookingRecord | undefined> {
    const row = await this.db
      .selectFrom('reception_bookings')
      .selectAll()
      .where('reception_id', '=', receptionId)
      .where('phone_hash', '=', phoneHash)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    return row ? bookingRecord(row) : undefined;
  }

  /** Places booked from one address (its keyed hash) at a reception. */
  async activeFromAddress(receptionId: string, addressHash: string): Promise<number> {
    const row = await this.db
      .selectFrom('reception_bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reception_id', '=', receptionId)
      .where('address_hash', '=', addressHash)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Places a phone holds at receptions on `fromDate` or later (booked, not cancelled or past). */
  async upcomingBookingsOf(phoneHash: string, fromDate: string): Promise<number> {
    const row = await this.db
      .selectFrom('reception_bookings')
      .innerJoin('receptions', 'receptions.id', 'reception_bookings.reception_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reception_bookings.phone_hash', '=', phoneHash)
      .where('reception_bookings.status', '=', 'booked')
      .where('receptions.date', '>=', fromDate)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Bookings of some receptions. */
  async bookingsFor(receptionIds: string[]): Promise<BookingRecord[]> {
    if (receptionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('reception_bookings')
      .selectAll()
      .where('reception_id', 'in', receptionIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(bookingRecord);
  }

  /** Sets a booking's status. */
  async setBookingStatus(id: string, status: BookingRecord['status'], now: string): Promise<void> {
    await this.db.updateTable('reception_bookings').set({ status, updated_at: now }).where('id', '=', id).execute();
  }

  /** Records (or corrects) attendance. */
  async recordAttendance(items: AttendanceRecord[]): Promise<void> {
    for (const a of items) {
      await this.db
        .insertInto('reception_attendance')
        .values({ reception_id: a.receptionId, deputy_id: a.deputyId, status: a.status, note: a.note, recorded_by: a.recordedBy, recorded_at: a.recordedAt })
        .onConflict((oc) =>
          oc.columns(['reception_id', 'deputy_id']).doUpdateSet({ status: a.status, note: a.note, recorded_by: a.recordedBy, recorded_at: a.recordedAt }),
        )
        .execute();
    }
  }

  /** Attendance of some receptions. */
  async attendanceFor(receptionIds: string[]): Promise<AttendanceRecord[]> {
    if (receptionIds.length === 0) return [];
    const rows = await this.db.selectFrom('reception_attendance').selectAll().where('reception_id', 'in', receptionIds).execute();
    return rows.map((r) => ({
      receptionId: r.reception_id,
      deputyId: r.deputy_id,
      status: r.status as AttendanceRecord['status'],
      note: r.note,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }
}
