/**
 * Livelihood-project voting rounds: candidates, public comments, progress reports, the
 * fixed electorate, and the secret ballot. Who voted (`vote_participations`) and what was
 * voted never share anything the stored data could link them by:
 * - while a vote runs, its ballots are one sealed blob per round and phase
 *   (`vote_ballot_pool`, encrypted by the server, contents sorted by hash) that every cast
 *   rewrites whole — so no row, rowid, heap position or `xmin` belongs to one ballot;
 * - when the vote closes, the blob's ballots are written to `vote_ballots` in one statement,
 *   in hash order, and the blob is deleted: every ballot row carries the closing transaction's
 *   `xmin` and sits where its hash sorts (SQLite: WITHOUT ROWID tables, and freed pages zeroed
 *   with `secure_delete` so earlier versions of the blob do not linger in the file).
 * Ballots have no voter and no time, their ids are their own hashes, and they are always read
 * in hash order.
 */
import { AppError } from '@lianxin/core';
import { PostgresAdapter, sql, type Selectable } from 'kysely';
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

/** Ballots written per statement at close (well under SQLite's bound-variable limit). */
const BALLOT_BATCH = 200;

/** Reads and writes voting rounds. */
export class VotingRepository {
  private readonly postgres: boolean;

  constructor(private readonly db: DB) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

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
   * Records that `deputyId` voted in a phase. Call inside the transaction that also adds the
   * ballot to the sealed pool: a second vote fails on the key (VOTE_ALREADY_CAST) and nothing
   * of it is stored.
   */
  async recordParticipation(roundId: string, phase: string, deputyId: string): Promise<void> {
    try {
      await this.db.insertInto('vote_participations').values({ round_id: roundId, phase, deputy_id: deputyId }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('VOTE_ALREADY_CAST');
      throw error;
    }
  }

  /**
   * The sealed pending ballots of a phase ('' when none yet), locked until the transaction ends
   * (PostgreSQL: the row, created empty if missing; SQLite has one writer), so casts and the
   * close take their turns on it.
   */
  async lockPool(roundId: string, phase: string): Promise<string> {
    await this.db
      .insertInto('vote_ballot_pool')
      .values({ round_id: roundId, phase, sealed: '' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    let query = this.db.selectFrom('vote_ballot_pool').select('sealed').where('round_id', '=', roundId).where('phase', '=', phase);
    if (this.postgres) query = query.forUpdate();
    return (await query.executeTakeFirst())?.sealed ?? '';
  }

  /** Replaces the sealed pending ballots of a phase (after `lockPool` in the same transaction). */
  async writePool(roundId: string, phase: string, sealed: string): Promise<void> {
    await this.zeroingFreedSpace(() =>
      this.db.updateTable('vote_ballot_pool').set({ sealed }).where('round_id', '=', roundId).where('phase', '=', phase).execute(),
    );
  }

  /** Deletes the sealed pending ballots of a phase (at close, after `lockPool`). */
  async dropPool(roundId: string, phase: string): Promise<void> {
    await this.zeroingFreedSpace(() => this.db.deleteFrom('vote_ballot_pool').where('round_id', '=', roundId).where('phase', '=', phase).execute());
  }

  /** Rounds and phases with sealed pending ballots, for the audit check. */
  async pools(): Promise<Array<{ roundId: string; phase: string; sealed: string }>> {
    const rows = await this.db.selectFrom('vote_ballot_pool').selectAll().orderBy('round_id').orderBy('phase').execute();
    return rows.map((r) => ({ roundId: r.round_id, phase: r.phase, sealed: r.sealed }));
  }

  /**
   * Stores a closed vote's ballots: in hash order, in one statement per batch, so their rows
   * carry nothing of the order they were cast in.
   */
  async storeBallots(ballots: readonly StoredBallot[]): Promise<void> {
    const sorted = [...ballots].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    for (let i = 0; i < sorted.length; i += BALLOT_BATCH) {
      const batch = sorted.slice(i, i + BALLOT_BATCH);
      await guardWrite(
        () =>
          this.db
            .insertInto('vote_ballots')
            .values(batch.map((b) => ({ hash: b.hash, round_id: b.roundId, phase: b.phase, choices: JSON.stringify(b.choices), nonce: b.nonce })))
            .execute(),
        'Ballot',
      );
    }
  }

  /**
   * PostgreSQL keeps the blob's earlier versions as dead rows until vacuumed; clear them once a
   * vote has closed (outside any transaction; best effort, autovacuum would get there too).
   */
  async compactPool(): Promise<void> {
    if (this.postgres && !this.db.isTransaction) await sql`VACUUM vote_ballot_pool`.execute(this.db);
  }

  /** On SQLite, runs `write` with freed content overwritten by zeros (earlier blobs must not linger in the file). */
  private async zeroingFreedSpace<T>(write: () => Promise<T>): Promise<T> {
    if (this.postgres) return write();
    const before = Number(Object.values((await sql<Record<string, number>>`PRAGMA secure_delete`.execute(this.db)).rows[0] ?? {})[0] ?? 0);
    await sql`PRAGMA secure_delete = 1`.execute(this.db);
    try {
      return await write();
    } finally {
      await sql.raw(`PRAGMA secure_delete = ${before ? 1 : 0}`).execute(this.db);
    }
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
