/** Public calls of the participation pages: livelihood-project voting, comparison, suggestions. */
import type { BallotAudit, PublicProposal, PublicVoteRoundView, Ranking, VoteCandidateDetail, VoteRound } from '@lianxin/contracts';
import { apiErrorFrom, networkError, withQuery } from '../shared/api-error';
import { readLanguage } from '../shared/language';

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown, query?: Record<string, string | undefined>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': readLanguage(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  return (await response.json()) as T;
}

/** A round as the public sees it. */
export type PublicRound = VoteRound;

/** A candidate project with its public comments and progress. */
export type PublicCandidate = VoteCandidateDetail;

export const fetchPublicRounds = async () => (await send<{ items: PublicRound[] }>('GET', '/api/v1/public/voting/rounds')).items;
export const fetchPublicRound = (id: string) => send<PublicVoteRoundView>('GET', `/api/v1/public/voting/rounds/${id}`);
export const postComment = (candidateId: string, body: { stance: string; content: string }) =>
  send('POST', `/api/v1/public/voting/candidates/${candidateId}/comments`, body);
export const postCandidate = (roundId: string, body: { title: string; description: string; proposer?: string }) =>
  send('POST', `/api/v1/public/voting/rounds/${roundId}/candidates`, body);
export const fetchAuditSummary = (id: string) => send<BallotAudit>('GET', `/api/v1/public/voting/rounds/${id}/ballots`);

/** Rankings of a period. */
export type PublicRanking = Ranking;
export const fetchPublicRanking = (period?: string) => send<PublicRanking>('GET', '/api/v1/public/comparison', undefined, { period });

/** A suggestion as the public sees it. */
export type PublicSuggestion = PublicProposal;
export const fetchPublicSuggestion = (id: string) => send<PublicSuggestion>('GET', `/api/v1/public/suggestions/${id}`);
