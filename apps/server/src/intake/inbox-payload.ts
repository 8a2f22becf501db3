/**
 * The intake inbox's payload, versioned. A web instance stores each acknowledged submission as
 * one row holding a `CheckedSubmission` and the version of that shape (`payload_version`,
 * migration 0050). A worker opens only the versions listed in `INBOX_PAYLOAD_VERSIONS` and checks
 * each payload against its version's schema: a row of another version (a newer web instance
 * during a rolling upgrade) is left waiting for a worker that knows it — kept, counted in
 * /metrics as `lianxin_intake_inbox{state="unknown_version"}` and logged — and a row that does not
 * fit its version is set aside (`state="failed"`, with the reason), never crashed on.
 *
 * Changing `CheckedSubmission` in a way an older worker could not open means a new version here:
 * bump `INBOX_PAYLOAD_VERSION` (intake-writer.ts), add its schema here, and keep opening the older ones.
 */
import { z } from 'zod';
import { describeIssues } from '../platform/jobs/job-type';
import { INBOX_PAYLOAD_VERSION, type CheckedSubmission } from './intake-writer';

const text = z.string().min(1);

/** Version 1: `CheckedSubmission` as of migration 0050 (`uploader` absent in rows queued before 0020). */
const V1 = z.object({
  fields: z.looseObject({ id: text, trackingCode: text, createdAt: text, status: text, channel: text, kind: text }),
  actor: z.union([
    z.looseObject({ kind: z.literal('citizen'), caseId: text }),
    z.looseObject({ kind: z.literal('system'), name: text }),
    z.looseObject({ userId: text, roles: z.array(z.string()), scope: z.looseObject({}) }),
  ]),
  actorName: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  uploader: z.looseObject({ kind: z.string() }).nullable().optional(),
  secret: z.string().nullable(),
  hasPhone: z.boolean(),
  textFlags: z.array(z.string()),
  nowIso: text,
  receivedAt: z.string().nullable().optional(),
});

/** The schema of each version this code opens. */
const SCHEMAS: Readonly<Record<number, z.ZodType>> = { [INBOX_PAYLOAD_VERSION]: V1 };

/** The payload versions this code opens. */
export const INBOX_PAYLOAD_VERSIONS: readonly number[] = Object.keys(SCHEMAS).map(Number);

/** A stored payload read back: the submission, or why it cannot be opened. */
export type InboxPayload = { ok: true; submission: CheckedSubmission } | { ok: false; reason: string };

/** Checks a stored payload against the schema of its version. */
export function readInboxPayload(version: number, payload: unknown): InboxPayload {
  const schema = SCHEMAS[version];
  if (!schema) return { ok: false, reason: `unknown payload version ${version}` };
  const parsed = schema.safeParse(payload);
  // The payload as stored (the schema checks its shape; looser parts pass through untouched).
  return parsed.success ? { ok: true, submission: payload as CheckedSubmission } : { ok: false, reason: `payload invalid: ${describeIssues(parsed.error)}` };
}
