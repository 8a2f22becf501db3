/**
 * Everything that brings an opinion in: the citizen's own submission (online or by a QR
 * code), staff recording walk-in, phone and visit opinions, and imports. One path for
 * all: references are checked (against an in-memory copy of the organisation), the handling
 * station chosen, contact data encrypted, abuse signals flagged (never silently dropped), the
 * case opened by the workflow, its search tokens computed — and then everything the tracking
 * page needs (case, first event, jobs, the idempotency answer) is stored in one transaction,
 * shared with the submissions that arrive meanwhile (group commit, see intake-writer.ts).
 */
import { createHash } from 'node:crypto';
import { AppError, can, defaultIntakeUnitPath, generateTrackingCode, openCase, TRACKING_CODE_ALPHABET } from '@lianxin/core';
import type { CaseCreateSchema } from '@lianxin/contracts';
import type { AttachmentOwner, CaseRecord, NewCase, UnitRecord } from '@lianxin/storage';
import type { z } from 'zod';
import { tokensForIndex } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import { newId } from '../platform/adapters/ids';
import { poolRandomBytes } from '../platform/adapters/random-pool';
import type { RequestActor } from '../auth/actor';
import type { AttachmentService } from '../platform/attachment.service';
import type { CalendarService } from '../org/calendar.service';
import { openedCaseRows } from '../cases/case-store';
import type { DuplicateService, PublicSimilarCase } from '../cases/duplicate.service';
import { IntakeReferences } from './intake-references';
import { IntakeWriter, type CaseWrite, type CheckedSubmission } from './intake-writer';
import { readInboxPayload } from './inbox-payload';
import { searchableText } from '../text/search-index.service';
import type { ReceptionService } from '../reception/reception.service';

/** An opinion as submitted (public body of API.md; staff add channel and reporter). */
export interface OpinionInput {
  title?: string | undefined;
  content: string;
  kind?: string | undefined;
  categoryId?: string | undefined;
  unitId?: string | undefined;
  deputyId?: string | undefined;
  address?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  contact?: { name?: string | undefined; phone?: string | undefined; email?: string | undefined } | undefined;
  anonymous?: boolean | undefined;
  consentPublic?: boolean | undefined;
  attachmentIds?: string[] | undefined;
}

/**
 * The channel of a citizen's own submission: 扫码提交 (`qr`) only when the form was reached
 * through a poster's QR code — the poster's link carries `via=qr` and the citizen pages send
 * it on; a station or deputy chosen on a plain web visit is still a web submission (`online`).
 */
export function publicChannel(via: 'web' | 'qr' | undefined): 'qr' | 'online' {
  return via === 'qr' ? 'qr' : 'online';
}

/** How the opinion arrived. */
export interface IntakeSource {
  channel: string;
  enteredBy?: RequestActor | null;
  receptionId?: string | null;
  receivedAt?: string | null;
  /**
   * The accept clock runs from `receivedAt` (staff recording a walk-in or phone opinion after
   * the fact: the citizen has waited since then). Imports leave it off: years of history would
   * all open overdue and be urged at once.
   */
  clockFromReceived?: boolean;
  /** Idempotency key of an imported row. */
  sourceKey?: string | null;
  /** `cipher.hash` of the given phone when the caller already computed it (for its rate limit). */
  phoneHash?: string | null;
  /**
   * Whose uploads `attachmentIds` may name: a citizen's upload session (public submissions); staff
   * intake uses the signed-in account (`enteredBy`). Null: no upload may be attached.
   */
  uploader?: AttachmentOwner | null;
}

/** What the submitter is told. */
export interface IntakeReceipt {
  case: CaseRecord;
  trackingCode: string;
  verifyHint: string;
  /** The verify secret, only when no phone was given. */
  secret: string | null;
}

const URL_PATTERN = /(https?:\/\/|www\.)\S+/i;
const CJK = /[\u4e00-\u9fff]/;

/** Submissions from one phone within a day from which the next ones are flagged. */
const PHONE_BURST = 3;

/** Abuse signals of a submission; they flag it for staff, they never drop it. */
export function spamSignals(input: OpinionInput, recentFromPhone: number): string[] {
  const text = `${input.title ?? ''} ${input.content}`;
  const flags: string[] = [];
  if (URL_PATTERN.test(text)) flags.push('links');
  if (/(.)\1{9,}/u.test(text)) flags.push('repeated_characters');
  if (!CJK.test(text)) flags.push('no_chinese');
  if (recentFromPhone >= PHONE_BURST) flags.push('phone_burst');
  return flags;
}

/** The verify code as stored: keyed hash bound to the tracking code. */
export function verifyHash(hash: (s: string) => string | null, trackingCode: string, code: string): string {
  return hash(`${trackingCode}:${code.trim().toUpperCase()}`) ?? '';
}

