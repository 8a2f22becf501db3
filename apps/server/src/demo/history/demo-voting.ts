/**
 * 民生实事 project voting for the demo: last year's round run to the end — candidates from
 * departments, deputies and the public, a public comment period, the deputies' secret selection
 * ballots, the chosen projects' progress reports through the year and the year-end satisfaction
 * ballots — and this year's round open for public comment. Ballots are cast through the voting
 * service, one deputy at a time, so only their hashes, choices and nonces are stored, unlinked
 * from the voters, exactly as live.
 */
import { addCalendarDays, chinaDateOf, type FixedClock, type SatisfactionChoice } from '@lianxin/core';
import type { AppContext } from '../../context';
import { rng, weighted } from '../../cases/case-history';
import type { DemoOrg } from './demo-org';

const DAY = 86_400_000;

/** Candidates: title, description, responsible department (fixture name), budget (10k yuan), source. */
const PROJECTS: ReadonlyArray<readonly [string, string, string, number, 'department' | 'deputy' | 'public']> = [
  ['城区老旧小区加装电梯', '为符合条件的老旧小区加装电梯80台，给予每台20万元补助。', '市住房和城乡建设局', 1600, 'department'],
  ['社区老年食堂全覆盖', '每个街道建成1家以上老年食堂，为80岁以上老人提供助餐服务。', '市民政局', 800, 'department'],
  ['中小学校园周边交通安全提升', '在30所中小学周边设置护学岗、接送区和智能信号灯。', '市公安局', 600, 'deputy'],
  ['山区乡镇城乡供水一体化', '新建改造供水管网120公里，覆盖山区乡镇60个村。', '市水利局', 5200, 'department'],
  ['城区公共停车场建设', '新建公共停车场8处，新增停车位2000个。', '市自然资源和规划局', 3000, 'deputy'],
  ['乡镇卫生院服务能力提升', '为10家乡镇卫生院配置CT、DR等设备，开通远程会诊。', '市卫生健康局', 2400, 'department'],
  ['城市书房建设', '新建城市书房15家，实行24小时自助开放。', '市文化和广电旅游体育局', 450, 'public'],
  ['农贸市场改造提升', '完成12家农贸市场改造，推行智慧秤和溯源管理。', '市商务局', 900, 'deputy'],
];

const NEXT_PROJECTS: ReadonlyArray<readonly [string, string, string, number]> = [
  ['城区雨污分流改造', '完成城区12个片区雨污分流改造，解决雨后积水和河道污染。', '市住房和城乡建设局', 4200],
  ['电动自行车集中充电设施建设', '在200个住宅小区建设集中充电车棚。', '市综合行政执法局', 700],
  ['儿童友好公园建设', '新建改建儿童友好公园10个。', '市住房和城乡建设局', 1100],
  ['困难群众就医帮扶', '为低保、特困人员提供住院医疗费用补充保障。', '市医疗保障局', 600],
  ['乡村公交提质', '开通预约响应式公交，覆盖偏远山区村。', '市交通运输局', 500],
  ['社区嵌入式托育服务', '建设社区托育点20个，提供普惠托育服务。', '市卫生健康局', 900],
  ['全民健身设施更新', '更新社区健身器材1000件，建设百姓健身房。', '市文化和广电旅游体育局', 400],
];

const COMMENTS: ReadonlyArray<readonly ['support' | 'oppose' | 'neutral', string]> = [
  ['support', '很有必要，我们小区老人盼了好多年了'],
  ['support', '支持！希望尽快实施'],
  ['support', '这个项目惠及面广，建议优先'],
  ['neutral', '建议把资金用在更紧迫的地方，先做试点'],
  ['oppose', '预算偏高，建议压缩规模'],
  ['neutral', '希望实施过程中多听居民意见'],
];

