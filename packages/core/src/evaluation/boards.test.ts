import { describe, expect, it } from 'vitest';
import { hadActivity, peerGroupBoards } from './boards';
import { evaluate, type SubjectFacts } from './scoring';
import type { SchemeDefinition } from './scheme';

/** Scores written top to bottom; `0*` is a zero with no measured work, `5*` a score with none. */
function group(spec: string): Array<{ score: number; active: boolean }> {
  return spec.split(' ').map((s) => ({ score: Number(s.replace('*', '')), active: !s.endsWith('*') }));
}

/** One letter per subject: R red, B black, t off because a tie reaches past the places, z off for no score/work, . neither. */
function outcome(spec: string, size: number): string {
  return peerGroupBoards(group(spec), size)
    .map((o) => (o.board === 'red' ? 'R' : o.board === 'black' ? 'B' : o.boardNote === 'tie_over_board' ? 't' : o.boardNote === 'no_activity' ? 'z' : '.'))
    .join('');
}

describe('红黑榜 rule', () => {
  it.each([
    // distinct scores: N on each board
    ['90 80 70 60 50 40 30', 3, 'RRR.BBB'],
    ['90 80 70 60 50 40 30', 1, 'R.....B'],
    // a group of 2N or fewer draws no boards; size 0 draws none
    ['90 80 70 60 50 40', 3, '......'],
    ['90 80 70', 0, '...'],
    // a tie inside the places goes on whole
    ['90 90 70 60 50 40 30', 3, 'RRR.BBB'],
    ['90 80 70 60 50 30 30', 3, 'RRR.BBB'],
    // a tie across the N-th place stays off whole (from the top and from the bottom)
    ['90 80 70 70 50 40 30', 3, 'RRttBBB'],
    ['90 80 70 60 40 40 30', 2, 'RR..ttB'],
    ['90 90 90 90 50 40 30 20', 3, 'tttt.BBB'],
    // the month of the report: 2 stations worked, 12 scored 0 → none of the zeros is named
    ['40 10 0 0 0 0 0 0 0 0 0 0 0 0', 3, 'RRtttttttttttt'],
    // three worked, the rest tied at 0 (18 zeros at the bottom is a tie past the black places)
    ['40 30 10 ' + Array(18).fill('0').join(' '), 3, 'RRR' + 't'.repeat(18)],
    // a negative score at the bottom is black alone
    ['40 30 10 0 0 0 -2', 1, 'R.....B'],
    // zero or no work is never honoured, even when it fits the places
    ['50 0 0* -1 -2 -3 -4', 3, 'Rzz.BBB'],
    ['50 5* 4 3 2 1 0', 2, 'Rz...BB'],
    // everybody tied: nobody on either board
    ['60 60 60 60 60 60 60', 3, 'ttttttt'],
  ])('%s (N=%i) → %s', (spec, size, expected) => {
    expect(outcome(spec, size)).toBe(expected);
  });

  it('counts measured work only: structure, plans and admin inputs are not activity', () => {
    expect(hadActivity({})).toBe(false);
    expect(hadActivity({ deputiesTotal: 6, receptionsPlanned: 4, receptionsMissed: 4, overdue: 2 })).toBe(false);
    expect(hadActivity({ receptionsHeld: 1 })).toBe(true);
    expect(hadActivity({ opinions: 1 })).toBe(true);
    expect(hadActivity({ casesAssigned: 1 })).toBe(true);
  });

  it('evaluate: an inspection score alone earns points but no place on the 红榜', () => {
    const def: SchemeDefinition = {
      indicators: [
        { key: 'premises', label: 'p', group: 'g', weight: 50, formula: { kind: 'manual', input: 'premises', max: 10 } },
        { key: 'o', label: 'o', group: 'g', weight: 50, formula: { kind: 'target', metric: 'opinions', targetPerMonth: 10 } },
      ],
      adjustments: [],
      bonusCap: 0,
      peerGroupBy: 'none',
      boardSize: 1,
    };
    const f = (id: string, opinions: number, premises: number): SubjectFacts => ({
      subjectId: id,
      name: id,
      peerGroup: null,
      metrics: { opinions },
      inputs: { premises },
    });
    const results = evaluate(def, [f('idle', 0, 10), f('busy', 6, 2), f('mid', 3, 1), f('low', 1, 0)], 1);
    expect(results.map((r) => [r.subjectId, r.score, r.board, r.boardNote])).toEqual([
      ['idle', 50, null, 'no_activity'],
      ['busy', 40, null, null],
      ['mid', 20, null, null],
      ['low', 5, 'black', null],
    ]);
  });

  it('evaluate: a month where most of a group scored 0 honours none of the zeros and names none of them', () => {
    const def: SchemeDefinition = {
      indicators: [{ key: 'o', label: 'o', group: 'g', weight: 100, formula: { kind: 'target', metric: 'opinions', targetPerMonth: 10 } }],
      adjustments: [],
      bonusCap: 0,
      peerGroupBy: 'regionType',
      boardSize: 3,
    };
    const town = (id: string, opinions: number): SubjectFacts => ({ subjectId: id, name: id, peerGroup: '镇', metrics: { opinions }, inputs: {} });
    const results = evaluate(def, [town('a', 5), town('b', 2), ...['c', 'd', 'e', 'f', 'g', 'h'].map((id) => town(id, 0))], 1);
    expect(results.filter((r) => r.board === 'red').map((r) => r.subjectId)).toEqual(['a', 'b']);
    expect(results.filter((r) => r.board === 'black')).toEqual([]);
    expect(results.filter((r) => r.boardNote === 'tie_over_board').map((r) => r.subjectId)).toEqual(['c', 'd', 'e', 'f', 'g', 'h']);
  });
});
