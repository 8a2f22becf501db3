/**
 * The citizen's side of an opinion (API.md "Public"): submit (with idempotency key,
 * rate limits and the optional proof-of-work challenge), upload photos, track with the
 * verify code, rate the reply, and a QR code of one's tracking link.
 */
import { IdSchema, OpinionReceiptSchema, OpinionSubmitSchema, OpinionViewSchema, RatingSchema } from '@lianxin/contracts';
import { AppError, isAppError, normalizeTrackingCode } from '@lianxin/core';
import type { CaseRecord } from '@lianxin/storage';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { countMalformed, guardGuess, type GuessLimits } from '../platform/guess-guard';
import { IntakeService, publicChannel } from './intake.service';
import type { CheckedSubmission } from './intake-writer';
import { presentOpinion, presentWaitingOpinion } from '../cases/case-presenters';
import { ensureUploadSession, uploadSession } from './upload-session';
import { readUpload, sendAttachment } from '../platform/uploads';

/** Failed verify attempts allowed per hour (see guess-guard.ts: a stranger cannot lock the owner out). */
const TRACK_LIMITS: GuessLimits = { perAddress: 20, perCodeAndAddress: 10, perCodeCeiling: 50, windowSeconds: 3600 };

const TrackParams = z.object({ trackingCode: z.string().min(1).max(40) }).strict();
const VerifyQuery = z.object({ verify: z.string().max(40).optional() }).strict();

