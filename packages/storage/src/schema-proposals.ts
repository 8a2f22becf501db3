/**
 * Tables of migration 0008: suggestions and motions with their event chain, key
 * supervision (KPI tree, reports, issue list), public comparison, and livelihood-project
 * voting. Same conventions as `schema.ts`.
 */
import type { Generated } from 'kysely';

export interface ProposalsTable {
  id: string;
  type: string;
  status: string;
  version: Generated<number>;
  number: string | null;
  year: number;
  title: string;
  body: string;
  lead_deputy_id: string;
  unit_path: string;
  lead_unit_id: string | null;
  answer_class: string | null;
  rating: string | null;
  rating_comment: string | null;
  answer_content: string | null;
  follow_up_content: string | null;
  supervised: Generated<number>;
  key_leader: string | null;
  withdraw_due_at: string | null;
  answer_due_at: string | null;
  assigned_at: string | null;
  submitted_at: string | null;
  answered_at: string | null;
  closed_at: string | null;
  /** Workflow state without a column of its own (requests, co-unit answers, counters), as JSON. */
  workflow: Generated<string>;
  created_by: string | null;
  last_event_hash: string | null;
  event_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProposalCosignersTable {
  proposal_id: string;
  deputy_id: string;
  status: string;
  at: string;
}

export interface ProposalUnitsTable {
  proposal_id: string;
  department_id: string;
  role: string;
}

export interface ProposalCasesTable {
  proposal_id: string;
  case_id: string;
  linked_at: string;
}

export interface ProposalEventsTable {
  seq: Generated<number>;
  id: string;
  proposal_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_kind: string;
  actor_name: string | null;
  at: string;
  reason: string | null;
  payload: Generated<string>;
  prev_hash: string;
  hash: string;
}

export interface KpiIndicatorsTable {
  id: string;
  proposal_id: string;
  parent_id: string | null;
  name: string;
  unit: Generated<string>;
  baseline: Generated<number>;
  target: number;
  period: Generated<string>;
  department_id: string | null;
  weight: Generated<number>;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface KpiReportsTable {
  id: string;
  indicator_id: string;
  period: string;
  value: number;
  note: string | null;
  reported_by: string | null;
  reported_at: string;
}

export interface IssueItemsTable {
  id: string;
  proposal_id: string;
  title: string;
  department_id: string | null;
  due_at: string;
  status: string;
  evidence: string | null;
  evidence_attachment_ids: Generated<string>;
  closed_at: string | null;
  closed_by: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Migration 0012: 0 on time, 1 overdue notice sent, 2 escalated to the supervising leader. */
  escalation_step: Generated<number>;
  /** Migration 0012. */
  escalated_at: string | null;
}

export interface ComparisonIndicatorsTable {
  id: string;
  name: string;
  unit: Generated<string>;
  higher_is_better: Generated<number>;
  sort_order: Generated<number>;
  active: Generated<number>;
  created_at: string;
}

export interface ComparisonValuesTable {
  indicator_id: string;
  unit_id: string;
  period: string;
  value: number;
  updated_at: string;
}

export interface VoteRoundsTable {
  id: string;
  year: number;
  title: string;
  description: string | null;
  phase: string;
  version: Generated<number>;
  choose: number;
  majority_required: Generated<number>;
  comment_from: string | null;
  comment_to: string | null;
  selection_result: string | null;
  selection_digest: string | null;
  satisfaction_result: string | null;
  satisfaction_digest: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface VoteCandidatesTable {
  id: string;
  round_id: string;
  title: string;
  description: string;
  source: string;
  proposer: string | null;
  department_id: string | null;
  budget: number | null;
  status: string;
  chosen: Generated<number>;
  progress: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface VoteCommentsTable {
  id: string;
  candidate_id: string;
  stance: string;
  content: string;
  hidden: Generated<number>;
  created_at: string;
}

export interface VoteProgressTable {
  id: string;
  candidate_id: string;
  progress: number;
  content: string;
  reported_by: string | null;
  reported_at: string;
}

export interface VoteElectorsTable {
  round_id: string;
  deputy_id: string;
}

export interface VoteParticipationsTable {
  round_id: string;
  phase: string;
  deputy_id: string;
}

export interface VoteBallotsTable {
  hash: string;
  round_id: string;
  phase: string;
  choices: string;
  nonce: string;
}

/** Ballots of a vote still open: one sealed blob per round and phase (0025). */
export interface VoteBallotPoolTable {
  round_id: string;
  phase: string;
  sealed: string;
}

/** The tables of migration 0008. */
export interface ProposalDatabase {
  proposals: ProposalsTable;
  proposal_cosigners: ProposalCosignersTable;
  proposal_units: ProposalUnitsTable;
  proposal_cases: ProposalCasesTable;
  proposal_events: ProposalEventsTable;
  kpi_indicators: KpiIndicatorsTable;
  kpi_reports: KpiReportsTable;
  issue_items: IssueItemsTable;
  comparison_indicators: ComparisonIndicatorsTable;
  comparison_values: ComparisonValuesTable;
  vote_rounds: VoteRoundsTable;
  vote_candidates: VoteCandidatesTable;
  vote_comments: VoteCommentsTable;
  vote_progress: VoteProgressTable;
  vote_electors: VoteElectorsTable;
  vote_participations: VoteParticipationsTable;
  vote_ballots: VoteBallotsTable;
  vote_ballot_pool: VoteBallotPoolTable;
}
