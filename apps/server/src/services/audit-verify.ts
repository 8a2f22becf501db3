/**
 * `lianxin audit verify`: recomputes every case's event hash chain and checks that the
 * case row still points at the last event, naming the first broken event.
 */
import { verifyChain } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';
import { hashedFields } from './case-store';

/** The outcome of a full check. */
export type AuditVerification =
  | { ok: true; cases: number; events: number }
  | { ok: false; cases: number; events: number; caseId: string; trackingCode: string; eventId: string | null; reason: string };

/** Checks every case's chain, in pages. */
export async function verifyAuditChains(repos: Repositories): Promise<AuditVerification> {
  let cases = 0;
  let events = 0;
  for (let page = 1; ; page++) {
    const batch = await repos.cases.list({ all: true }, { page, pageSize: 200 });
    for (const record of batch.items) {
      cases++;
      const chain = await repos.cases.events(record.id);
      events += chain.length;
      const result = verifyChain(chain.map((e) => ({ ...hashedFields(e), prevHash: e.prevHash, hash: e.hash })));
      if (!result.ok)
        return {
          ok: false,
          cases,
          events,
          caseId: record.id,
          trackingCode: record.trackingCode,
          eventId: result.eventId,
          reason: `event ${result.brokenAt + 1} fails its ${result.reason} check`,
        };
      if (result.lastHash !== record.lastEventHash || chain.length !== record.eventCount) {
        return {
          ok: false,
          cases,
          events,
          caseId: record.id,
          trackingCode: record.trackingCode,
          eventId: chain.at(-1)?.id ?? null,
          reason: 'events are missing after the last one shown',
        };
      }
    }
    if (batch.items.length < 200) break;
  }
  return { ok: true, cases, events };
}
