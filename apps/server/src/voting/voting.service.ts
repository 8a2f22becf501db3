/**
 * Livelihood projects voted by deputies (民生实事项目票决, DESIGN §2.4): a yearly round
 * collects candidates from the public, deputies and departments, opens a public comment
 * period, lets a fixed electorate of deputies choose K of N by secret ballot, tracks the
 * chosen projects' progress and ends with a satisfaction vote.
 *
 * Secrecy: a cast records the participation (who voted) and adds the ballot (what was voted;
 * no voter, no time, a random nonce) to the phase's sealed pool — one encrypted blob rewritten
 * whole — in one transaction; the ballot's hash is the voter's receipt, shown once. Closing
 * the vote opens the pool and stores all its ballots at once in hash order (see
 * voting.repository.ts), so nothing stored orders or dates a ballot. Ballots are published
 * only after the vote closes, so partial counts never leak.
 */
import type { BallotAudit } from '@lianxin/contracts';
import { randomBytes } from 'node:crypto';
import {
  AppError,
  ballotDigest,
  ballotHash,
  CANDIDATE_SOURCES,
  nextVotingPhase,
  tallySatisfaction,
  tallySelection,
  validateSatisfaction,
  validateSelection,
  windowOpen,
  type Ballot,
  type CandidateSource,
  type SatisfactionChoices,
  type SelectionChoices,
  type VotingActionType,
  type VotingPhase,
} from '@lianxin/core';
import { inTransaction, type Repositories, type StoredBallot, type VoteCandidateRecord, type VoteRoundRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import type { BallotSeal } from '../platform/adapters/ballot-seal';
import { newId } from '../platform/adapters/ids';
import type { RequestActor } from '../auth/actor';

/** The round phase in which each ballot phase is cast. */
const CAST_IN: Record<Ballot['phase'], string> = { selection: 'voting', satisfaction: 'satisfaction' };

/** Phases after which the selection ballots are published. */
const SELECTION_PUBLISHED: readonly string[] = ['decided', 'satisfaction', 'finished'];

/** Whether the actor runs voting rounds (the people's congress office and admins). */
export function isVotingOffice(actor: RequestActor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('supervisor');
}

function office(actor: RequestActor): void {
  if (!isVotingOffice(actor)) throw new AppError('PERMISSION_DENIED');
}

function phaseError(message: string): AppError {
  return new AppError('VOTING_INVALID_TRANSITION', { message });
}

/** A published ballot. */
export type PublishedBallot = BallotAudit['ballots'][number];

/** Runs voting rounds. */
export class VotingService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>,
    private readonly seal: BallotSeal,
  ) {}

  /** Rounds, newest first. */
  async rounds(): Promise<VoteRoundRecord[]> {
    return this.deps.repos.voting.listRounds();
  }

  /** One round (404 when missing). */
  async round(id: string): Promise<VoteRoundRecord> {
    return this.deps.repos.voting.getRound(id);
  }

  /** Starts a round in the collecting phase. */
  async createRound(actor: RequestActor, input: { year: number; title: string; description?: string | undefined; choose: number; majorityRequired: boolean }) {
    office(actor);
    const id = newId();
    const at = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos) => {
      const round = await repos.voting.createRound({
        id,
        year: input.year,
        title: input.title,
        description: input.description ?? null,
        phase: 'collecting',
        choose: input.choose,
        majorityRequired: input.majorityRequired,
        commentFrom: null,
        commentTo: null,
        createdBy: actor.userId,
        createdAt: at,
      });
      await this.deps.audit.record(actor, { action: 'voting.round.create', entity: 'vote_round', entityId: id, summary: input.title }, repos);
      return round;
    });
  }

  /**
   * Adds a candidate while collecting. The office's entries are on the ballot at once;
   * deputies' and departments' wait for the office to accept them.
   */
  async addCandidate(
    actor: RequestActor,
    roundId: string,
    input: {
      title: string;
      description: string;
      source?: CandidateSource | undefined;
      proposer?: string | undefined;
      departmentId?: string | null | undefined;
      budget?: number | null | undefined;
    },
  ): Promise<VoteCandidateRecord> {
    const round = await this.round(roundId);
    if (round.phase !== 'collecting') throw phaseError('Candidates are collected only before the comment period.');
    const { repos } = this.deps;
    let source: CandidateSource;
    let proposer = input.proposer ?? null;
    let departmentId = input.departmentId ?? null;
    let status = 'proposed';
    if (isVotingOffice(actor) || actor.roles.includes('staff')) {
      source = input.source ?? 'department';
      status = isVotingOffice(actor) ? 'accepted' : 'proposed';
    } else if (actor.roles.includes('deputy') && actor.scope.deputyId) {
      source = 'deputy';
      proposer = (await repos.deputies.find(actor.scope.deputyId))?.name ?? proposer;
    } else if (actor.roles.includes('department') && actor.scope.departmentId) {
      source = 'department';
      departmentId = actor.scope.departmentId;
      proposer = (await repos.departments.find(departmentId))?.name ?? proposer;
    } else throw new AppError('PERMISSION_DENIED');
    if (!CANDIDATE_SOURCES.includes(source)) throw new AppError('VALIDATION_FAILED', { details: [{ path: 'source', code: 'invalid_enum_value' }] });
    if (departmentId && !(await repos.departments.find(departmentId))?.active)
      throw new AppError('REFERENCE_INVALID', { details: [{ path: 'departmentId', code: 'not_found' }] });
    const at = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (trx) => {
      const c = await trx.voting.addCandidate({
        id: newId(),
        roundId,
        title: input.title,
        description: input.description,
        source,
        proposer,
        departmentId,
        budget: input.budget ?? null,
        status,
        createdAt: at,
      });
      await this.deps.audit.record(actor, { action: 'voting.candidate.add', entity: 'vote_candidate', entityId: c.id, summary: c.title }, trx);
      return c;
    });
  }

  /** A citizen proposes a project (it waits for the office). */
  async addPublicCandidate(roundId: string, input: { title: string; description: string; proposer?: string | undefined }): Promise<{ id: string }> {
    const round = await this.round(roundId);
    if (round.phase !== 'collecting') throw phaseError('Candidates are collected only before the comment period.');
    const c = await this.deps.repos.voting.addCandidate({
      id: newId(),
      roundId,
      title: input.title,
      description: input.description,
      source: 'public',
      proposer: input.proposer ?? null,
      departmentId: null,
      budget: null,
      status: 'proposed',
      createdAt: this.deps.clock.now().toISOString(),
    });
    return { id: c.id };
  }

  /** The office accepts a proposed candidate onto the ballot, or rejects it. */
  async reviewCandidate(actor: RequestActor, candidateId: string, decision: 'accepted' | 'rejected'): Promise<VoteCandidateRecord> {
    office(actor);
    const c = await this.candidate(candidateId);
    const round = await this.round(c.roundId);
    if (round.phase !== 'collecting') throw phaseError('The ballot is fixed once the comment period opens.');
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.voting.updateCandidate(candidateId, { status: decision }, this.deps.clock.now().toISOString());
      await this.deps.audit.record(actor, { action: `voting.candidate.${decision}`, entity: 'vote_candidate', entityId: candidateId, summary: c.title }, trx);
    });
    return this.candidate(candidateId);
  }

  /** One candidate (404 when missing). */
  async candidate(id: string): Promise<VoteCandidateRecord> {
    const c = await this.deps.repos.voting.findCandidate(id);
    if (!c) throw new AppError('RESOURCE_NOT_FOUND', { message: 'Candidate not found.' });
    return c;
  }

  /** A citizen's comment on a candidate during the public comment period. */
  async comment(candidateId: string, input: { stance: string; content: string }): Promise<void> {
    const c = await this.candidate(candidateId);
    const round = await this.round(c.roundId);
    const now = this.deps.clock.now();
    if (round.phase !== 'commenting' || c.status !== 'accepted' || !windowOpen({ from: round.commentFrom, to: round.commentTo }, now))
      throw phaseError('Comments are taken only during the public comment period.');
    await this.deps.repos.voting.addComment({ id: newId(), candidateId, stance: input.stance, content: input.content, createdAt: now.toISOString() });
  }

  /** The office hides an abusive comment (or shows it again); audited. */
  async setCommentHidden(actor: RequestActor, commentId: string, hidden: boolean): Promise<void> {
    office(actor);
    await inTransaction(this.deps.storage.db, async (trx) => {
      if (!(await trx.voting.setCommentHidden(commentId, hidden))) throw new AppError('RESOURCE_NOT_FOUND');
      await this.deps.audit.record(actor, { action: hidden ? 'voting.comment.hide' : 'voting.comment.show', entity: 'vote_comment', entityId: commentId }, trx);
    });
  }

  /** Moves the round to its next phase; voting fixes the electorate, closing counts. */
  async act(
    actor: RequestActor,
    roundId: string,
    action: VotingActionType,
    body: { expectedVersion: number; commentFrom?: string | undefined; commentTo?: string | undefined; electorate?: string[] | undefined },
  ): Promise<VoteRoundRecord> {
    office(actor);
    const { repos, clock } = this.deps;
    const round = await this.round(roundId);
    if (round.version !== body.expectedVersion) throw new AppError('VERSION_CONFLICT');
    const accepted = await repos.voting.candidates(roundId, ['accepted']);
    let electorate: string[] = await repos.voting.electorate(roundId);
    if (action === 'open_voting') {
      electorate = body.electorate ? [...new Set(body.electorate)] : await this.activeDeputyIds();
      for (const id of electorate) {
        if (!(await repos.deputies.find(id))?.active)
          throw new AppError('REFERENCE_INVALID', { details: [{ path: 'electorate', code: 'not_found', message: id }] });
      }
    }
    const phase = nextVotingPhase(
      {
        id: round.id,
        phase: round.phase as VotingPhase,
        version: round.version,
        choose: round.choose,
        candidateCount: accepted.length,
        electorateSize: electorate.length,
      },
      action,
    );
    const now = clock.now().toISOString();
    if (action === 'open_comments' && body.commentFrom && body.commentTo && body.commentTo <= body.commentFrom)
      throw new AppError('VALIDATION_FAILED', { details: [{ path: 'commentTo', code: 'too_small', message: 'the comment period must end after it starts' }] });
    const updated = await inTransaction(this.deps.storage.db, async (trx) => {
      const changes: Parameters<typeof trx.voting.updateRound>[2] = { phase };
      if (action === 'open_comments') {
        changes.commentFrom = body.commentFrom ?? now;
        changes.commentTo = body.commentTo ?? null;
        // Candidates nobody accepted do not go on the ballot.
        for (const c of await trx.voting.candidates(roundId, ['proposed'])) await trx.voting.updateCandidate(c.id, { status: 'rejected' }, now);
      }
      if (action === 'open_voting') {
        await trx.voting.setElectorate(roundId, electorate);
        changes.commentTo = round.commentTo && round.commentTo < now ? round.commentTo : now;
      }
      if (action === 'close_voting') {
        await this.releasePool(trx, roundId, 'selection');
        const ballots = await trx.voting.ballots(roundId, 'selection');
        const tally = tallySelection(
          ballots.map((b) => b.choices as SelectionChoices),
          accepted.map((c) => c.id),
          round.choose,
          electorate.length,
          round.majorityRequired,
        );
        changes.selectionResult = tally;
        changes.selectionDigest = ballotDigest(ballots.map((b) => b.hash));
        for (const c of accepted) await trx.voting.updateCandidate(c.id, { chosen: tally.chosen.includes(c.id) }, now);
      }
      if (action === 'close_satisfaction') {
        await this.releasePool(trx, roundId, 'satisfaction');
        const ballots = await trx.voting.ballots(roundId, 'satisfaction');
        const chosen = accepted.filter((c) => c.chosen).map((c) => c.id);
        changes.satisfactionResult = tallySatisfaction(
          ballots.map((b) => b.choices as SatisfactionChoices),
          chosen,
        );
        changes.satisfactionDigest = ballotDigest(ballots.map((b) => b.hash));
      }
      const next = await trx.voting.updateRound(roundId, round.version, changes, now);
      await this.deps.audit.record(
        actor,
        {
          action: `voting.${action}`,
          entity: 'vote_round',
          entityId: roundId,
          summary: `${round.phase} → ${phase}`,
          payload: action === 'open_voting' ? { electorate: electorate.length } : {},
        },
        trx,
      );
      return next;
    });
    if (action === 'close_voting' || action === 'close_satisfaction') await this.deps.repos.voting.compactPool().catch(() => undefined);
    return updated;
  }

  /**
   * At close: the sealed pool's ballots go to the ballot table in one batch, in hash order, and
   * the pool is deleted — in the closing transaction, after the casts still under way (they hold
   * the pool's lock) have committed.
   */
  private async releasePool(trx: Repositories, roundId: string, phase: Ballot['phase']): Promise<void> {
    const pending = this.seal.open(roundId, phase, await trx.voting.lockPool(roundId, phase));
    await trx.voting.storeBallots(pending);
    await trx.voting.dropPool(roundId, phase);
  }

  private async activeDeputyIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; page <= 100; page++) {
      const batch = await this.deps.repos.deputies.list({ page, pageSize: 500 });
      ids.push(...batch.items.map((d) => d.id));
      if (batch.items.length < 500) break;
    }
    return ids;
  }

  private voter(actor: RequestActor): string {
    if (!actor.roles.includes('deputy') || !actor.scope.deputyId) throw new AppError('VOTE_NOT_ELIGIBLE', { message: 'Only deputies vote.' });
    return actor.scope.deputyId;
  }

  /** A deputy's selection ballot; returns the receipt (the ballot's hash), shown once. */
  async castSelection(actor: RequestActor, roundId: string, selected: string[]): Promise<{ receipt: string }> {
    const deputyId = this.voter(actor);
    const round = await this.round(roundId);
    if (round.phase !== 'voting') throw phaseError('The vote is not open.');
    if (!(await this.deps.repos.voting.isElector(roundId, deputyId))) throw new AppError('VOTE_NOT_ELIGIBLE');
    const candidates = await this.deps.repos.voting.candidates(roundId, ['accepted']);
    const choices = validateSelection(
      selected,
      candidates.map((c) => c.id),
      round.choose,
    );
    return this.store(actor, deputyId, { roundId, phase: 'selection', choices, nonce: randomBytes(16).toString('hex') });
  }

  /** A deputy's year-end satisfaction ballot over the chosen projects. */
  async castSatisfaction(actor: RequestActor, roundId: string, ratings: Record<string, string>): Promise<{ receipt: string }> {
    const deputyId = this.voter(actor);
    const round = await this.round(roundId);
    if (round.phase !== 'satisfaction') throw phaseError('The satisfaction vote is not open.');
    if (!(await this.deps.repos.voting.isElector(roundId, deputyId))) throw new AppError('VOTE_NOT_ELIGIBLE');
    const projects = (await this.deps.repos.voting.candidates(roundId, ['accepted'])).filter((c) => c.chosen);
    const choices = validateSatisfaction(
      ratings,
      projects.map((p) => p.id),
    );
    return this.store(actor, deputyId, { roundId, phase: 'satisfaction', choices, nonce: randomBytes(16).toString('hex') });
  }

  private async store(actor: RequestActor, deputyId: string, ballot: Ballot): Promise<{ receipt: string }> {
    const hash = ballotHash(ballot);
    const { roundId, phase } = ballot;
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.voting.recordParticipation(roundId, phase, deputyId);
      const sealed = await trx.voting.lockPool(roundId, phase);
      // Checked again under the pool's lock: a close that committed meanwhile took the pool.
      if ((await trx.voting.getRound(roundId)).phase !== CAST_IN[phase]) throw phaseError('The vote is not open.');
      const pending = this.seal.open(roundId, phase, sealed);
      pending.push({ hash, roundId, phase, choices: ballot.choices, nonce: ballot.nonce });
      await trx.voting.writePool(roundId, phase, this.seal.seal(roundId, phase, pending));
      // The audit records that this deputy voted, never the receipt or the choices.
      await this.deps.audit.record(actor, { action: `voting.vote.${phase}`, entity: 'vote_round', entityId: roundId }, trx);
    });
    return { receipt: hash };
  }

  /** The ballots of a vote still open (sealed pool), for `lianxin audit verify`. */
  openPool(roundId: string, phase: string, sealed: string): StoredBallot[] {
    return this.seal.open(roundId, phase, sealed);
  }

  /** Where the caller stands in a round. */
  async myStatus(actor: RequestActor, roundId: string) {
    const deputyId = actor.roles.includes('deputy') ? actor.scope.deputyId : null;
    if (!deputyId) return { elector: false, votedSelection: false, votedSatisfaction: false };
    const { voting } = this.deps.repos;
    return {
      elector: await voting.isElector(roundId, deputyId),
      votedSelection: await voting.hasVoted(roundId, 'selection', deputyId),
      votedSatisfaction: await voting.hasVoted(roundId, 'satisfaction', deputyId),
    };
  }

  /**
   * The published ballots of a phase (after it closed) and a recount from them, with
   * whether it matches the count and digest fixed when the vote closed.
   */
  async audit(roundId: string, phase: 'selection' | 'satisfaction') {
    const round = await this.round(roundId);
    const published = phase === 'selection' ? SELECTION_PUBLISHED.includes(round.phase) : round.phase === 'finished';
    if (!published) throw phaseError('Ballots are published after the vote closes.');
    const { voting } = this.deps.repos;
    const ballots = await voting.ballots(roundId, phase);
    const electorate = await voting.electorate(roundId);
    const participants = await voting.participants(roundId, phase);
    const accepted = await voting.candidates(roundId, ['accepted']);
    const digest = ballotDigest(ballots.map((b) => b.hash));
    const hashesValid = ballots.every(
      (b) => ballotHash({ roundId: b.roundId, phase: b.phase as Ballot['phase'], choices: b.choices as Ballot['choices'], nonce: b.nonce }) === b.hash,
    );
    const recount =
      phase === 'selection'
        ? tallySelection(
            ballots.map((b) => b.choices as SelectionChoices),
            accepted.map((c) => c.id),
            round.choose,
            electorate.length,
            round.majorityRequired,
          )
        : tallySatisfaction(
            ballots.map((b) => b.choices as SatisfactionChoices),
            accepted.filter((c) => c.chosen).map((c) => c.id),
          );
    const stored = phase === 'selection' ? round.selectionResult : round.satisfactionResult;
    const storedDigest = phase === 'selection' ? round.selectionDigest : round.satisfactionDigest;
    return {
      phase,
      electorate: electorate.length,
      voted: participants.length,
      ballots: ballots.map((b: StoredBallot): PublishedBallot => ({ hash: b.hash, choices: b.choices as PublishedBallot['choices'], nonce: b.nonce })),
      digest,
      storedDigest,
      hashesValid,
      /** Every voter has exactly one ballot, every hash recomputes, and the recount equals the stored count. */
      reproducible: hashesValid && digest === storedDigest && participants.length === ballots.length && JSON.stringify(recount) === JSON.stringify(stored),
      recount,
    };
  }

  /** Deputies on the electorate and whether each voted (no ballots). */
  async turnout(actor: RequestActor, roundId: string) {
    office(actor);
    const { voting } = this.deps.repos;
    const electorate = await voting.electorate(roundId);
    const selection = new Set(await voting.participants(roundId, 'selection'));
    const satisfaction = new Set(await voting.participants(roundId, 'satisfaction'));
    const names = await Promise.all(electorate.map(async (id) => (await this.deps.repos.deputies.find(id))?.name ?? id));
    return electorate.map((id, i) => ({ deputyId: id, name: names[i], votedSelection: selection.has(id), votedSatisfaction: satisfaction.has(id) }));
  }

  /** Progress on a chosen project, by its department or the office. */
  async reportProgress(actor: RequestActor, candidateId: string, input: { progress: number; content: string }): Promise<void> {
    const c = await this.candidate(candidateId);
    const round = await this.round(c.roundId);
    const responsible = actor.roles.includes('department') && !!actor.scope.departmentId && actor.scope.departmentId === c.departmentId;
    if (!isVotingOffice(actor) && !responsible) throw new AppError('PERMISSION_DENIED');
    if (!c.chosen || !['decided', 'satisfaction'].includes(round.phase))
      throw phaseError('Progress is reported on chosen projects while they are carried out.');
    const at = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (trx) => {
      await trx.voting.addProgress({ id: newId(), candidateId, progress: input.progress, content: input.content, reportedBy: actor.userId, reportedAt: at });
      await trx.voting.updateCandidate(candidateId, { progress: input.progress }, at);
      await this.deps.audit.record(actor, { action: 'voting.progress', entity: 'vote_candidate', entityId: candidateId, summary: `${input.progress}%` }, trx);
    });
  }
}
