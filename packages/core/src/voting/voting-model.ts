/**
 * Livelihood projects voted by deputies (民生实事项目票决, DESIGN §2.4): a yearly round
 * moves through its phases as a pure state machine; ballots are validated, hashed and
 * counted here so the count can be reproduced by anyone from the published ballots.
 *
 *   collecting ─open_comments→ commenting ─open_voting (electorate fixed)→ voting
 *   voting ─close_voting (count)→ decided ─open_satisfaction→ satisfaction ─close_satisfaction→ finished
 */
import { toInstant } from '../calendar-date';
import { AppError } from '../errors';

/** Phases of a voting round, in order. */
export const VOTING_PHASES = ['collecting', 'commenting', 'voting', 'decided', 'satisfaction', 'finished'] as const;
/** A phase. */
export type VotingPhase = (typeof VOTING_PHASES)[number];

/** zh-CN and English labels of the phases. */
export const VOTING_PHASE_LABELS: Record<VotingPhase, { zh: string; en: string }> = {
  collecting: { zh: '征集候选项目', en: 'Collecting candidates' },
  commenting: { zh: '公开征求意见', en: 'Public comment' },
  voting: { zh: '代表票决', en: 'Deputies voting' },
  decided: { zh: '实施中', en: 'In implementation' },
  satisfaction: { zh: '满意度测评', en: 'Satisfaction vote' },
  finished: { zh: '已完成', en: 'Finished' },
};

/** Where a candidate project came from. */
export const CANDIDATE_SOURCES = ['public', 'deputy', 'department'] as const;
/** A candidate source. */
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];

/** Choices of the year-end satisfaction vote (满意 / 基本满意 / 不满意 / 弃权). */
export const SATISFACTION_CHOICES = ['satisfied', 'basically_satisfied', 'unsatisfied', 'abstain'] as const;
/** A satisfaction choice. */
export type SatisfactionChoice = (typeof SATISFACTION_CHOICES)[number];

/** Round-level actions. */
export const VOTING_ACTIONS = ['open_comments', 'open_voting', 'close_voting', 'open_satisfaction', 'close_satisfaction'] as const;
/** A round action. */
export type VotingActionType = (typeof VOTING_ACTIONS)[number];

/** What the round machine needs to know. */
export interface VotingRoundSnapshot {
  id: string;
  phase: VotingPhase;
  version: number;
  /** K: how many projects each deputy chooses and how many are chosen. */
  choose: number;
  /** Accepted candidates on the ballot (N). */
  candidateCount: number;
  /** Deputies on the electorate (fixed when voting opens). */
  electorateSize: number;
}

/** The next phase for each action, and the phase it starts from. */
const ACTION_PHASES: Record<VotingActionType, { from: VotingPhase; to: VotingPhase }> = {
  open_comments: { from: 'collecting', to: 'commenting' },
  open_voting: { from: 'commenting', to: 'voting' },
  close_voting: { from: 'voting', to: 'decided' },
  open_satisfaction: { from: 'decided', to: 'satisfaction' },
  close_satisfaction: { from: 'satisfaction', to: 'finished' },
};

/** The round's next phase after `action`, or a `VOTING_INVALID_TRANSITION` / `VALIDATION_FAILED` error. */
export function nextVotingPhase(round: VotingRoundSnapshot, action: VotingActionType): VotingPhase {
  const rule = ACTION_PHASES[action];
  if (!rule) throw new AppError('VALIDATION_FAILED', { details: [{ path: 'action', code: 'invalid_enum_value' }] });
  if (round.phase !== rule.from) throw new AppError('VOTING_INVALID_TRANSITION', { message: `Cannot ${action} while the round is ${round.phase}.` });
  if ((action === 'open_comments' || action === 'open_voting') && round.candidateCount <= round.choose) {
    throw new AppError('VOTING_INVALID_TRANSITION', {
      message: `A vote to choose ${round.choose} needs more than ${round.choose} accepted candidates (has ${round.candidateCount}).`,
    });
  }
  if (action === 'open_voting' && round.electorateSize < 1) throw new AppError('VOTING_INVALID_TRANSITION', { message: 'The electorate is empty.' });
  return rule.to;
}

/** Whether a dated window (e.g. the public comment period) is open at `now`. */
export function windowOpen(window: { from: string | null; to: string | null }, now: Date): boolean {
  const t = now.getTime();
  if (window.from && t < toInstant(window.from).getTime()) return false;
  if (window.to && t > toInstant(window.to).getTime()) return false;
  return true;
}
