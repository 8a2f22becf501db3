/**
 * Counting: which candidates are chosen, and how satisfied deputies are with each project.
 * Pure functions over the published ballots, so the count can be reproduced by anyone.
 */
import type { SatisfactionChoice } from './voting-model';
import type { SatisfactionChoices, SelectionChoices } from './ballot';

/** One candidate's result. */
export interface CandidateResult {
  candidateId: string;
  votes: number;
  /** Competition rank (1, 2, 2, 4 …) by votes. */
  rank: number;
  /** Reached the majority of the electorate (when required). */
  majority: boolean;
  outcome: 'chosen' | 'tied' | 'not_chosen';
}

/** The result of a selection vote. */
export interface SelectionTally {
  ballots: number;
  electorate: number;
  /** Chosen candidate ids, most votes first (ties broken by nothing: tied candidates are reported). */
  chosen: string[];
  /** Candidates tied at the cut-off whose places a second vote or the office must settle. */
  tied: string[];
  results: CandidateResult[];
}

/**
 * Counts selection ballots. A candidate is chosen when it is among the K with most votes
 * and (with `majorityRequired`) has votes from more than half of the electorate. When
 * candidates tie across the K-th place, none of the tied ones is chosen; they are `tied`.
 */
export function tallySelection(
  ballots: readonly SelectionChoices[],
  candidateIds: readonly string[],
  choose: number,
  electorate: number,
  majorityRequired: boolean,
): SelectionTally {
  const votes = new Map(candidateIds.map((id) => [id, 0]));
  for (const b of ballots) for (const id of b.selected) if (votes.has(id)) votes.set(id, votes.get(id)! + 1);
  const sorted = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const eligible = sorted.filter(([, v]) => !majorityRequired || v * 2 > electorate);
  const chosen: string[] = [];
  const tied: string[] = [];
  let i = 0;
  while (i < eligible.length && chosen.length < choose) {
    const v = eligible[i][1];
    const group = eligible.filter(([, n]) => n === v).map(([id]) => id);
    if (v === 0) break;
    if (chosen.length + group.length <= choose) chosen.push(...group);
    else tied.push(...group);
    i += group.length;
    if (tied.length) break;
  }
  const results: CandidateResult[] = sorted.map(([candidateId, v]) => ({
    candidateId,
    votes: v,
    rank: 1 + sorted.filter(([, n]) => n > v).length,
    majority: v * 2 > electorate,
    outcome: chosen.includes(candidateId) ? 'chosen' : tied.includes(candidateId) ? 'tied' : 'not_chosen',
  }));
  return { ballots: ballots.length, electorate, chosen, tied, results };
}

/** Satisfaction with one project. */
export interface SatisfactionResult {
  projectId: string;
  counts: Record<SatisfactionChoice, number>;
  /** (满意 + 基本满意) / (ballots − 弃权), or null when everyone abstained. */
  satisfactionRate: number | null;
}

/** Counts satisfaction ballots per project. */
export function tallySatisfaction(ballots: readonly SatisfactionChoices[], projectIds: readonly string[]): SatisfactionResult[] {
  return projectIds.map((projectId) => {
    const counts: Record<SatisfactionChoice, number> = { satisfied: 0, basically_satisfied: 0, unsatisfied: 0, abstain: 0 };
    for (const b of ballots) {
      const c = b.ratings[projectId];
      if (c) counts[c] += 1;
    }
    const rated = counts.satisfied + counts.basically_satisfied + counts.unsatisfied;
    return { projectId, counts, satisfactionRate: rated === 0 ? null : (counts.satisfied + counts.basically_satisfied) / rated };
  });
}