export const publicOpinionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  /**
   * The opinion behind a code if `verify` proves the caller reported it — an opened case, or a
   * submission still waiting in the intake inbox; 404 otherwise (and counted).
   */
  async function verifiedOpinion(rawCode: string, verify: string | undefined, ip: string): Promise<{ record: CaseRecord } | { waiting: CheckedSubmission }> {
    const code = normalizeTrackingCode(rawCode);
    if (!code) {
      // Malformed codes count as failures too, so guessing cannot skip the limit.
      await countMalformed(ctx.rateLimiter, 'track-fail', ip, TRACK_LIMITS);
      throw new AppError('TRACKING_CODE_INVALID');
    }
    const found = await guardGuess(ctx.rateLimiter, 'track-fail', code, ip, TRACK_LIMITS, async () => {
      const record = await ctx.repos.cases.findByTrackingCode(code);
      const waiting = record ? null : await ctx.intake.waiting(code);
      const fields = record ?? waiting?.fields;
      if (!fields || !ctx.intake.verify(fields, verify)) return null;
      return record ? { record } : { waiting: waiting! };
    });
    // Unknown code and wrong verify look the same, so codes cannot be probed.
    if (!found) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No opinion with this tracking code and verify code.' });
    return found;
  }

  /** The opened case behind a code (a submission still in the inbox cannot be acted on yet). */
  async function verifiedCase(rawCode: string, verify: string | undefined, ip: string): Promise<CaseRecord> {
    const found = await verifiedOpinion(rawCode, verify, ip);
    if ('record' in found) return found.record;
    throw new AppError('CASE_INVALID_TRANSITION', { message: 'This opinion is still being registered; try again in a moment.' });
  }

  app.get(
    '/api/v1/public/challenge',
    {
      schema: {
        tags: ['public'],
        summary: 'Proof-of-work challenge for submissions (when switched on)',
        description:
          'When `enabled`, find a decimal `nonce` such that SHA-256 of the UTF-8 string `${token}:${nonce}` has at least `difficulty` leading zero bits (try 0, 1, 2, …), then send `challenge: { token, nonce }` with `POST /api/v1/public/opinions`. Each token is accepted once and expires after 10 minutes.',
        response: { 200: z.object({ enabled: z.boolean(), token: z.string().optional(), difficulty: z.number().int().optional() }) },
      },
    },
    async () => ctx.challenge.issue(),
  );

  app.get(
    '/api/v1/public/appeal-kinds',
    {
      schema: {
        tags: ['public'],
        summary: 'Appeal kinds',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })) }) },
      },
    },
    async () => ({ items: (await ctx.repos.appealKinds.list()).filter((k) => k.active).map((k) => ({ code: k.code, name: k.name, nameEn: k.nameEn })) }),
  );

  app.post(
    '/api/v1/public/opinions',
    {
      schema: {
        tags: ['public'],
        summary: 'Submit an opinion',
        description:
          'Send an `Idempotency-Key` header (any unique string ≤ 100 characters, made once per form) so that a retried submission returns the first answer instead of creating a second case. When the challenge is on, include `challenge` (see GET /api/v1/public/challenge). Limits: per address and per phone number (429 with Retry-After). `attachmentIds` may name only files uploaded with this client\'s upload session (the `lx_upload` cookie of POST /api/v1/public/attachments); anything else — unknown, someone else\'s, already used — is 422 REFERENCE_INVALID. `similar` lists up to 3 open opinions like this one ("a similar opinion is already being handled") whose reporters agreed to publication: title (personal data masked) and status only, never their tracking codes.',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(100).optional() }).passthrough(),
        body: OpinionSubmitSchema,
        response: { 201: OpinionReceiptSchema, 200: OpinionReceiptSchema },
      },
    },
    async (request, reply) => {
      const { challenge, via, ...input } = request.body;
      await ctx.rateLimiter.consume(`submit:ip:${request.ip}`, 20, 600);
      const key = request.headers['idempotency-key'];
      // `via` is part of what was sent: a retry under the same key must send the same.
      const requestHash = IntakeService.requestHash(via ? { ...input, via } : input);
      // With the challenge on, a retry must answer the first answer before its (used) solution is
      // checked. Otherwise the key is claimed together with the case, and a retry finds the claim there.
      const replayed = key && ctx.challenge.enabled ? await ctx.intake.replay(key, requestHash) : null;
      if (replayed) return reply.status(replayed.status).send(replayed.body);
      await ctx.challenge.verify(challenge);
      const phone = input.contact?.phone?.replace(/[\s-]/g, '');
      const phoneHash = phone ? ctx.cipher.hash(phone) : null;
      if (phoneHash) await ctx.rateLimiter.consume(`submit:phone:${phoneHash}`, 10, 86_400);
      const { status, body } = await ctx.intake.submitPublic(input, {
        channel: publicChannel(via),
        phoneHash,
        idempotencyKey: key,
        requestHash,
        uploader: uploadSession(request),
      });
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/v1/public/attachments',
    {
      schema: {
        tags: ['public'],
        summary: 'Upload a photo (JPEG, PNG, WebP) or a PDF for a submission',
        description:
          'multipart/form-data with one field `file`. The type is recognised from the content; image metadata (EXIF, GPS) is removed. The answer sets the HttpOnly cookie `lx_upload` (the upload session, path /api/v1/public, 2 days) unless the request brought one: a submission may name in `attachmentIds` only files uploaded with the same cookie (422 REFERENCE_INVALID otherwise). Browsers send it by themselves; other clients keep and return it.',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), mime: z.string(), size: z.number(), width: z.number().nullable(), height: z.number().nullable() }) },
      },
    },
    async (request, reply) => {
      await ctx.rateLimiter.consume(`upload:ip:${request.ip}`, 60, 600);
      const upload = await readUpload(request);
      const session = ensureUploadSession(ctx, request, reply);
      const record = await ctx.attachments.upload({ ...upload, uploaderKind: 'citizen', uploaderId: session.id });
      return reply.status(201).send({ id: record.id, mime: record.mime, size: record.size, width: record.width, height: record.height });
    },
  );

  app.get(
    '/api/v1/public/opinions/:trackingCode',
    {
      schema: {
        tags: ['public'],
        summary: 'Status and timeline of an opinion',
        description:
          "`verify` is the last 4 digits of the phone given, or the secret returned at submission. Unknown codes and wrong verify codes both answer 404; repeated failures answer 429 (per address: 20 an hour; per code from one address: 10 an hour, exact under concurrency; once a code has had 50 failures in the hour, an address that already failed on it gets no more tries, while another address — the owner's phone — still may).",
        params: TrackParams,
        querystring: VerifyQuery,
        response: { 200: OpinionViewSchema },
      },
    },
    async (request) => {
      const found = await verifiedOpinion(request.params.trackingCode, request.query.verify, request.ip);
      const lang = languageOf(request.headers['accept-language']);
      if ('waiting' in found) return presentWaitingOpinion(ctx, found.waiting, lang);
      const detail = await ctx.cases.detail({ kind: 'citizen', caseId: found.record.id }, found.record);
      return presentOpinion(ctx, found.record, lang, detail.allowedActions.includes('rate'));
    },
  );

  app.get(
    '/api/v1/public/opinions/:trackingCode/attachments/:id',
    {
      schema: { tags: ['public'], summary: 'A file of the opinion (for its reporter)', params: TrackParams.extend({ id: IdSchema }), querystring: VerifyQuery },
    },
    async (request, reply) => {
      const found = await verifiedOpinion(request.params.trackingCode, request.query.verify, request.ip);
      const attachment = await ctx.repos.attachments.find(request.params.id);
      const belongs = 'record' in found ? attachment?.caseId === found.record.id : found.waiting.attachmentIds.includes(request.params.id);
      if (!attachment || !belongs) throw new AppError('RESOURCE_NOT_FOUND');
      return sendAttachment(ctx, reply, attachment);
    },
  );

  app.post(
    '/api/v1/public/opinions/:trackingCode/rating',
    {
      schema: {
        tags: ['public'],
        summary: 'Rate the reply: 满意 / 基本满意 / 不满意',
        description: '不满意 sends the case back to its handler once; a second 不满意 escalates it to supervision.',
        params: TrackParams,
        body: RatingSchema,
        response: { 200: OpinionViewSchema },
      },
    },
    async (request) => {
      const record = await verifiedCase(request.params.trackingCode, request.body.verify, request.ip);
      const action = { type: 'rate' as const, rating: request.body.rating, ...(request.body.comment ? { comment: request.body.comment } : {}) };
      const updated = await ctx.cases.act({ kind: 'citizen', caseId: record.id }, record, action, record.version, null).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'PERMISSION_DENIED')
          throw new AppError('CASE_INVALID_TRANSITION', { message: 'This opinion cannot be rated now.' });
        throw error;
      });
      return presentOpinion(ctx, updated, languageOf(request.headers['accept-language']), false);
    },
  );

  app.get(
    '/api/v1/public/qr.svg',
    {
      schema: {
        tags: ['public'],
        summary: 'QR code (SVG) of a page of the citizen site',
        querystring: z.object({ path: z.string().regex(/^\/m\/[A-Za-z0-9/_?=&%.-]{0,300}$/, 'must be a path under /m/') }).strict(),
      },
    },
    async (request, reply) => {
      const base = ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
      const svg = await QRCode.toString(`${base}${request.query.path}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
    },
  );
};