/** Runs last year's round to the end and opens this year's; returns what was cast. */
export async function seedDemoVoting(ctx: AppContext, clock: FixedClock, org: DemoOrg, input: { end: Date; days: number }) {
  const random = rng(777);
  const endMs = input.end.getTime();
  const office = org.supervisor;
  const dept = (name: string) => org.departments.find((d) => d.name === name)?.id ?? null;
  const set = (ms: number) => clock.set(new Date(Math.min(ms, endMs - 60_000)));
  const start = endMs - Math.min(input.days - 5, 350) * DAY;
  const voteDay = start + 30 * DAY;
  const year = Number(chinaDateOf(new Date(voteDay)).slice(0, 4));

  set(start);
  const round = await ctx.voting.createRound(office, {
    year,
    title: `${year}年度民生实事项目票决`,
    description: '由市人大代表从候选项目中票决产生年度民生实事项目，并在年底对实施情况进行满意度测评。',
    choose: 5,
    majorityRequired: true,
  });
  const ids: string[] = [];
  for (const [k, [title, description, department, budget, source]] of PROJECTS.entries()) {
    set(start + (k + 1) * 3_600_000);
    if (source === 'public') {
      const { id } = await ctx.voting.addPublicCandidate(round.id, { title, description, proposer: '市民（演示）' });
      await ctx.voting.reviewCandidate(office, id, 'accepted');
      ids.push(id);
    } else {
      const c = await ctx.voting.addCandidate(office, round.id, { title, description, source, departmentId: dept(department), budget });
      ids.push(c.id);
    }
  }
  // A public proposal the office did not put on the ballot.
  const declined = await ctx.voting.addPublicCandidate(round.id, {
    title: '修建城区地下商业街',
    description: '建议在城区中心修建地下商业街。',
    proposer: '市民（演示）',
  });
  await ctx.voting.reviewCandidate(office, declined.id, 'rejected');

  // Public comments for ten days.
  set(start + 5 * DAY);
  let r = await ctx.voting.round(round.id);
  const commentFrom = new Date(start + 5 * DAY).toISOString();
  const commentTo = new Date(start + 15 * DAY).toISOString();
  r = await ctx.voting.act(office, round.id, 'open_comments', { expectedVersion: r.version, commentFrom, commentTo });
  let comments = 0;
  for (let k = 0; k < 30; k++) {
    set(start + 5 * DAY + Math.floor(random() * 9 * DAY));
    const [stance, content] = COMMENTS[Math.floor(random() * COMMENTS.length)];
    await ctx.voting.comment(ids[Math.floor(random() * ids.length)], { stance, content });
    comments++;
  }

  // The congress session: every deputy on the electorate; most vote, each for five projects.
  set(voteDay);
  r = await ctx.voting.act(office, round.id, 'open_voting', { expectedVersion: r.version });
  const popularity = ids.map((id, k) => [id, [9, 8, 7, 6, 6, 5, 4, 3][k] ?? 3] as const);
  let selection = 0;
  for (const [k, deputy] of org.deputies.entries()) {
    const actor = org.deputyActors.get(deputy.id);
    if (!actor || random() < 0.06) continue;
    set(voteDay + 30 * 60_000 + k * 20_000);
    const chosen = new Set<string>();
    while (chosen.size < 5) chosen.add(weighted(random, popularity));
    await ctx.voting.castSelection(actor, round.id, [...chosen]);
    selection++;
  }
  set(voteDay + 4 * 3_600_000);
  r = await ctx.voting.act(office, round.id, 'close_voting', { expectedVersion: r.version });

  // Progress through the year on the chosen projects.
  const chosen = (await ctx.repos.voting.candidates(round.id, ['accepted'])).filter((c) => c.chosen);
  const quarters = Math.max(1, Math.min(4, Math.floor((endMs - voteDay) / (85 * DAY))));
  for (let q = 1; q <= quarters; q++) {
    for (const c of chosen) {
      set(voteDay + q * 80 * DAY);
      const handler = c.departmentId ? org.handlers.get(c.departmentId) : undefined;
      const progress = Math.min(100, q * 25 + Math.floor(random() * 10));
      await ctx.voting.reportProgress(handler ?? office, c.id, {
        progress,
        content: progress >= 100 ? '项目已全部完成并通过验收。' : `第${q}季度：项目按计划推进，已完成${progress}%。`,
      });
    }
  }

  // Year-end satisfaction vote on the chosen projects.
  const satisfactionDay = endMs - 12 * DAY;
  set(satisfactionDay);
  r = await ctx.voting.act(office, round.id, 'open_satisfaction', { expectedVersion: r.version });
  let satisfaction = 0;
  for (const [k, deputy] of org.deputies.entries()) {
    const actor = org.deputyActors.get(deputy.id);
    if (!actor || random() < 0.1) continue;
    set(satisfactionDay + 3_600_000 + k * 30_000);
    const ratings: Record<string, SatisfactionChoice> = {};
    for (const c of chosen)
      ratings[c.id] = weighted(random, [
        ['satisfied', 70],
        ['basically_satisfied', 22],
        ['unsatisfied', 5],
        ['abstain', 3],
      ] as const);
    await ctx.voting.castSatisfaction(actor, round.id, ratings);
    satisfaction++;
  }
  set(satisfactionDay + 2 * DAY);
  r = await ctx.voting.act(office, round.id, 'close_satisfaction', { expectedVersion: r.version });

  // Next year's round: candidates in, the public comment period open now.
  set(endMs - 8 * DAY);
  const next = await ctx.voting.createRound(office, {
    year: year + 1,
    title: `${year + 1}年度民生实事候选项目征集`,
    description: '候选项目向社会公示，欢迎市民发表意见。',
    choose: 5,
    majorityRequired: true,
  });
  const nextIds: string[] = [];
  for (const [title, description, department, budget] of NEXT_PROJECTS) {
    nextIds.push((await ctx.voting.addCandidate(office, next.id, { title, description, source: 'department', departmentId: dept(department), budget })).id);
  }
  set(endMs - 3 * DAY);
  const today = chinaDateOf(input.end);
  await ctx.voting.act(office, next.id, 'open_comments', {
    expectedVersion: (await ctx.voting.round(next.id)).version,
    commentFrom: new Date(endMs - 3 * DAY).toISOString(),
    commentTo: new Date(Date.parse(`${addCalendarDays(today, 20)}T15:59:59.000Z`)).toISOString(),
  });
  for (let k = 0; k < 8; k++) {
    set(endMs - 3 * DAY + k * 6 * 3_600_000);
    const [stance, content] = COMMENTS[k % COMMENTS.length];
    await ctx.voting.comment(nextIds[k % nextIds.length], { stance, content });
    comments++;
  }
  clock.set(input.end);
  return { rounds: 2, phase: r.phase, selection, satisfaction, comments };
}
