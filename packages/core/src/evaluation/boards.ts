/**
 * The red and black boards (红黑榜) of one peer group. The rule, as the console and the
 * reports state it:
 *
 * - Boards are drawn only in a group of more than 2 × N subjects (N = the scheme's board size).
 * - 红榜: the first N places. A subject on it needs a score above 0 and work measured in the
 *   period (see `ACTIVITY_METRICS`); a zero or an empty month is never honoured.
 * - 黑榜: the last N places.
 * - A tie is never split: subjects with the same score stand or fall together. A tied group
 *   that reaches past the N-th place (counted from the top for 红榜, from the bottom for
 *   黑榜) stays off that board whole — so a month where most stations scored 0 names none
 *   of them, rather than all of them.
 */
import type { EvaluationMetric } from './scheme';

/** Why a subject that ranked in a board's places is not on it. */
export type BoardNote = 'no_activity' | 'tie_over_board';

/** A subject's place on the boards. */
export interface BoardOutcome {
  board: 'red' | 'black' | null;
  /** Set only for a subject whose place is within N of the top or bottom but who is not on that board. */
  boardNote: BoardNote | null;
}

/**
 * Metrics that count work done in the period. Structure (deputies in the station), plans
 * (receptions planned) and admin-entered inputs (inspection scores, bonus items) are not work.
 */
export const ACTIVITY_METRICS: readonly EvaluationMetric[] = [
  'receptionsHeld',
  'deputiesActive',
  'activities',
  'opinions',
  'opinionsAccepted',
  'casesAssigned',
  'signed',
  'replied',
  'closed',
  'rated',
  'converted',
];

/** Whether any work was measured for a subject in the period. */
export function hadActivity(metrics: Partial<Record<EvaluationMetric, number>>): boolean {
  return ACTIVITY_METRICS.some((m) => (metrics[m] ?? 0) > 0);
}

/**
 * Boards of one peer group. `members` must be sorted by score, highest first; the outcome
 * has the same order.
 */
export function peerGroupBoards(members: ReadonlyArray<{ score: number; active: boolean }>, boardSize: number): BoardOutcome[] {
  const out: BoardOutcome[] = members.map(() => ({ board: null, boardNote: null }));
  const n = members.length;
  if (boardSize <= 0 || n <= boardSize * 2) return out;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && members[end].score === members[start].score) end++;
    // Places start+1 … end (from the top); from the bottom they are n-end+1 … n-start.
    if (start < boardSize) {
      for (let i = start; i < end; i++) {
        if (end > boardSize) out[i].boardNote = 'tie_over_board';
        else if (members[i].score > 0 && members[i].active) out[i].board = 'red';
        else out[i].boardNote = 'no_activity';
      }
    }
    if (end > n - boardSize) {
      for (let i = start; i < end; i++) {
        if (start < n - boardSize) out[i].boardNote = 'tie_over_board';
        else out[i] = { board: 'black', boardNote: null };
      }
    }
    start = end;
  }
  return out;
}

/** The rule above in words, for the console, the printed report and the XLSX (N = board size). */
export function boardRuleText(boardSize: number, lang: 'zh' | 'en'): string {
  const n = boardSize;
  if (lang === 'en')
    return n <= 0
      ? 'This scheme draws no red or black boards.'
      : `Boards are drawn per group of more than ${2 * n}: the first ${n} places go on the red board, the last ${n} on the black board. ` +
          'A score of 0, or a period with no work measured, is never on the red board. Ties are never split: a tied group that reaches past the ' +
          `${n}th place (from the top for red, from the bottom for black) stays off that board as a whole.`;
  return n <= 0
    ? '本方案不设红黑榜。'
    : `红黑榜按分组评出，组内超过 ${2 * n} 个对象才设榜：前 ${n} 名上红榜，后 ${n} 名上黑榜。` +
        `得分为 0 或本期没有任何工作量的，不上红榜。并列者同进同出：并列的一组跨过第 ${n} 名（红榜从前往后数，黑榜从后往前数）时，整组都不上该榜。`;
}

/** Words for a board note (why a subject in a board's places is not on it). */
export const BOARD_NOTE_LABELS: Record<BoardNote, { zh: string; en: string }> = {
  no_activity: { zh: '得分为 0 或无工作量，不上红榜', en: 'Score 0 or no work measured: not on the red board' },
  tie_over_board: { zh: '并列超出名额，整组不上榜', en: 'Tie reaches past the places: the whole group is off the board' },
};
