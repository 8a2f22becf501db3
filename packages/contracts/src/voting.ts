/**
 * Livelihood-project voting (民生实事项目票决): rounds, candidates, comments, the secret
 * ballots, published ballots with their recount, progress, and the public side.
 */
import { CANDIDATE_SOURCES, SATISFACTION_CHOICES, VOTING_ACTIONS } from '@lianxin/core';
import { z } from 'zod';
import { IdSchema } from './common';

const version = { expectedVersion: z.number().int().min(1) };

/** Body of `POST /api/v1/voting/rounds`. */
export const VoteRoundCreateSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(4).max(200),
    description: z.string().trim().max(4000).optional(),
    choose: z.number().int().min(1).max(50),
    majorityRequired: z.boolean().default(true),
  })
  .strict();

/** Body of `POST /api/v1/voting/rounds/{id}/candidates` (staff, deputies, departments). */
export const VoteCandidateCreateSchema = z
  .object({
    title: z.string().trim().min(4).max(200),
    description: z.string().trim().min(4).max(4000),
    source: z.enum(CANDIDATE_SOURCES).optional(),
    proposer: z.string().trim().max(100).optional(),
    departmentId: IdSchema.nullable().optional(),
    budget: z.number().min(0).max(1e12).nullable().optional(),
  })
  .strict();

/** Body of `POST /api/v1/public/voting/rounds/{id}/candidates` (a citizen's proposal). */
export const PublicCandidateSchema = z
  .object({ title: z.string().trim().min(4).max(200), description: z.string().trim().min(10).max(2000), proposer: z.string().trim().max(50).optional() })
  .strict();

/** Body of `POST /api/v1/public/voting/candidates/{id}/comments`. */
export const PublicCommentSchema = z.object({ stance: z.enum(['support', 'oppose', 'neutral']), content: z.string().trim().min(2).max(1000) }).strict();

/** Body of `POST /api/v1/voting/rounds/{id}/actions/{action}`. */
export const VoteRoundActionSchema = z
  .object({
    ...version,
    /** open_comments: the public comment window. */
    commentFrom: z.iso.datetime({ offset: true }).optional(),
    commentTo: z.iso.datetime({ offset: true }).optional(),
    /** open_voting: the electorate (deputy ids); default all active deputies. */
    electorate: z.array(IdSchema).max(2000).optional(),
  })
  .strict();

/** Body of `POST /api/v1/voting/rounds/{id}/ballot`. */
export const SelectionBallotSchema = z.object({ selected: z.array(IdSchema).min(1).max(50) }).strict();

/** Body of `POST /api/v1/voting/rounds/{id}/satisfaction-ballot`. */
export const SatisfactionBallotSchema = z.object({ ratings: z.record(IdSchema, z.enum(SATISFACTION_CHOICES)) }).strict();

/** Body of `POST /api/v1/voting/candidates/{id}/progress`. */
export const VoteProgressSchema = z.object({ progress: z.number().int().min(0).max(100), content: z.string().trim().min(2).max(4000) }).strict();

/** Path of a round. */
export const RoundParamsSchema = z.object({ id: IdSchema }).strict();
/** Path of `POST /api/v1/voting/rounds/{id}/actions/{action}`. */
export const RoundActionParamsSchema = z.object({ id: IdSchema, action: z.enum(VOTING_ACTIONS) }).strict();
/** Body of `POST /api/v1/voting/candidates/{id}/review`. */
export const CandidateReviewSchema = z.object({ decision: z.enum(['accepted', 'rejected']) }).strict();
/** Body of `POST /api/v1/voting/comments/{id}/visibility`. */
export const CommentVisibilitySchema = z.object({ hidden: z.boolean() }).strict();
/** Query of `GET /api/v1/public/voting/rounds/{id}/ballots`. */
export const BallotAuditQuerySchema = z.object({ phase: z.enum(['selection', 'satisfaction']).default('selection') }).strict();

/** The count of a selection vote. */
export const SelectionTallySchema = z.object({
  ballots: z.number(),
  electorate: z.number(),
  /** Chosen candidate ids, most votes first. */
  chosen: z.array(z.string()),
  /** Candidates tied at the cut-off. */
  tied: z.array(z.string()),
  results: z.array(
    z.object({
      candidateId: z.string(),
      votes: z.number(),
      rank: z.number(),
      majority: z.boolean(),
      outcome: z.enum(['chosen', 'tied', 'not_chosen']),
    }),
  ),
});

