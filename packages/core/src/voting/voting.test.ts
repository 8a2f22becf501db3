import { describe, expect, it } from 'vitest';
import { validateSatisfaction, validateSelection, type Ballot } from './ballot';
import { ballotDigest, ballotHash } from './ballot-hash';
import { tallySatisfaction, tallySelection } from './tally';
import { nextVotingPhase, type VotingRoundSnapshot } from './voting-model';

const CANDIDATES = ['c1', 'c2', 'c3', 'c4', 'c5'];

describe('ballots', () => {
  it('a selection names 1..K distinct projects on the ballot, sorted', () => {
    expect(validateSelection(['c3', 'c1'], CANDIDATES, 3)).toEqual({ selected: ['c1', 'c3'] });
    for (const bad of [[], ['c1', 'c1'], ['c1', 'c2', 'c3', 'c4'], ['c9'], 'c1', [1]]) {
      expect(() => validateSelection(bad, CANDIDATES, 3)).toThrow(expect.objectContaining({ code: 'VOTE_BALLOT_INVALID' }));
    }
  });

  it('a satisfaction ballot has exactly one choice per project, abstaining allowed', () => {
    expect(validateSatisfaction({ c2: 'abstain', c1: 'satisfied' }, ['c1', 'c2'])).toEqual({ ratings: { c1: 'satisfied', c2: 'abstain' } });
    expect(() => validateSatisfaction({ c1: 'satisfied' }, ['c1', 'c2'])).toThrow(expect.objectContaining({ code: 'VOTE_BALLOT_INVALID' }));
    expect(() => validateSatisfaction({ c1: 'great', c2: 'abstain' }, ['c1', 'c2'])).toThrow(expect.objectContaining({ code: 'VOTE_BALLOT_INVALID' }));
    expect(() => validateSatisfaction({ c1: 'satisfied', c2: 'abstain', c3: 'abstain' }, ['c1', 'c2'])).toThrow(
      expect.objectContaining({ code: 'VOTE_BALLOT_INVALID' }),
    );
  });

  it('hashes are stable under key order and change with any choice or nonce; the digest ignores order', () => {
    const b: Ballot = { roundId: 'r', phase: 'selection', choices: { selected: ['c1', 'c2'] }, nonce: 'n1' };
    const same = { nonce: 'n1', choices: { selected: ['c1', 'c2'] }, phase: 'selection', roundId: 'r' } as Ballot;
    expect(ballotHash(b)).toBe(ballotHash(same));
    expect(ballotHash({ ...b, nonce: 'n2' })).not.toBe(ballotHash(b));
    expect(ballotHash({ ...b, choices: { selected: ['c1', 'c3'] } })).not.toBe(ballotHash(b));
    expect(ballotDigest(['a', 'b', 'c'])).toBe(ballotDigest(['c', 'a', 'b']));
    expect(ballotDigest(['a', 'b'])).not.toBe(ballotDigest(['a', 'b', 'c']));
  });
});

describe('counting a fixed electorate', () => {
  // 7 deputies choose 2 of 5: c1 gets 6, c3 gets 4, c2 gets 3, c4 gets 1, c5 gets 0.
  const ballots = [
    ['c1', 'c3'],
    ['c1', 'c3'],
    ['c1', 'c2'],
    ['c1', 'c2'],
    ['c1', 'c3'],
    ['c1', 'c4'],
    ['c2', 'c3'],
  ].map((selected) => ({ selected }));

  it('chooses the K with most votes and ranks the rest', () => {
    const t = tallySelection(ballots, CANDIDATES, 2, 7, false);
    expect(t.chosen).toEqual(['c1', 'c3']);
    expect(t.tied).toEqual([]);
    expect(t.results.map((r) => [r.candidateId, r.votes, r.rank, r.outcome])).toEqual([
      ['c1', 6, 1, 'chosen'],
      ['c3', 4, 2, 'chosen'],
      ['c2', 3, 3, 'not_chosen'],
      ['c4', 1, 4, 'not_chosen'],
      ['c5', 0, 5, 'not_chosen'],
    ]);
  });

  it('with a majority required, a project needs votes from more than half of the electorate', () => {
    // Electorate 9, 7 voted: c3's 4 votes are not more than 4.5.
    const t = tallySelection(ballots, CANDIDATES, 2, 9, true);
    expect(t.chosen).toEqual(['c1']);
    expect(t.results.find((r) => r.candidateId === 'c3')).toMatchObject({ majority: false, outcome: 'not_chosen' });
  });

  it('a tie across the K-th place chooses none of the tied, and says so', () => {
    const tie = [
      ['c1', 'c2'],
      ['c1', 'c3'],
      ['c1', 'c4'],
      ['c2', 'c3'],
    ].map((selected) => ({ selected }));
    const t = tallySelection(tie, CANDIDATES, 2, 4, false);
    expect(t.chosen).toEqual(['c1']);
    expect(t.tied.sort()).toEqual(['c2', 'c3']);
  });

  it('the satisfaction rate leaves abstentions out', () => {
    const results = tallySatisfaction(
      [
        { ratings: { c1: 'satisfied', c2: 'abstain' } },
        { ratings: { c1: 'basically_satisfied', c2: 'abstain' } },
        { ratings: { c1: 'unsatisfied', c2: 'abstain' } },
        { ratings: { c1: 'abstain', c2: 'abstain' } },
      ],
      ['c1', 'c2'],
    );
    expect(results[0]).toEqual({ projectId: 'c1', counts: { satisfied: 1, basically_satisfied: 1, unsatisfied: 1, abstain: 1 }, satisfactionRate: 2 / 3 });
    expect(results[1].satisfactionRate).toBeNull();
  });
});

describe('round phases', () => {
  const round = (phase: VotingRoundSnapshot['phase'], candidateCount = 5, electorateSize = 7): VotingRoundSnapshot => ({
    id: 'r',
    phase,
    version: 1,
    choose: 2,
    candidateCount,
    electorateSize,
  });
  it.each([
    ['collecting', 'open_comments', 'commenting'],
    ['commenting', 'open_voting', 'voting'],
    ['voting', 'close_voting', 'decided'],
    ['decided', 'open_satisfaction', 'satisfaction'],
    ['satisfaction', 'close_satisfaction', 'finished'],
  ] as const)('%s —%s→ %s', (from, action, to) => {
    expect(nextVotingPhase(round(from), action)).toBe(to);
  });

  it('refuses skipping a phase, a ballot with no real choice and an empty electorate', () => {
    expect(() => nextVotingPhase(round('collecting'), 'open_voting')).toThrow(expect.objectContaining({ code: 'VOTING_INVALID_TRANSITION' }));
    expect(() => nextVotingPhase(round('voting'), 'open_voting')).toThrow(expect.objectContaining({ code: 'VOTING_INVALID_TRANSITION' }));
    expect(() => nextVotingPhase(round('commenting', 2), 'open_voting')).toThrow(/more than 2/);
    expect(() => nextVotingPhase(round('commenting', 5, 0), 'open_voting')).toThrow(/electorate/);
  });
});
