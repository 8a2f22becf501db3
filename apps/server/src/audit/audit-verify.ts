/**
 * `lianxin audit verify`: recomputes every hash chain the platform keeps — each case's and
 * each suggestion/motion's event chain (and checks the row still points at the last event),
 * the admin audit log's chain (against its head row) — and every stored ballot's hash, naming
 * the first broken record.
 */
import { ballotHash, GENESIS_HASH, verifyChain, type Ballot } from '@lianxin/core';
import type { Repositories, StoredBallot } from '@lianxin/storage';
import { hashedFields } from '../cases/case-store';
import { verifyProposalEvents } from '../proposals/proposal-store';

/** How much was checked. */
export interface AuditCounts {
  cases: number;
  events: number;
  proposals: number;
  proposalEvents: number;
  ballots: number;
  /** Entries of the admin audit log. */
  auditEntries: number;
}

/** Where the first break is: a case, a proposal (suggestion/motion), an audit log entry or a ballot. */
export interface AuditBreak {
  kind: 'case' | 'proposal' | 'audit' | 'ballot';
  /** Row id (case, proposal, audit entry or voting round). */
  id: string;
  /** What a person recognises: tracking code, proposal number or title, audit action and time, round title. */
  label: string;
  /** The broken event (or ballot hash), when one can be named. */
  eventId: string | null;
  reason: string;
}

/** The outcome of a full check. */
export type AuditVerification = ({ ok: true } & AuditCounts) | ({ ok: false } & AuditCounts & AuditBreak);

const PAGE = 200;

/** What the check may use beyond the database. */
export interface AuditVerifyOptions {
  /** Opens the sealed ballots of a vote still running (VotingService.openPool); without it they are not checked. */
  openPool?: (roundId: string, phase: string, sealed: string) => StoredBallot[];
}

/** Checks every chain; stops at the first break. */
export async function verifyAuditChains(repos: Repositories, options: AuditVerifyOptions = {}): Promise<AuditVerification> {
  const counts: AuditCounts = { cases: 0, events: 0, proposals: 0, proposalEvents: 0, ballots: 0, auditEntries: 0 };
  const broken =
    (await checkCases(repos, counts)) ??
    (await checkProposals(repos, counts)) ??
    (await checkAuditLog(repos, counts)) ??
    (await checkBallots(repos, counts, options));
  return broken ? { ok: false, ...counts, ...broken } : { ok: true, ...counts };
}

async function checkCases(repos: Repositories, counts: AuditCounts): Promise<AuditBreak | null> {
  for (let page = 1; ; page++) {
    const batch = await repos.cases.list({ all: true }, { page, pageSize: PAGE });
    for (const record of batch.items) {
      counts.cases++;
      const chain = await repos.cases.events(record.id);
      counts.events += chain.length;
      const result = verifyChain(chain.map((e) => ({ ...hashedFields(e), prevHash: e.prevHash, hash: e.hash })));
      const at = { kind: 'case' as const, id: record.id, label: record.trackingCode };
      if (!result.ok) return { ...at, eventId: result.eventId, reason: `event ${result.brokenAt + 1} fails its ${result.reason} check` };
      if (result.lastHash !== record.lastEventHash || chain.length !== record.eventCount)
        return { ...at, eventId: chain.at(-1)?.id ?? null, reason: 'events are missing after the last one shown' };
    }
    if (batch.items.length < PAGE) return null;
  }
}

async function checkProposals(repos: Repositories, counts: AuditCounts): Promise<AuditBreak | null> {
  for (const id of await repos.proposals.allIds()) {
    const record = await repos.proposals.find(id);
    if (!record) continue; // cannot happen: proposals are never deleted
    counts.proposals++;
    const chain = await repos.proposals.events(id);
    counts.proposalEvents += chain.length;
    const result = verifyProposalEvents(chain);
    const at = { kind: 'proposal' as const, id, label: record.number ?? record.title };
    if (!result.ok) return { ...at, eventId: result.eventId, reason: `event ${result.brokenAt + 1} fails its ${result.reason} check` };
    if (result.lastHash !== record.lastEventHash || chain.length !== record.eventCount)
      return { ...at, eventId: chain.at(-1)?.id ?? null, reason: 'events are missing after the last one shown' };
  }
  return null;
}

