/**
 * Livelihood-project voting (民生实事项目票决): rounds, candidates, comments, phases, the
 * secret ballot, published ballots with a recount, progress reports; and the public side
 * (rounds, candidates with comments, a citizen's candidate and comment, results).
 */
import {
  BallotAuditQuerySchema,
  BallotAuditSchema,
  BallotReceiptSchema,
  CandidateReviewSchema,
  CommentVisibilitySchema,
  IdParamsSchema,
  PublicCandidateCreatedSchema,
  PublicCandidateSchema,
  PublicCommentCreatedSchema,
  PublicVoteRoundViewSchema,
  RoundActionParamsSchema,
  RoundParamsSchema,
  TurnoutSchema,
  VoteCandidateSchema,
  VoteRoundListSchema,
  VoteRoundSchema,
  VoteRoundViewSchema,
  xlsxResponse,
  type PublicVoteRoundView,
  type VoteCandidate,
  type VoteRound,
  PublicCommentSchema,
  SatisfactionBallotSchema,
  SelectionBallotSchema,
  VoteCandidateCreateSchema,
  VoteProgressSchema,
  VoteRoundActionSchema,
  VoteRoundCreateSchema,
} from '@lianxin/contracts';
import { VOTING_PHASE_LABELS, type VotingPhase } from '@lianxin/core';
import { maskPii } from '@lianxin/text';
import type { VoteCandidateRecord, VoteRoundRecord } from '@lianxin/storage';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { languageOf, type Language } from '../cases/case-labels';
import { isVotingOffice } from './voting.service';
import { sendXlsx } from '../platform/sheet-export';
import { access } from '../platform/route-kit';

const PUBLIC_PHASES: readonly string[] = ['commenting', 'voting', 'decided', 'satisfaction', 'finished'];

function presentRound(r: VoteRoundRecord, lang: Language): VoteRound {
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    description: r.description,
    phase: r.phase,
    phaseLabel: VOTING_PHASE_LABELS[r.phase as VotingPhase]?.[lang] ?? r.phase,
    choose: r.choose,
    majorityRequired: r.majorityRequired,
    commentFrom: r.commentFrom,
    commentTo: r.commentTo,
    // Stored as JSON by the count at closing (core/voting/tally.ts).
    selectionResult: r.selectionResult as VoteRound['selectionResult'],
    selectionDigest: r.selectionDigest,
    satisfactionResult: r.satisfactionResult as VoteRound['satisfactionResult'],
    satisfactionDigest: r.satisfactionDigest,
    version: r.version,
    createdAt: r.createdAt,
  };
}

function presentCandidate(c: VoteCandidateRecord): VoteCandidate {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    source: c.source,
    proposer: c.proposer,
    departmentId: c.departmentId,
    budget: c.budget,
    status: c.status,
    chosen: c.chosen,
    progress: c.progress,
    createdAt: c.createdAt,
  };
}

