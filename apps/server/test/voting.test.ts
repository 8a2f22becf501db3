/**
 * Livelihood-project voting over the API on both databases (issue #6): candidates from the
 * office, a deputy and a citizen; public comments with personal data masked; a fixed
 * electorate chooses 2 of 5 by secret ballot; a deputy cannot vote twice or see another's
 * ballot; the count is reproducible from the published ballots and a changed ballot is
 * detected; progress reports; the year-end satisfaction vote.
 */
import { ballotHash } from '@lianxin/core';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe.each(dialects)('livelihood-project voting on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let office: Session;
  const voters: Session[] = [];
  const voterIds: string[] = [];
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    office = await t.login('supervisor');
    const deputies = (await t.request({ method: 'GET', url: '/api/v1/deputies?pageSize=6', session: admin })).json().items as Array<{ id: string }>;
    for (const [i, d] of deputies.entries()) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/users',
        session: admin,
        payload: { username: `voter-${i}`, displayName: `代表${i}`, password: 'lianxin-demo', roles: ['deputy'], scope: { deputyId: d.id } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const session = await t.login(`voter-${i}`);
      if (i < 5) {
        voters.push(session);
        voterIds.push(d.id);
      } else outsider = session;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const round = async (id: string, session: Session = office) => (await t.request({ method: 'GET', url: `/api/v1/voting/rounds/${id}`, session })).json();
  const act = async (id: string, action: string, body: Record<string, unknown> = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/voting/rounds/${id}/actions/${action}`,
      session: office,
      payload: { expectedVersion: (await round(id)).round.version, ...body },
    });
  const vote = (session: Session, id: string, selected: string[]) =>
    t.request({ method: 'POST', url: `/api/v1/voting/rounds/${id}/ballot`, session, payload: { selected } });

  it('a fixed electorate chooses the right projects, once each, secretly and reproducibly', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/voting/rounds',
      session: office,
      payload: { year: 2026, title: '2026年民生实事项目票决', choose: 2, majorityRequired: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().phase).toBe('collecting');

    const titles = ['老旧小区改造提升工程', '城乡公交一体化工程', '中小学食堂改造工程', '社区养老服务中心建设'];
    const c: string[] = [];
    for (const title of titles) {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/voting/rounds/${id}/candidates`,
        session: office,
        payload: { title, description: `${title}的说明`, source: 'department' },
      });
      expect(res.json().status).toBe('accepted');
      c.push(res.json().id);
    }
    const fromDeputy = await t.request({
      method: 'POST',
      url: `/api/v1/voting/rounds/${id}/candidates`,
      session: voters[0],
      payload: { title: '农村饮用水安全工程', description: '提升农村饮用水水质。' },
    });
    expect(fromDeputy.json()).toMatchObject({ status: 'proposed', source: 'deputy' });
    const fromCitizen = await t.request({
      method: 'POST',
      url: `/api/v1/public/voting/rounds/${id}/candidates`,
      payload: { title: '增设公共充电桩', description: '小区电动车充电难，建议增设充电桩。' },
    });
    expect(fromCitizen.statusCode).toBe(201);
    const accepted = await t.request({
      method: 'POST',
      url: `/api/v1/voting/candidates/${fromDeputy.json().id}/review`,
      session: office,
      payload: { decision: 'accepted' },
    });
    expect(accepted.json().status).toBe('accepted');
    c.push(fromDeputy.json().id);
    // A deputy cannot move the round.
    expect(
      (await t.request({ method: 'POST', url: `/api/v1/voting/rounds/${id}/actions/open_comments`, session: voters[0], payload: { expectedVersion: 1 } }))
        .statusCode,
    ).toBe(403);
    // Skipping the comment period is refused.
    expect(errorCode(await act(id, 'open_voting'))).toBe('VOTING_INVALID_TRANSITION');

    expect((await act(id, 'open_comments')).json().phase).toBe('commenting');
    const publicRound = (await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${id}` })).json();
    expect(publicRound.candidates).toHaveLength(5); // the citizen's proposal was not accepted
    expect((await t.ctx.repos.voting.findCandidate(fromCitizen.json().id))!.status).toBe('rejected');
    const comment = await t.request({
      method: 'POST',
      url: `/api/v1/public/voting/candidates/${c[0]}/comments`,
      payload: { stance: 'support', content: '非常支持，我家就在老小区，电话13812345678' },
    });
    expect(comment.statusCode).toBe(201);
    const shown = (await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${id}` })).json().candidates[0].comments[0];
    expect(shown.content).not.toContain('13812345678');
    expect(shown.content).toContain('138****5678');
    // Ballots may not be cast before voting opens.
    expect(errorCode(await vote(voters[0], id, [c[0]]))).toBe('VOTING_INVALID_TRANSITION');

    const opened = await act(id, 'open_voting', { electorate: voterIds });
    expect(opened.json().phase).toBe('voting');
    expect(
      errorCode(await t.request({ method: 'POST', url: `/api/v1/public/voting/candidates/${c[0]}/comments`, payload: { stance: 'support', content: '支持' } })),
    ).toBe('VOTING_INVALID_TRANSITION');

    // c0: 4 votes, c1: 3, c2: 1, c3: 1, c4: 0 — majority of 5 is 3.
    const picks = [[c[0], c[1]], [c[0], c[2]], [c[0], c[1]], [c[1], c[3]], [c[0]]];
    const receipts: string[] = [];
    for (const [i, selected] of picks.entries()) {
      const res = await vote(voters[i], id, selected);
      expect(res.statusCode, res.body).toBe(201);
      receipts.push(res.json().receipt);
    }
    // Each deputy votes once; the second ballot is refused and not stored.
    const twice = await vote(voters[0], id, [c[3], c[4]]);
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe('VOTE_ALREADY_CAST');
    expect(errorCode(await vote(outsider, id, [c[0]]))).toBe('VOTE_NOT_ELIGIBLE');
    expect(errorCode(await vote(admin, id, [c[0]]))).toBe('VOTE_NOT_ELIGIBLE');
    const tooMany = await vote(voters[0], id, [c[0], c[1], c[2]]);
    expect(errorCode(tooMany)).toBe('VOTE_BALLOT_INVALID');

    // Nobody sees ballots while the vote runs; deputies see only whether they voted.
    expect((await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${id}/ballots` })).statusCode).toBe(422);
    expect((await round(id, voters[1])).me).toEqual({ elector: true, votedSelection: true, votedSatisfaction: false });
    expect((await t.request({ method: 'GET', url: `/api/v1/voting/rounds/${id}/turnout`, session: voters[1] })).statusCode).toBe(403);
    const turnout = (await t.request({ method: 'GET', url: `/api/v1/voting/rounds/${id}/turnout`, session: office })).json().items;
    expect(turnout.filter((x: { votedSelection: boolean }) => x.votedSelection)).toHaveLength(5);
    // While the vote runs, no ballot is stored in the clear: they wait sealed (voting-secrecy.test.ts).
    expect(await t.storage.db.selectFrom('vote_ballots').selectAll().where('round_id', '=', id).execute()).toEqual([]);
    const [pool] = await t.storage.db.selectFrom('vote_ballot_pool').selectAll().where('round_id', '=', id).execute();
    for (const secret of [...receipts, ...c]) expect(pool.sealed).not.toContain(secret);

    const closed = await act(id, 'close_voting');
    // The stored ballots carry no voter and no time.
    const stored = await t.storage.db.selectFrom('vote_ballots').selectAll().where('round_id', '=', id).execute();
    expect(stored).toHaveLength(5);
    expect(Object.keys(stored[0]).sort()).toEqual(['choices', 'hash', 'nonce', 'phase', 'round_id']);
    for (const b of stored) for (const voterId of voterIds) expect(JSON.stringify(b)).not.toContain(voterId);
    expect(closed.json().phase).toBe('decided');
    expect(closed.json().selectionResult).toMatchObject({ ballots: 5, electorate: 5, chosen: [c[0], c[1]], tied: [] });
    const byId = Object.fromEntries(closed.json().selectionResult.results.map((r: { candidateId: string; votes: number }) => [r.candidateId, r.votes]));
    expect(byId).toEqual({ [c[0]]: 4, [c[1]]: 3, [c[2]]: 1, [c[3]]: 1, [c[4]]: 0 });

    const audit = (await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${id}/ballots` })).json();
    expect(audit).toMatchObject({ electorate: 5, voted: 5, hashesValid: true, reproducible: true });
    expect(audit.ballots.map((b: { hash: string }) => b.hash).sort()).toEqual([...receipts].sort());
    // Anyone can recompute a ballot's hash from what is published.
    const first = audit.ballots[0];
    expect(ballotHash({ roundId: id, phase: 'selection', choices: first.choices, nonce: first.nonce })).toBe(first.hash);

    // A ballot changed in the database no longer adds up.
    await t.storage.db
      .updateTable('vote_ballots')
      .set({ choices: JSON.stringify({ selected: [c[4]] }) })
      .where('hash', '=', first.hash)
      .execute();
    const tampered = (await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${id}/ballots` })).json();
    expect(tampered).toMatchObject({ hashesValid: false, reproducible: false });
    await t.storage.db
      .updateTable('vote_ballots')
      .set({ choices: JSON.stringify(first.choices) })
      .where('hash', '=', first.hash)
      .execute();

    // Progress on chosen projects only.
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/voting/candidates/${c[0]}/progress`,
          session: office,
          payload: { progress: 60, content: '已完成12个小区改造' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      errorCode(
        await t.request({ method: 'POST', url: `/api/v1/voting/candidates/${c[2]}/progress`, session: office, payload: { progress: 10, content: '未当选' } }),
      ),
    ).toBe('VOTING_INVALID_TRANSITION');

    // Year-end satisfaction vote over the two chosen projects.
    expect((await act(id, 'open_satisfaction')).json().phase).toBe('satisfaction');
    const ratings = [
      { [c[0]]: 'satisfied', [c[1]]: 'abstain' },
      { [c[0]]: 'basically_satisfied', [c[1]]: 'unsatisfied' },
      { [c[0]]: 'unsatisfied', [c[1]]: 'satisfied' },
    ];
    for (const [i, r] of ratings.entries()) {
      const res = await t.request({ method: 'POST', url: `/api/v1/voting/rounds/${id}/satisfaction-ballot`, session: voters[i], payload: { ratings: r } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const missing = await t.request({
      method: 'POST',
      url: `/api/v1/voting/rounds/${id}/satisfaction-ballot`,
      session: voters[3],
      payload: { ratings: { [c[0]]: 'satisfied' } },
    });
    expect(errorCode(missing)).toBe('VOTE_BALLOT_INVALID');
    const finished = await act(id, 'close_satisfaction');
    expect(finished.json().satisfactionResult).toEqual([
      { projectId: c[0], counts: { satisfied: 1, basically_satisfied: 1, unsatisfied: 1, abstain: 0 }, satisfactionRate: 2 / 3 },
      { projectId: c[1], counts: { satisfied: 1, basically_satisfied: 0, unsatisfied: 1, abstain: 1 }, satisfactionRate: 0.5 },
    ]);
    expect((await t.request({ method: 'GET', url: `/api/v1/public/voting/rounds/${id}/ballots?phase=satisfaction` })).json().reproducible).toBe(true);

    const xlsx = await t.request({ method: 'GET', url: `/api/v1/voting/rounds/${id}/export.xlsx`, session: office });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('many deputies voting at the same moment: each counted once', async () => {
    const id = (
      await t.request({
        method: 'POST',
        url: '/api/v1/voting/rounds',
        session: office,
        payload: { year: 2027, title: '2027年民生实事项目票决', choose: 1, majorityRequired: false },
      })
    ).json().id;
    const c: string[] = [];
    for (const title of ['项目甲测试', '项目乙测试'])
      c.push(
        (
          await t.request({ method: 'POST', url: `/api/v1/voting/rounds/${id}/candidates`, session: office, payload: { title, description: '说明文字' } })
        ).json().id,
      );
    await act(id, 'open_comments');
    await act(id, 'open_voting', { electorate: voterIds });
    // Every voter sends the same ballot three times at once.
    const results = await Promise.all(voters.flatMap((v) => [0, 1, 2].map(() => vote(v, id, [c[0]]))));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(10);
    const closed = await act(id, 'close_voting');
    expect(closed.json().selectionResult).toMatchObject({ ballots: 5, chosen: [c[0]] });
  });
});