/**
 * The admin audit log, walked in chain order: a deleted entry breaks the link of the one after it
 * (and leaves a gap in `chain_index`), an edited one its own hash, a reordered one the links around
 * it; entries cut off the end no longer reach the head row's count and hash.
 */
async function checkAuditLog(repos: Repositories, counts: AuditCounts): Promise<AuditBreak | null> {
  const at = (e: { fields: { id: string; action: string; at: string } }) => ({
    kind: 'audit' as const,
    id: e.fields.id,
    label: `${e.fields.action} ${e.fields.at}`,
    eventId: e.fields.id,
  });
  let previous = GENESIS_HASH;
  let last: Awaited<ReturnType<typeof repos.audit.chainPage>>[number] | undefined;
  for (let index = 0; ;) {
    const page = await repos.audit.chainPage(index, PAGE);
    for (const [i, entry] of page.entries()) {
      if (entry.chainIndex !== index + i + 1) return { ...at(entry), reason: `audit entry ${index + i + 1} is missing before this one` };
    }
    const result = verifyChain(
      page.map((e) => ({ ...e.fields, prevHash: e.prevHash, hash: e.hash ?? '' })),
      previous,
    );
    if (!result.ok) return { ...at(page[result.brokenAt]), reason: `audit entry ${index + result.brokenAt + 1} fails its ${result.reason} check` };
    counts.auditEntries += page.length;
    index += page.length;
    previous = result.lastHash ?? previous;
    last = page.at(-1) ?? last;
    if (page.length < PAGE) break;
  }
  const head = await repos.audit.chainHead();
  const tail = {
    kind: 'audit' as const,
    id: last?.fields.id ?? 'audit_chain_head',
    label: last ? `${last.fields.action} ${last.fields.at}` : 'audit log',
    eventId: last?.fields.id ?? null,
  };
  if (!head) return { ...tail, reason: 'the audit chain head is missing' };
  if (head.entries !== counts.auditEntries || head.hash !== previous) return { ...tail, reason: 'audit entries are missing after the last one shown' };
  const loose = await repos.audit.firstUnchained();
  if (loose) return { ...at(loose), reason: 'an audit entry is outside the chain' };
  return null;
}

/**
 * Ballots are not chained but keyed by their own hash: a ballot edited by hand no longer matches
 * it. Each phase must hold as many ballots (stored, plus sealed while the vote runs) as deputies
 * who voted in it: a ballot removed or slipped in no longer adds up.
 */
async function checkBallots(repos: Repositories, counts: AuditCounts, options: AuditVerifyOptions): Promise<AuditBreak | null> {
  const pools = new Map((await repos.voting.pools()).map((p) => [`${p.roundId}:${p.phase}`, p.sealed]));
  for (const round of await repos.voting.listRounds()) {
    const at = { kind: 'ballot' as const, id: round.id, label: round.title };
    for (const phase of ['selection', 'satisfaction'] as const) {
      const ballots = await repos.voting.ballots(round.id, phase);
      const sealed = pools.get(`${round.id}:${phase}`);
      let pooled: StoredBallot[] | null = sealed === undefined ? [] : null;
      if (sealed !== undefined && options.openPool) {
        try {
          pooled = options.openPool(round.id, phase, sealed);
        } catch {
          return { ...at, eventId: null, reason: `the sealed ${phase} ballots of the running vote do not open (altered)` };
        }
      }
      for (const b of [...ballots, ...(pooled ?? [])]) {
        counts.ballots++;
        const hash = ballotHash({ roundId: b.roundId, phase: b.phase as Ballot['phase'], choices: b.choices as Ballot['choices'], nonce: b.nonce });
        if (hash !== b.hash) return { ...at, eventId: b.hash, reason: 'a ballot no longer matches its hash' };
      }
      const voters = (await repos.voting.participants(round.id, phase)).length;
      if (pooled && voters !== ballots.length + pooled.length)
        return { ...at, eventId: null, reason: `${voters} deputies voted in ${phase} but ${ballots.length + pooled.length} ballots are stored` };
    }
  }
  return null;
}
