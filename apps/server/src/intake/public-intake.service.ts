/**
 * The citizen's rules (API.md "Public"), apart from HTTP: a submission answers a retried
 * idempotency key before the proof-of-work is checked and counts per phone number; a tracking
 * code opens the opinion only with its verify code, under the guessing limits (guess-guard.ts: a
 * stranger cannot lock the owner out); a rating the workflow refuses is an invalid transition.
 * The per-address limits of these endpoints are declared on the routes (route kit).
 */
import type { OpinionSubmitSchema, RatingSchema } from '@lianxin/contracts';
import { AppError, isAppError, normalizeTrackingCode } from '@lianxin/core';
import type { AttachmentOwner, AttachmentRecord, CaseRecord } from '@lianxin/storage';
import type { z } from 'zod';
import type { CaseService } from '../cases/case.service';
import type { ServiceDeps } from '../platform/deps';
import { countMalformed, guardGuess, type GuessLimits } from '../platform/guess-guard';
import type { RateLimiter } from '../platform/rate-limiter';
import type { ChallengeService } from './challenge.service';
import type { CheckedSubmission } from './intake-writer';
import { IntakeService, publicChannel, type OpinionReceiptBody } from './intake.service';

/** Failed verify attempts allowed per hour (see guess-guard.ts: a stranger cannot lock the owner out). */
export const TRACK_LIMITS: GuessLimits = { perAddress: 20, perCodeAndAddress: 10, perCodeCeiling: 50, windowSeconds: 3600 };
/** Submissions allowed per phone number a day. */
const SUBMISSIONS_PER_PHONE = { max: 10, windowSeconds: 86_400 };

/** An opinion found by its tracking code: an opened case, or a submission still in the intake inbox. */
export type VerifiedOpinion = { record: CaseRecord } | { waiting: CheckedSubmission };

/** What the citizen's side uses. */
export type PublicIntakeDeps = Pick<ServiceDeps, 'repos' | 'cipher'> & {
  intake: IntakeService;
  cases: CaseService;
  challenge: ChallengeService;
  rateLimiter: RateLimiter;
};

export class PublicIntakeService {
  constructor(private readonly deps: PublicIntakeDeps) {}

  /**
   * A citizen's submission under an optional idempotency key: with the challenge on, a retry
   * answers the first answer before its (used) solution is checked; otherwise the key is claimed
   * together with the case, and a retry finds the claim there.
   */
  async submit(
    body: z.output<typeof OpinionSubmitSchema>,
    options: { idempotencyKey: string | undefined; uploader: AttachmentOwner | null },
  ): Promise<{ status: 200 | 201; body: OpinionReceiptBody }> {
    const { intake, challenge, cipher, rateLimiter } = this.deps;
    const { challenge: solution, via, ...input } = body;
    const key = options.idempotencyKey;
    // `via` is part of what was sent: a retry under the same key must send the same.
    const requestHash = IntakeService.requestHash(via ? { ...input, via } : input);
    const replayed = key && challenge.enabled ? await intake.replay(key, requestHash) : null;
    if (replayed) return replayed;
    await challenge.verify(solution);
    const phone = input.contact?.phone?.replace(/[\s-]/g, '');
    const phoneHash = phone ? cipher.hash(phone) : null;
    if (phoneHash) await rateLimiter.consume(`submit:phone:${phoneHash}`, SUBMISSIONS_PER_PHONE.max, SUBMISSIONS_PER_PHONE.windowSeconds);
    return intake.submitPublic(input, { channel: publicChannel(via), phoneHash, idempotencyKey: key, requestHash, uploader: options.uploader });
  }

  /**
   * The opinion behind a code if `verify` proves the caller reported it — an opened case, or a
   * submission still waiting in the intake inbox; 404 otherwise (and counted against `ip`).
   */
  async opinion(rawCode: string, verify: string | undefined, ip: string): Promise<VerifiedOpinion> {
    const { intake, rateLimiter, repos } = this.deps;
    const code = normalizeTrackingCode(rawCode);
    if (!code) {
      // Malformed codes count as failures too, so guessing cannot skip the limit.
      await countMalformed(rateLimiter, 'track-fail', ip, TRACK_LIMITS);
      throw new AppError('TRACKING_CODE_INVALID');
    }
    const found = await guardGuess(rateLimiter, 'track-fail', code, ip, TRACK_LIMITS, async (): Promise<VerifiedOpinion | null> => {
      const record = await repos.cases.findByTrackingCode(code);
      const waiting = record ? null : await intake.waiting(code);
      const fields = record ?? waiting?.fields;
      if (!fields || !intake.verify(fields, verify)) return null;
      return record ? { record } : { waiting: waiting! };
    });
    // Unknown code and wrong verify look the same, so codes cannot be probed.
    if (!found) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No opinion with this tracking code and verify code.' });
    return found;
  }

  /** The opened case behind a code (a submission still in the inbox cannot be acted on yet). */
  async verifiedCase(rawCode: string, verify: string | undefined, ip: string): Promise<CaseRecord> {
    const found = await this.opinion(rawCode, verify, ip);
    if ('record' in found) return found.record;
    throw new AppError('CASE_INVALID_TRANSITION', { message: 'This opinion is still being registered; try again in a moment.' });
  }

  /** A file of the opinion, for its reporter (404 for a file of another opinion). */
  async attachment(rawCode: string, verify: string | undefined, ip: string, attachmentId: string): Promise<AttachmentRecord> {
    const found = await this.opinion(rawCode, verify, ip);
    const attachment = await this.deps.repos.attachments.find(attachmentId);
    const belongs = 'record' in found ? attachment?.caseId === found.record.id : found.waiting.attachmentIds.includes(attachmentId);
    if (!attachment || !belongs) throw new AppError('RESOURCE_NOT_FOUND');
    return attachment;
  }

  /** The reporter rates the reply; a rating the workflow does not allow now is an invalid transition. */
  async rate(rawCode: string, input: z.output<typeof RatingSchema>, ip: string): Promise<CaseRecord> {
    const record = await this.verifiedCase(rawCode, input.verify, ip);
    const action = { type: 'rate' as const, rating: input.rating, ...(input.comment ? { comment: input.comment } : {}) };
    return this.deps.cases.act({ kind: 'citizen', caseId: record.id }, record, action, record.version, null).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'PERMISSION_DENIED')
        throw new AppError('CASE_INVALID_TRANSITION', { message: 'This opinion cannot be rated now.' });
      throw error;
    });
  }
}
