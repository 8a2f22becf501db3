/**
 * The citizen's side of an opinion (API.md "Public"): submit (with idempotency key,
 * rate limits and the optional proof-of-work challenge), upload photos, track with the
 * verify code, rate the reply, and a QR code of one's tracking link.
 */
import { IdSchema, OpinionReceiptSchema, OpinionSubmitSchema, OpinionViewSchema, RatingSchema } from '@lianxin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppContext } from '../context';
import { languageOf } from '../cases/case-labels';
import { presentOpinion, presentWaitingOpinion } from '../cases/case-presenters';
import { ensureUploadSession, uploadSession } from './upload-session';
import { readUpload, sendAttachment } from '../platform/uploads';
import { access } from '../platform/route-kit';

const TrackParams = z.object({ trackingCode: z.string().min(1).max(40) }).strict();
const VerifyQuery = z.object({ verify: z.string().max(40).optional() }).strict();

export const publicOpinionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/public/challenge',
    {
      config: access({ auth: 'public' }),
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
      config: access({ auth: 'public' }),
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
      config: access({ auth: 'public', limits: [{ name: 'submit', max: 20, windowSeconds: 600 }] }),
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
      const { status, body } = await ctx.publicIntake.submit(request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        uploader: uploadSession(request),
      });
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/v1/public/attachments',
    {
      config: access({ auth: 'public', limits: [{ name: 'upload', max: 60, windowSeconds: 600 }] }),
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
      const upload = await readUpload(request);
      const session = ensureUploadSession(ctx, request, reply);
      const record = await ctx.attachments.upload({ ...upload, uploaderKind: 'citizen', uploaderId: session.id });
      return reply.status(201).send({ id: record.id, mime: record.mime, size: record.size, width: record.width, height: record.height });
    },
  );

  app.get(
    '/api/v1/public/opinions/:trackingCode',
    {
      config: access({ auth: 'public' }),
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
      const found = await ctx.publicIntake.opinion(request.params.trackingCode, request.query.verify, request.ip);
      const lang = languageOf(request.headers['accept-language']);
      if ('waiting' in found) return presentWaitingOpinion(ctx, found.waiting, lang);
      const detail = await ctx.cases.detail({ kind: 'citizen', caseId: found.record.id }, found.record);
      return presentOpinion(ctx, found.record, lang, detail.allowedActions.includes('rate'));
    },
  );

  app.get(
    '/api/v1/public/opinions/:trackingCode/attachments/:id',
    {
      config: access({ auth: 'public' }),
      schema: { tags: ['public'], summary: 'A file of the opinion (for its reporter)', params: TrackParams.extend({ id: IdSchema }), querystring: VerifyQuery },
    },
    async (request, reply) => {
      const { trackingCode, id } = request.params;
      return sendAttachment(ctx, reply, await ctx.publicIntake.attachment(trackingCode, request.query.verify, request.ip, id));
    },
  );

  app.post(
    '/api/v1/public/opinions/:trackingCode/rating',
    {
      config: access({ auth: 'public' }),
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
      const updated = await ctx.publicIntake.rate(request.params.trackingCode, request.body, request.ip);
      return presentOpinion(ctx, updated, languageOf(request.headers['accept-language']), false);
    },
  );

  app.get(
    '/api/v1/public/qr.svg',
    {
      config: access({ auth: 'public' }),
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