export const votingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const RoundParams = RoundParamsSchema;

  async function roundBody(roundId: string, lang: Language, staff: boolean): Promise<PublicVoteRoundView> {
    const round = await ctx.voting.round(roundId);
    const candidates = await ctx.repos.voting.candidates(roundId);
    const comments = await ctx.repos.voting.comments(roundId, { includeHidden: staff });
    const progress = await ctx.repos.voting.progress(roundId);
    return {
      round: presentRound(round, lang),
      candidates: candidates
        .filter((c) => staff || c.status === 'accepted')
        .map((c) => ({
          ...presentCandidate(c),
          // Citizens propose candidates too: the public reads their texts with personal data masked.
          ...(staff ? {} : { title: maskPii(c.title), description: maskPii(c.description) }),
          comments: comments
            .filter((m) => m.candidateId === c.id)
            .map((m) => ({ id: m.id, stance: m.stance, content: staff ? m.content : maskPii(m.content), hidden: m.hidden, createdAt: m.createdAt })),
          progressReports: progress
            .filter((p) => p.candidateId === c.id)
            .map((p) => ({ progress: p.progress, content: staff ? p.content : maskPii(p.content), reportedAt: p.reportedAt })),
        })),
    };
  }

  app.get(
    '/api/v1/voting/rounds',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['voting'], summary: 'Voting rounds, newest first', response: { 200: VoteRoundListSchema } },
    },
    async (request) => {
      const lang = languageOf(request.headers['accept-language']);
      return { items: (await ctx.voting.rounds()).map((r) => presentRound(r, lang)) };
    },
  );

  app.post(
    '/api/v1/voting/rounds',
    {
      config: access({ auth: 'session' }),
      schema: { tags: ['voting'], summary: 'Start a yearly round (office)', body: VoteRoundCreateSchema, response: { 201: VoteRoundSchema } },
    },
    async (request, reply) => {
      const round = await ctx.voting.createRound(request.actor, request.body);
      return reply.status(201).send(presentRound(round, languageOf(request.headers['accept-language'])));
    },
  );

  app.get(
    '/api/v1/voting/rounds/:id',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'A round with its candidates, comments, progress and the caller’s voting status',
        params: RoundParams,
        response: { 200: VoteRoundViewSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      const staff = isVotingOffice(actor) || actor.roles.includes('staff');
      return {
        ...(await roundBody(request.params.id, languageOf(request.headers['accept-language']), staff)),
        me: await ctx.voting.myStatus(actor, request.params.id),
      };
    },
  );

  app.post(
    '/api/v1/voting/rounds/:id/candidates',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Propose a candidate project (office entries are on the ballot at once)',
        params: RoundParams,
        body: VoteCandidateCreateSchema,
        response: { 201: VoteCandidateSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentCandidate(await ctx.voting.addCandidate(request.actor, request.params.id, request.body))),
  );

  app.post(
    '/api/v1/voting/candidates/:id/review',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Accept a proposed candidate onto the ballot, or reject it (office)',
        params: IdParamsSchema,
        body: CandidateReviewSchema,
        response: { 200: VoteCandidateSchema },
      },
    },
    async (request) => presentCandidate(await ctx.voting.reviewCandidate(request.actor, request.params.id, request.body.decision)),
  );

  app.post(
    '/api/v1/voting/comments/:id/visibility',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Hide or show a public comment (office; audited)',
        params: IdParamsSchema,
        body: CommentVisibilitySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ctx.voting.setCommentHidden(request.actor, request.params.id, request.body.hidden);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/voting/rounds/:id/actions/:action',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Move the round on',
        description:
          '`open_comments` (optional `commentFrom`/`commentTo`), `open_voting` (optional `electorate`: deputy ids; default every active deputy; the list is fixed), `close_voting` (counts and fixes the digest of ballot hashes), `open_satisfaction`, `close_satisfaction`. 422 VOTING_INVALID_TRANSITION out of order.',
        params: RoundActionParamsSchema,
        body: VoteRoundActionSchema,
        response: { 200: VoteRoundSchema },
      },
    },
    async (request) =>
      presentRound(await ctx.voting.act(request.actor, request.params.id, request.params.action, request.body), languageOf(request.headers['accept-language'])),
  );

  app.post(
    '/api/v1/voting/rounds/:id/ballot',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Cast a secret ballot choosing up to K projects (deputies on the electorate, once)',
        description:
          'Returns `receipt`, the SHA-256 of the ballot, shown only now: find it among the published ballots after the vote closes. 409 VOTE_ALREADY_CAST on a second ballot; 403 VOTE_NOT_ELIGIBLE off the electorate; 400 VOTE_BALLOT_INVALID.',
        params: RoundParams,
        body: SelectionBallotSchema,
        response: { 201: BallotReceiptSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await ctx.voting.castSelection(request.actor, request.params.id, request.body.selected)),
  );

  app.post(
    '/api/v1/voting/rounds/:id/satisfaction-ballot',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Cast the year-end satisfaction ballot: 满意 / 基本满意 / 不满意 / 弃权 for each chosen project',
        params: RoundParams,
        body: SatisfactionBallotSchema,
        response: { 201: BallotReceiptSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await ctx.voting.castSatisfaction(request.actor, request.params.id, request.body.ratings)),
  );

  app.get(
    '/api/v1/voting/rounds/:id/turnout',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Who is on the electorate and who voted (never what)',
        params: RoundParams,
        response: { 200: TurnoutSchema },
      },
    },
    async (request) => ({ items: await ctx.voting.turnout(request.actor, request.params.id) }),
  );

  app.post(
    '/api/v1/voting/candidates/:id/progress',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Report progress on a chosen project (its department or the office)',
        params: IdParamsSchema,
        body: VoteProgressSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ctx.voting.reportProgress(request.actor, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/voting/rounds/:id/export.xlsx',
    {
      config: access({ auth: 'session' }),
      schema: {
        tags: ['voting'],
        summary: 'Candidates with votes and progress as XLSX (audited)',
        params: RoundParams,
        response: { 200: xlsxResponse('The candidates') },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const lang = languageOf(request.headers['accept-language']);
      const round = await ctx.voting.round(request.params.id);
      const candidates = await ctx.repos.voting.candidates(round.id);
      const votes = new Map(
        ((round.selectionResult as { results?: Array<{ candidateId: string; votes: number }> } | null)?.results ?? []).map((r) => [r.candidateId, r.votes]),
      );
      await ctx.audit.record(actor, { action: 'voting.export', entity: 'vote_round', entityId: round.id });
      const zh = lang === 'zh';
      return sendXlsx(
        reply,
        `${round.year}-${zh ? '民生实事候选项目' : 'candidates'}.xlsx`,
        zh ? '候选项目' : 'Candidates',
        [
          { header: zh ? '项目' : 'Project', value: (c: VoteCandidateRecord) => c.title, width: 40 },
          { header: zh ? '来源' : 'Source', value: (c) => c.source },
          { header: zh ? '提出者' : 'Proposer', value: (c) => c.proposer },
          { header: zh ? '状态' : 'Status', value: (c) => c.status },
          { header: zh ? '得票' : 'Votes', value: (c) => votes.get(c.id) ?? null, width: 8 },
          { header: zh ? '当选' : 'Chosen', value: (c) => (c.chosen ? (zh ? '是' : 'yes') : ''), width: 8 },
          { header: zh ? '进度%' : 'Progress %', value: (c) => c.progress, width: 8 },
        ],
        candidates,
      );
    },
  );

  // ---- audit and public side -------------------------------------------------------------

  app.get(
    '/api/v1/public/voting/rounds/:id/ballots',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Published ballots of a closed vote and a recount from them',
        description:
          'Each ballot: `hash` = SHA-256 of canonical JSON `{choices, nonce, phase, roundId}` (sorted keys). `reproducible` is true when every hash recomputes, the digest of the hashes equals the one fixed at closing, there is one ballot per voter, and the recount equals the stored result.',
        params: RoundParams,
        querystring: BallotAuditQuerySchema,
        response: { 200: BallotAuditSchema },
      },
    },
    async (request) => ctx.voting.audit(request.params.id, request.query.phase),
  );

  app.get(
    '/api/v1/public/voting/rounds',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'Voting rounds open to the public (comment period and later)',
        response: { 200: VoteRoundListSchema },
      },
    },
    async (request) => {
      const lang = languageOf(request.headers['accept-language']);
      const rounds = await ctx.voting.rounds();
      return { items: rounds.filter((r) => PUBLIC_PHASES.includes(r.phase) || r.phase === 'collecting').map((r) => presentRound(r, lang)) };
    },
  );

  app.get(
    '/api/v1/public/voting/rounds/:id',
    {
      config: access({ auth: 'public' }),
      schema: {
        tags: ['public'],
        summary: 'A round’s accepted candidates with public comments (personal data masked), results and progress',
        params: RoundParams,
        response: { 200: PublicVoteRoundViewSchema },
      },
    },
    async (request) => roundBody(request.params.id, languageOf(request.headers['accept-language']), false),
  );

  app.post(
    '/api/v1/public/voting/rounds/:id/candidates',
    {
      config: access({ auth: 'public', limits: [{ name: 'vote-candidate', max: 5, windowSeconds: 3600 }] }),
      schema: {
        tags: ['public'],
        summary: 'Propose a livelihood project (while candidates are collected)',
        params: RoundParams,
        body: PublicCandidateSchema,
        response: { 201: PublicCandidateCreatedSchema },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(await ctx.voting.addPublicCandidate(request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/public/voting/candidates/:id/comments',
    {
      config: access({ auth: 'public', limits: [{ name: 'vote-comment', max: 20, windowSeconds: 3600 }] }),
      schema: {
        tags: ['public'],
        summary: 'Comment on a candidate during the public comment period',
        params: IdParamsSchema,
        body: PublicCommentSchema,
        response: { 201: PublicCommentCreatedSchema },
      },
    },
    async (request, reply) => {
      await ctx.voting.comment(request.params.id, request.body);
      return reply.status(201).send({ ok: true });
    },
  );
};