/** The count of a satisfaction vote, per chosen project. */
export const SatisfactionTallySchema = z.array(
  z.object({
    projectId: z.string(),
    counts: z.record(z.enum(SATISFACTION_CHOICES), z.number()),
    /** (满意 + 基本满意) / (ballots − 弃权), or null when everyone abstained. */
    satisfactionRate: z.number().nullable(),
  }),
);

/** A voting round. */
export const VoteRoundSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  phase: z.string(),
  phaseLabel: z.string(),
  /** K: how many projects each deputy chooses. */
  choose: z.number().int(),
  majorityRequired: z.boolean(),
  commentFrom: z.string().nullable(),
  commentTo: z.string().nullable(),
  selectionResult: SelectionTallySchema.nullable(),
  /** SHA-256 digest of the selection ballots' hashes, fixed at closing. */
  selectionDigest: z.string().nullable(),
  satisfactionResult: SatisfactionTallySchema.nullable(),
  satisfactionDigest: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
/** A voting round. */
export type VoteRound = z.infer<typeof VoteRoundSchema>;
/** Answer of the round lists. */
export const VoteRoundListSchema = z.object({ items: z.array(VoteRoundSchema) });

/** A candidate project. */
export const VoteCandidateSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  source: z.string(),
  proposer: z.string().nullable(),
  departmentId: z.string().nullable(),
  budget: z.number().nullable(),
  status: z.string(),
  chosen: z.boolean(),
  /** Percent done, for chosen projects. */
  progress: z.number(),
  createdAt: z.string(),
});
/** A candidate project. */
export type VoteCandidate = z.infer<typeof VoteCandidateSchema>;

/** A candidate with its comments and progress reports (the public reads texts with personal data masked). */
export const VoteCandidateDetailSchema = VoteCandidateSchema.extend({
  comments: z.array(z.object({ id: z.string(), stance: z.string(), content: z.string(), hidden: z.boolean(), createdAt: z.string() })),
  progressReports: z.array(z.object({ progress: z.number(), content: z.string(), reportedAt: z.string() })),
});
/** A candidate with its comments and progress reports. */
export type VoteCandidateDetail = z.infer<typeof VoteCandidateDetailSchema>;

/** Answer of `GET /api/v1/public/voting/rounds/{id}`. */
export const PublicVoteRoundViewSchema = z.object({ round: VoteRoundSchema, candidates: z.array(VoteCandidateDetailSchema) });
/** Answer of `GET /api/v1/public/voting/rounds/{id}`. */
export type PublicVoteRoundView = z.infer<typeof PublicVoteRoundViewSchema>;
/** Answer of `GET /api/v1/voting/rounds/{id}`: also the caller's own voting status. */
export const VoteRoundViewSchema = PublicVoteRoundViewSchema.extend({
  me: z.object({ elector: z.boolean(), votedSelection: z.boolean(), votedSatisfaction: z.boolean() }),
});
/** Answer of `GET /api/v1/voting/rounds/{id}`. */
export type VoteRoundView = z.infer<typeof VoteRoundViewSchema>;

/** Answer of a ballot: its SHA-256, shown only now. */
export const BallotReceiptSchema = z.object({ receipt: z.string() });

/** Answer of `GET /api/v1/voting/rounds/{id}/turnout`: who voted, never what. */
export const TurnoutSchema = z.object({
  items: z.array(z.object({ deputyId: z.string(), name: z.string(), votedSelection: z.boolean(), votedSatisfaction: z.boolean() })),
});

const selectionChoices = z.object({ selected: z.array(z.string()) });
const satisfactionChoices = z.object({ ratings: z.record(z.string(), z.enum(SATISFACTION_CHOICES)) });

/** Answer of `GET /api/v1/public/voting/rounds/{id}/ballots`: the published ballots and a recount. */
export const BallotAuditSchema = z.object({
  phase: z.enum(['selection', 'satisfaction']),
  electorate: z.number(),
  voted: z.number(),
  ballots: z.array(z.object({ hash: z.string(), choices: z.union([selectionChoices, satisfactionChoices]), nonce: z.string() })),
  digest: z.string(),
  storedDigest: z.string().nullable(),
  hashesValid: z.boolean(),
  /** Every voter has exactly one ballot, every hash recomputes, and the recount equals the stored count. */
  reproducible: z.boolean(),
  recount: z.union([SelectionTallySchema, SatisfactionTallySchema]),
});
/** The published ballots of a phase and their recount. */
export type BallotAudit = z.infer<typeof BallotAuditSchema>;

/** Answer of a citizen's candidate. */
export const PublicCandidateCreatedSchema = z.object({ id: z.string() });
/** Answer of a citizen's comment. */
export const PublicCommentCreatedSchema = z.object({ ok: z.boolean() });
