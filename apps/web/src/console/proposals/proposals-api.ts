/** Calls of the suggestions, voting, key supervision and comparison pages, and their react-query keys. */
import type {
  BallotAudit,
  ComparisonIndicator,
  IssueItem,
  KpiTree,
  OverdueIssueList,
  ProposalList,
  ProposalView,
  Ranking,
  VoteCandidateDetail,
  VoteRound,
  VoteRoundView,
} from '@lianxin/contracts';
import { get, post, request, type Query } from '../api';

export type { ProposalSummary, ProposalView } from '@lianxin/contracts';

export const PROPOSAL_KEYS = {
  all: ['proposals'] as const,
  list: (q: Query) => ['proposals', 'list', q] as const,
  detail: (id: string) => ['proposals', 'detail', id] as const,
  kpis: (id: string) => ['proposals', 'kpis', id] as const,
  issues: (id: string) => ['proposals', 'issues', id] as const,
};

export const fetchProposals = (q: Query) => get<ProposalList>('/api/v1/suggestions', q);
export const fetchProposal = (id: string) => get<ProposalView>(`/api/v1/suggestions/${id}`);
export const createProposal = (body: Record<string, unknown>) => post<ProposalView>('/api/v1/suggestions', body);
export const applyProposalAction = (id: string, action: string, body: Record<string, unknown>) =>
  post<ProposalView>(`/api/v1/suggestions/${id}/actions/${action}`, body);

/** The URL of an XLSX export (a plain link: the session cookie goes along). */
export function exportUrl(path: string, q: Query = {}): string {
  const params = new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export type { KpiNode } from '@lianxin/contracts';
export const fetchKpis = (id: string) => get<KpiTree>(`/api/v1/suggestions/${id}/indicators`);
export const addIndicator = (id: string, body: Record<string, unknown>) => post(`/api/v1/suggestions/${id}/indicators`, body);
export const addReport = (id: string, indicatorId: string, body: Record<string, unknown>) =>
  post(`/api/v1/suggestions/${id}/indicators/${indicatorId}/reports`, body);

export type { EvidenceFile, IssueItem } from '@lianxin/contracts';
export const fetchIssues = async (id: string) => (await get<{ items: IssueItem[] }>(`/api/v1/suggestions/${id}/issues`)).items;
/** Open items past their deadline across all key items (office: all; a department: its own), escalated first. */
export const fetchOverdueIssues = async () => (await get<OverdueIssueList>('/api/v1/issues/overdue')).items;
export const addIssue = (id: string, body: Record<string, unknown>) => post(`/api/v1/suggestions/${id}/issues`, body);
export const closeIssue = (issueId: string, body: Record<string, unknown>) => post(`/api/v1/issues/${issueId}/close`, body);

/** Comparison. */
export type { Ranking } from '@lianxin/contracts';
export const fetchRanking = (period?: string) => get<Ranking>('/api/v1/public/comparison', period ? { period } : {});
export const addComparisonIndicator = (body: Record<string, unknown>) => post('/api/v1/comparison/indicators', body);
export const putComparisonValues = (body: Record<string, unknown>) => request('PUT', '/api/v1/comparison/values', { body });
export const fetchComparisonIndicators = async () => (await get<{ items: ComparisonIndicator[] }>('/api/v1/comparison/indicators')).items;

/** Voting. */
export type { VoteRound } from '@lianxin/contracts';
export type VoteCandidate = VoteCandidateDetail;
export const VOTING_KEYS = { all: ['voting'] as const, round: (id: string) => ['voting', 'round', id] as const };
export const fetchRounds = async () => (await get<{ items: VoteRound[] }>('/api/v1/voting/rounds')).items;
export const createRound = (body: Record<string, unknown>) => post<VoteRound>('/api/v1/voting/rounds', body);
export const fetchRound = (id: string) => get<VoteRoundView>(`/api/v1/voting/rounds/${id}`);
export const addCandidate = (id: string, body: Record<string, unknown>) => post(`/api/v1/voting/rounds/${id}/candidates`, body);
export const reviewCandidate = (id: string, decision: 'accepted' | 'rejected') => post(`/api/v1/voting/candidates/${id}/review`, { decision });
export const roundAction = (id: string, action: string, body: Record<string, unknown>) =>
  post<VoteRound>(`/api/v1/voting/rounds/${id}/actions/${action}`, body);
export const castBallot = (id: string, selected: string[]) => post<{ receipt: string }>(`/api/v1/voting/rounds/${id}/ballot`, { selected });
export const castSatisfaction = (id: string, ratings: Record<string, string>) =>
  post<{ receipt: string }>(`/api/v1/voting/rounds/${id}/satisfaction-ballot`, { ratings });
export const reportProgress = (id: string, body: Record<string, unknown>) => post(`/api/v1/voting/candidates/${id}/progress`, body);
export const fetchAudit = (id: string, phase: string) => get<BallotAudit>(`/api/v1/public/voting/rounds/${id}/ballots`, { phase });