/** Picks the handling unit: the deputy's home, the chosen unit, a region named in the text, or the hub. */
export function chooseUnit(units: UnitRecord[], hints: { unit?: UnitRecord | null; deputyHome?: UnitRecord | null; text: string }): UnitRecord | null {
  if (hints.unit) return hints.unit;
  if (hints.deputyHome) return hints.deputyHome;
  const stations = units.filter((u) => u.kind === 'station' && u.region);
  const named = stations.find((s) => hints.text.includes(s.region!) || hints.text.includes(s.region!.replace(/(街道|镇|乡)$/, '')));
  return named ?? units.find((u) => u.kind === 'hub') ?? null;
}

/** The answer to a public submission (API.md `OpinionReceipt`). */
export interface OpinionReceiptBody {
  trackingCode: string;
  status: 'submitted';
  createdAt: string;
  verifyHint: string;
  secret?: string;
  trackUrl: string;
  similar: PublicSimilarCase[];
}

/** Idempotency scope of public submissions. */
const OPINION_SCOPE = 'opinion';

/** What the submitter is told. */
interface ReceiptFacts {
  trackingCode: string;
  verifyHint: string;
  secret: string | null;
  createdAt: string;
  nowIso: string;
}

/** Brings opinions in. */
export class IntakeService {
  private readonly references: IntakeReferences;
  private readonly writer: IntakeWriter;
  /**
   * Citizens' submissions are queued in the intake inbox instead of opened in the request (config
   * `intakeInbox`); staff, import and Open311 intake always open the case at once, as the caller
   * goes on to work on it.
   */
  private readonly queuePublic: boolean;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'cipher' | 'clock' | 'config' | 'repos' | 'storage'>,
    private readonly calendars: CalendarService,
    private readonly attachments: AttachmentService,
    private readonly duplicates: DuplicateService | null,
    private readonly receptions: Pick<ReceptionService, 'visible'>,
  ) {
    this.references = new IntakeReferences(deps.repos, deps.storage);
    this.writer = new IntakeWriter(deps.storage.db);
    this.queuePublic = deps.config.intakeInbox;
  }

  /**
   * Staff record a walk-in, phone, visit or letter opinion (`POST /cases`): station staff for their
   * own station (the default unit), at a reception they may see; the accept clock runs from when
   * it was received.
   */
  async recordOffline(actor: RequestActor, body: z.output<typeof CaseCreateSchema>): Promise<IntakeReceipt> {
    const { channel, reporter, receivedAt, receptionId, ...input } = body;
    if (input.unitId) {
      const unit = await this.deps.repos.units.find(input.unitId);
      if (unit && !can(actor, 'case.intake.unit', { unitPath: unit.path }))
        throw new AppError('PERMISSION_DENIED', { message: 'Record opinions for your own station.' });
    }
    // The reception the opinion was heard at must be one the caller may see.
    if (receptionId) await this.receptions.visible(actor, receptionId);
    const unitId = input.unitId ?? defaultIntakeUnitPath(actor)?.split('/').filter(Boolean).at(-1);
    return this.submit(
      { ...input, unitId, contact: reporter },
      {
        channel,
        enteredBy: actor,
        receptionId: receptionId ?? null,
        receivedAt: receivedAt ? new Date(receivedAt).toISOString() : null,
        clockFromReceived: true,
      },
    );
  }

  /** Records one opinion from any channel. */
  async submit(input: OpinionInput, source: IntakeSource): Promise<IntakeReceipt> {
    const checked = await this.check(input, source);
    const told = this.receipt(checked);
    const result = await this.writer.write({ open: await this.open(checked), idempotency: null });
    if (!('stored' in result)) throw new Error('a write without an idempotency key was not stored');
    this.indexed(result.stored);
    return { case: result.stored, trackingCode: told.trackingCode, verifyHint: told.verifyHint, secret: told.secret };
  }

  /**
   * A citizen's submission (`POST /public/opinions`): stored with its answer under the request's
   * idempotency key in one transaction; a key used before answers the first answer (or 409 when
   * the body differs) and stores nothing.
   */
  async submitPublic(
    input: OpinionInput,
    source: IntakeSource & { idempotencyKey?: string | undefined; requestHash: string },
  ): Promise<{ status: 200 | 201; body: OpinionReceiptBody }> {
    const checked = await this.check(input, source);
    const prepared = this.receipt(checked);
    const record = checked.fields;
    const similar = this.duplicates ? await this.duplicates.forReceipt({ id: record.id, title: record.title, content: record.content }).catch(() => []) : [];
    const body: OpinionReceiptBody = {
      trackingCode: prepared.trackingCode,
      status: 'submitted',
      createdAt: prepared.createdAt,
      verifyHint: prepared.verifyHint,
      ...(prepared.secret ? { secret: prepared.secret } : {}),
      trackUrl: `/m/track/${prepared.trackingCode}`,
      similar,
    };
    const key = source.idempotencyKey;
    const idempotency = key ? { scope: OPINION_SCOPE, key, requestHash: source.requestHash, status: 201, response: body, createdAt: prepared.nowIso } : null;
    const result = await this.writer.write(this.queuePublic ? { queue: checked, idempotency } : { open: await this.open(checked), idempotency });
    if ('stored' in result) {
      this.indexed(result.stored);
      return { status: 201, body };
    }
    // A queued submission joins the near-duplicate index when a worker opens it (this instance's
    // index reads new cases from the database every few seconds).
    if ('queued' in result) return { status: 201, body };
    const first = key ? await this.replay(key, source.requestHash) : null;
    if (!first) throw new AppError('DUPLICATE', { message: 'The same submission is still being processed; try again in a moment.' });
    return first;
  }

  /**
   * The stored answer of an earlier submission with this idempotency key, or null when the key is
   * new; 409 when the key came with a different body.
   */
  async replay(key: string, requestHash: string): Promise<{ status: 200 | 201; body: OpinionReceiptBody } | null> {
    const first = await this.deps.repos.idempotency.find(OPINION_SCOPE, key);
    if (!first) return null;
    if (first.requestHash !== requestHash) throw new AppError('DUPLICATE', { message: 'This Idempotency-Key was used for a different submission.' });
    if (first.status === null) throw new AppError('DUPLICATE', { message: 'The same submission is still being processed; try again in a moment.' });
    return { status: first.status === 200 ? 200 : 201, body: first.response as OpinionReceiptBody };
  }

  /** A submission still waiting in the intake inbox (not yet opened as a case), or null. */
  async waiting(trackingCode: string): Promise<CheckedSubmission | null> {
    const entry = await this.deps.repos.intakeInbox.findByTrackingCode(trackingCode);
    if (!entry) return null;
    // A payload of a version this code does not read (a newer instance's) is not shown rather than misread.
    const read = readInboxPayload(entry.version, entry.payload);
    return read.ok ? read.submission : null;
  }

  /** A stored case joins the in-memory near-duplicate index (its search tokens were written with it). */
  private indexed(record: CaseRecord): void {
    this.duplicates?.note(record);
  }

  /**
   * Checks a submission against the organisation and fixes everything the submitter is told or
   * that must not change later: ids, tracking and verify codes, encrypted contact, the handling
   * station. Cheap on purpose — in `inbox` mode it is all the request does before storing.
   */
  private async check(input: OpinionInput, source: IntakeSource): Promise<CheckedSubmission> {
    const { cipher, clock } = this.deps;
    const refs = this.references;
    const nowIso = clock.now().toISOString();
    const problems: Array<{ path: string; code: string; message: string }> = [];
    const kinds = await refs.appealKinds();
    const kind = input.kind ?? 'suggestion';
    if (!kinds.some((k) => k.code === kind && k.active)) problems.push({ path: 'kind', code: 'invalid', message: 'Unknown appeal kind.' });
    const category = input.categoryId ? await refs.category(input.categoryId) : null;
    if (input.categoryId && (!category || !category.active)) problems.push({ path: 'categoryId', code: 'not_found', message: 'Unknown category.' });
    const unit = input.unitId ? await refs.unit(input.unitId) : null;
    if (input.unitId && (!unit || !unit.active)) problems.push({ path: 'unitId', code: 'not_found', message: 'Unknown station.' });
    const deputy = input.deputyId ? await refs.deputy(input.deputyId) : null;
    if (input.deputyId && (!deputy || !deputy.active)) problems.push({ path: 'deputyId', code: 'not_found', message: 'Unknown deputy.' });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
    const uploader = source.uploader ?? (source.enteredBy ? { kind: 'user' as const, id: source.enteredBy.userId } : null);
    if (input.attachmentIds?.length) await this.attachments.checkAttachable(input.attachmentIds, uploader);

    const phone = input.contact?.phone?.replace(/[\s-]/g, '') || null;
    const deputyHome = deputy?.homeUnitId ? await refs.unit(deputy.homeUnitId) : null;
    const handlingUnit = chooseUnit(await refs.activeUnits(), { unit, deputyHome, text: `${input.address ?? ''} ${input.title ?? ''} ${input.content}` });
    const id = newId();
    const trackingCode = generateTrackingCode(poolRandomBytes);
    const secret = phone ? null : Array.from(poolRandomBytes(6), (b) => TRACKING_CODE_ALPHABET[b % TRACKING_CODE_ALPHABET.length]).join('');
    const email = input.contact?.email?.trim();
    return {
      fields: {
        id,
        trackingCode,
        channel: source.channel,
        status: 'submitted',
        kind,
        title: input.title?.trim() || Array.from(input.content.trim().replace(/\s+/g, ' ')).slice(0, 30).join(''),
        content: input.content.trim(),
        createdAt: source.receivedAt ?? nowIso,
        categoryId: category?.id ?? null,
        unitId: handlingUnit?.id ?? null,
        unitPath: handlingUnit?.path ?? null,
        targetDeputyId: deputy?.id ?? null,
        address: input.address?.trim() || null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        reporterNameEnc: input.anonymous ? null : cipher.encrypt(input.contact?.name?.trim()),
        reporterPhoneEnc: cipher.encrypt(phone),
        reporterPhoneHash: phone && source.phoneHash ? source.phoneHash : cipher.hash(phone),
        reporterPhoneLast4Hash: phone ? verifyHash((v) => cipher.hash(v), trackingCode, phone.slice(-4)) : null,
        verifySecretHash: secret ? verifyHash((v) => cipher.hash(v), trackingCode, secret) : null,
        reporterEmailEnc: cipher.encrypt(email),
        reporterEmailHash: cipher.hash(email),
        anonymous: input.anonymous ?? false,
        consentPublic: input.consentPublic ?? false,
        enteredBy: source.enteredBy?.userId ?? null,
        receptionId: source.receptionId ?? null,
        sourceKey: source.sourceKey ?? null,
      },
      actor: source.enteredBy ?? { kind: 'citizen', caseId: id },
      actorName: source.enteredBy?.username ?? null,
      attachmentIds: [...new Set(input.attachmentIds ?? [])],
      uploader,
      secret,
      hasPhone: Boolean(phone),
      // Spam signals that need no database; a phone burst is counted when the case is opened.
      textFlags: spamSignals(input, 0),
      nowIso,
      receivedAt: source.clockFromReceived ? (source.receivedAt ?? null) : null,
    };
  }

  /** What the submitter is told about a checked submission. */
  private receipt(checked: CheckedSubmission): ReceiptFacts {
    const { secret } = checked;
    return {
      trackingCode: checked.fields.trackingCode,
      verifyHint: checked.hasPhone ? '请使用查询码和您手机号的后4位查询办理进度。' : `请使用查询码和查询密码 ${secret} 查询办理进度，请妥善保存。`,
      secret,
      createdAt: checked.fields.createdAt,
      nowIso: checked.nowIso,
    };
  }

  /**
   * Opens a checked submission by the workflow (deadlines from the time it was received), with
   * its spam flags and search tokens: the rows to store. Run in the request, or by the worker that
   * empties the intake inbox (which tells how many from the same phone precede it in its batch).
   */
  async open(checked: CheckedSubmission, earlierFromPhone = 0): Promise<CaseWrite> {
    const { fields } = checked;
    const received = new Date(fields.createdAt);
    const recent = fields.reporterPhoneHash
      ? earlierFromPhone + (await this.deps.repos.cases.countByPhoneSince(fields.reporterPhoneHash, new Date(received.getTime() - 86_400_000).toISOString()))
      : 0;
    const flags = [...checked.textFlags, ...(recent >= PHONE_BURST ? ['phone_burst'] : [])];
    const calendar = await this.calendars.current();
    const settings = await this.calendars.workflowSettings();
    const opened = openCase(
      {
        id: fields.id,
        unitPath: fields.unitPath ?? '/',
        categoryId: fields.categoryId ?? null,
        kind: fields.kind,
        targetDeputyId: fields.targetDeputyId ?? null,
        payload: { channel: fields.channel },
        receivedAt: checked.receivedAt ?? null,
      },
      checked.actor,
      new Date(checked.nowIso),
      calendar,
      settings,
    );
    const rows = openedCaseRows({ ...fields, spamScore: flags.length, spamFlags: flags }, opened, checked.actorName, checked.nowIso);
    return {
      rows,
      searchTokens: tokensForIndex(searchableText({ title: fields.title, content: fields.content, replyContent: null })),
      attachmentIds: checked.attachmentIds,
      uploader: checked.uploader,
    };
  }

  /** Whether `code` proves the caller reported the case (phone's last 4 digits or the secret). */
  verify(record: Pick<NewCase, 'trackingCode' | 'reporterPhoneLast4Hash' | 'verifySecretHash'>, code: string | undefined): boolean {
    if (!code || code.length > 20) return false;
    const hash = verifyHash((s) => this.deps.cipher.hash(s), record.trackingCode, code);
    return hash === (record.reporterPhoneLast4Hash ?? null) || hash === (record.verifySecretHash ?? null);
  }

  /** Stable hash of a request body for idempotency checks. */
  static requestHash(body: unknown): string {
    return createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('hex');
  }
}
