/**
 * Livelihood-project voting rounds: candidates, public comments, progress reports, the
 * fixed electorate, and the secret ballot. Who voted (`vote_participations`) and what was
 * voted (`vote_ballots`) live in separate tables with nothing in common but the round:
 * no voter id and no time on a ballot, ballot ids are their own hashes, and ballots are
 * always read in hash order, so the application cannot link a ballot to a voter.
 */
import { AppError } from '@lianxin/core';
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { VoteCandidatesTable, VoteRoundsTable } from '../schema-proposals';
import { fromBool, guardWrite, isUniqueViolation, parseJson, toBool } from '../sql-helpers';
import { required } from './versioned';

/** A voting round. */
export interface VoteRoundRecord {
  id: string;
  year: number;
  title: string;
  description: string | null;
  phase: string;
  version: number;
  choose: number;
  majorityRequired: boolean;
  commentFrom: string | null;
  commentTo: string | null;
  selectionResult: unknown;
  selectionDigest: string | null;
  satisfactionResult: unknown;
  satisfactionDigest: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A candidate project. */
export interface VoteCandidateRecord {
  id: string;
  roundId: string;
  title: string;
  description: string;
  source: string;
  proposer: string | null;
  departmentId: string | null;
  budget: number | null;
  status: string;
  chosen: boolean;
  progress: number;
  createdAt: string;
  updatedAt: string;
}

/** A public comment on a candidate. */
export interface VoteCommentRecord {
  id: string;
  candidateId: string;
  stance: string;
  content: string;
  hidden: boolean;
  createdAt: string;
}

/** A progress report on a chosen project. */
export interface VoteProgressRecord {
  id: string;
  candidateId: string;
  progress: number;
  content: string;
  reportedBy: string | null;
  reportedAt: string;
}

/** A stored ballot (published as is). */
export interface StoredBallot {
  hash: string;
  roundId: string;
  phase: string;
  choices: unknown;
  nonce: string;
}

function toRound(r: Selectable<VoteRoundsTable>): VoteRoundRecord {
  return {
    id: r.id,
    year: Number(r.year),
    title: r.title,
    description: r.description,
    phase: r.phase,
    version: Number(r.version),
    choose: Number(r.choose),
    majorityRequired: toBool(r.majority_required),
    commentFrom: r.comment_from,
    commentTo: r.comment_to,
    selectionResult: parseJson<unknown>(r.selection_result, null),
    selectionDigest: r.selection_digest,
    satisfactionResult: parseJson<unknown>(r.satisfaction_result, null),
    satisfactionDigest: r.satisfaction_digest,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toCandidate(r: Selectable<VoteCandidatesTable>): VoteCandidateRecord {
  return {
    id: r.id,
    roundId: r.round_id,
    title: r.title,
    description: r.description,
    source: r.source,
    proposer: r.proposer,
    departmentId: r.department_id,
    budget: r.budget === null ? null : Number(r.budget),
    status: r.status,
    chosen: toBool(r.chosen),
    progress: Number(r.progress),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Reads and writes voting rounds. */
export class VotingRepository {
  constructor(private readonly db: DB) {}

  /** Creates a round. */
  async createRound(
    r: Omit<VoteRoundRecord, 'version' | 'selectionResult' | 'selectionDigest' | 'satisfactionResult' | 'satisfactionDigest' | 'updatedAt'>,
  ): Promise<VoteRoundRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('vote_rounds')
          .values({
            id: r.id,
            year: r.year,
            title: r.title,
            description: r.description,
            phase: r.phase,
            choose: r.choose,
            majority_required: fromBool(r.majorityRequired),
            comment_from: r.commentFrom,
            comment_to: r.commentTo,
            created_by: r.createdBy,
            created_at: r.createdAt,
            updated_at: r.createdAt,
          })
          .execute(),
      'Voting round',
    );
    return this.getRound(r.id);
  }

  /** One round, or undefined. */
  async findRound(id: string): Promise<VoteRoundRecord | undefined> {
    const row = await this.db.selectFrom('vote_rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  /** One round, or 404. */
  async getRound(id: string): Promise<VoteRoundRecord> {
    return required(await this.findRound(id), 'Voting round');
  }

  /** Rounds, newest year first. */
  async listRounds(options: { phases?: string[] } = {}): Promise<VoteRoundRecord[]> {
    let q = this.db.selectFrom('vote_rounds').selectAll();
    if (options.phases?.length) q = q.where('phase', 'in', options.phases);
    return (await q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute()).map(toRound);
  }

  /** Version-guarded change of a round (phase, windows, results). */
  async updateRound(
    id: string,
    expectedVersion: number,
    changes: Partial<
      Pick<
        VoteRoundRecord,
        | 'phase'
        | 'title'
        | 'description'
        | 'choose'
        | 'majorityRequired'
        | 'commentFrom'
        | 'commentTo'
        | 'selectionResult'
        | 'selectionDigest'
        | 'satisfactionResult'
        | 'satisfactionDigest'
      >
    >,
    now: string,
  ): Promise<VoteRoundRecord> {
    const set: Record<string, unknown> = {};
    if (changes.phase !== undefined) set.phase = changes.phase;
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.choose !== undefined) set.choose = changes.choose;
    if (changes.majorityRequired !== undefined) set.majority_required = fromBool(changes.majorityRequired);
    if (changes.commentFrom !== undefined) set.comment_from = changes.commentFrom;
    if (changes.commentTo !== undefined) set.comment_to = changes.commentTo;
    if (changes.selectionResult !== undefined) set.selection_result = JSON.stringify(changes.selectionResult);
    if (changes.selectionDigest !== undefined) set.selection_digest = changes.selectionDigest;
    if (changes.satisfactionResult !== undefined) set.satisfaction_result = JSON.stringify(changes.satisfactionResult);
    if (changes.satisfactionDigest !== undefined) set.satisfaction_digest = changes.satisfactionDigest;
    const result = await this.db
      .updateTable('vote_rounds')
      .set((eb) => ({ ...set, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      await this.getRound(id);
      throw new AppError('VERSION_CONFLICT');
    }
    return this.getRound(id);
  }

  /** Adds a candidate. */
  async addCandidate(c: Omit<VoteCandidateRecord, 'chosen' | 'progress' | 'updatedAt'>): Promise<VoteCandidateRecord> {
    await guardWrite(
      () =>
        this.db
          .insertInto('vote_candidates')
          .values({
            id: c.id,
            round_id: c.roundId,
            title: c.title,
            description: c.description,
            source: c.source,
            proposer: c.proposer,
            department_id: c.departmentId,
            budget: c.budget,
            status: c.status,
            created_at: c.createdAt,
            updated_at: c.createdAt,
          })
          .execute(),
      'Candidate',
    );
    return required(await this.findCandidate(c.id), 'Candidate');
  }

  /** One candidate, or undefined. */
  async findCandidate(id: string): Promise<VoteCandidateRecord | undefined> {
    const row = await this.db.selectFrom('vote_candidates').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCandidate(row) : undefined;
  }

  /** Candidates of a round in the order they came in. */
  async candidates(roundId: string, statuses?: string[]): Promise<VoteCandidateRecord[]> {
    let q = this.db.selectFrom('vote_candidates').selectAll().where('round_id', '=', roundId);
    if (statuses?.length) q = q.where('status', 'in', statuses);
    return (await q.orderBy('created_at').orderBy('id').execute()).map(toCandidate);
  }

  /** Changes a candidate's status, chosen flag or progress. */
  async updateCandidate(id: string, changes: Partial<Pick<VoteCandidateRecord, 'status' | 'chosen' | 'progress'>>, now: string): Promise<void> {
    await this.db
      .updateTable('vote_candidates')
      .set({
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.chosen !== undefined ? { chosen: fromBool(changes.chosen) } : {}),
        ...(changes.progress !== undefined ? { progress: changes.progress } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Adds a public comment. */
  async addComment(c: Omit<VoteCommentRecord, 'hidden'>): Promise<void> {
    await this.db
      .insertInto('vote_comments')
      .values({ id: c.id, candidate_id: c.candidateId, stance: c.stance, content: c.content, created_at: c.createdAt })
      .execute();
  }

  /** Comments on a round's candidates, newest first. */
  async comments(roundId: string, options: { includeHidden?: boolean } = {}): Promise<VoteCommentRecord[]> {
    let q = this.db
      .selectFrom('vote_comments')
      .innerJoin('vote_candidates', 'vote_candidates.id', 'vote_comments.candidate_id')
      .selectAll('vote_comments')
      .where('vote_candidates.round_id', '=', roundId);
    if (!options.includeHidden) q = q.where('vote_comments.hidden', '=', 0);
    const rows = await q.orderBy('vote_comments.created_at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      candidateId: r.candidate_id,
      stance: r.stance,
      content: r.content,
      hidden: toBool(r.hidden),
      createdAt: r.created_at,
    }));
  }

  /** Hides (or shows again) a comment. */
  async setCommentHidden(id: string, hidden: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('vote_comments')
      .set({ hidden: fromBool(hidden) })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Adds a progress report. */
  async addProgress(p: VoteProgressRecord): Promise<void> {
    await this.db
      .insertInto('vote_progress')
      .values({ id: p.id, candidate_id: p.candidateId, progress: p.progress, content: p.content, reported_by: p.reportedBy, reported_at: p.reportedAt })
      .execute();
  }

  /** Progress reports of a round's projects, newest first. */
  async progress(roundId: string): Promise<VoteProgressRecord[]> {
    const rows = await this.db
      .selectFrom('vote_progress')
      .innerJoin('vote_candidates', 'vote_candidates.id', 'vote_progress.candidate_id')
      .selectAll('vote_progress')
      .where('vote_candidates.round_id', '=', roundId)
      .orderBy('vote_progress.reported_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      candidateId: r.candidate_id,
      progress: Number(r.progress),
      content: r.content,
      reportedBy: r.reported_by,
      reportedAt: r.reported_at,
    }));
  }

  /** Fixes the electorate of a round (replacing any earlier list). */
  async setElectorate(roundId: string, deputyIds: string[]): Promise<void> {
    await this.db.deleteFrom('vote_electors').where('round_id', '=', roundId).execute();
    if (deputyIds.length)
      await this.db
        .insertInto('vote_electors')
        .values(deputyIds.map((deputy_id) => ({ round_id: roundId, deputy_id })))
        .execute();
  }

  /** The electorate's deputy ids. */
  async electorate(roundId: string): Promise<string[]> {
    return (await this.db.selectFrom('vote_electors').select('deputy_id').where('round_id', '=', roundId).orderBy('deputy_id').execute()).map(
      (r) => r.deputy_id,
    );
  }

  /** Whether a deputy is on the electorate. */
  async isElector(roundId: string, deputyId: string): Promise<boolean> {
    return !!(await this.db
      .selectFrom('vote_electors')
      .select('deputy_id')
      .where('round_id', '=', roundId)
      .where('deputy_id', '=', deputyId)
      .executeTakeFirst());
  }

  /**
   * Records that `deputyId` voted and stores the ballot, without anything linking the two.
   * Call inside a transaction: a second vote fails on the participation key (VOTE_ALREADY_CAST)
   * and the ballot is not stored.
   */
  async cast(roundId: string, phase: string, deputyId: string, ballot: StoredBallot): Promise<void> {
    try {
      await this.db.insertInto('vote_participations').values({ round_id: roundId, phase, deputy_id: deputyId }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('VOTE_ALREADY_CAST');
      throw error;
    }
    await guardWrite(
      () =>
        this.db
          .insertInto('vote_ballots')
          .values({ hash: ballot.hash, round_id: roundId, phase, choices: JSON.stringify(ballot.choices), nonce: ballot.nonce })
          .execute(),
      'Ballot',
    );
  }

  /** Whether a deputy has voted in a phase. */
  async hasVoted(roundId: string, phase: string, deputyId: string): Promise<boolean> {
    return !!(await this.db
      .selectFrom('vote_participations')
      .select('deputy_id')
      .where('round_id', '=', roundId)
      .where('phase', '=', phase)
      .where('deputy_id', '=', deputyId)
      .executeTakeFirst());
  }

  /** Deputies who voted in a phase (sorted by id, never in voting order). */
  async participants(roundId: string, phase: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('vote_participations')
      .select('deputy_id')
      .where('round_id', '=', roundId)
      .where('phase', '=', phase)
      .orderBy('deputy_id')
      .execute();
    return rows.map((r) => r.deputy_id);
  }

  /** The ballots of a phase in hash order (the order carries no information). */
  async ballots(roundId: string, phase: string): Promise<StoredBallot[]> {
    const rows = await this.db.selectFrom('vote_ballots').selectAll().where('round_id', '=', roundId).where('phase', '=', phase).orderBy('hash').execute();
    return rows.map((r) => ({ hash: r.hash, roundId: r.round_id, phase: r.phase, choices: parseJson<unknown>(r.choices, null), nonce: r.nonce }));
  }
}
