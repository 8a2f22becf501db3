/**
 * Deputies' suggestions and motions of the demo year, at every stage of their workflow:
 * drafts gathering co-signers, submitted, registered, assigned (one past its answer
 * deadline), answered and waiting for the deputy's rating, in follow-up after a class B/C
 * answer, closed, not registered, withdrawn, and a motion converted into a suggestion. Two
 * are under key supervision with a KPI tree, its monthly reports, and an issue list (one item
 * closed with evidence, one overdue). Everything goes through the proposal and supervision
 * services at the moment it happened (a moved clock), so events, numbers, deadlines and the
 * audit log are what people doing it would have left.
 */
import { addCalendarDays, chinaDateOf, type AnswerClass, type FixedClock, type ProposalAction, type ProposalType } from '@lianxin/core';
import { loadSharp } from '../../platform/lazy-modules';
import type { AppContext } from '../../context';
import type { RequestActor } from '../../auth/actor';
import type { DemoOrg } from './demo-org';

const DAY = 86_400_000;

type Stage =
  'draft' | 'submitted' | 'registered' | 'assigned' | 'overdue' | 'answered' | 'follow_up' | 'closed' | 'reanswered' | 'rejected' | 'withdrawn' | 'converted';

interface Spec {
  type: ProposalType;
  title: string;
  body: string;
  /** Lead unit (department name, as in the fixture) and co-units. */
  lead: string;
  co?: string[];
  stage: Stage;
  answerClass?: AnswerClass;
  key?: { leader: string; kpis: Array<{ name: string; unit: string; baseline: number; target: number }>; issues: string[] };
}

const SPECS: Spec[] = [
  {
    type: 'motion',
    title: '关于加快推进城区老旧小区改造的议案',
    body: '我市城区建成于2000年以前的住宅小区普遍存在管网老化、停车困难、无障碍设施缺失等问题。建议制定三年改造计划，统筹加装电梯、雨污分流和停车设施建设，建立居民出资、政府补助、社会参与的资金机制。',
    lead: '市住房和城乡建设局',
    co: ['市财政局', '市自然资源和规划局'],
    stage: 'follow_up',
    answerClass: 'B',
    key: {
      leader: '市人大常委会副主任（演示）',
      kpis: [
        { name: '完成改造小区数', unit: '个', baseline: 0, target: 30 },
        { name: '加装电梯数', unit: '台', baseline: 12, target: 80 },
        { name: '新增停车位', unit: '个', baseline: 0, target: 1200 },
      ],
      issues: ['安阳片区雨污分流改造', '玉海片区加装电梯联合审批', '锦湖片区停车场建设'],
    },
  },
  {
    type: 'motion',
    title: '关于加强农村饮用水安全保障的议案',
    body: '部分山区乡镇仍依靠山塘水库和单村供水站，枯水期供水不足，水质检测不及时。建议推进城乡供水一体化，将偏远村纳入统一管网，建立水质定期检测和公开制度。',
    lead: '市水利局',
    co: ['市卫生健康局', '市农业农村局'],
    stage: 'assigned',
    key: {
      leader: '市人大常委会主任（演示）',
      kpis: [
        { name: '城乡供水一体化覆盖村数', unit: '个', baseline: 120, target: 180 },
        { name: '水质检测合格率', unit: '%', baseline: 91, target: 98 },
      ],
      issues: ['高楼片区管网延伸工程', '北麂乡海岛供水改造'],
    },
  },
  {
    type: 'motion',
    title: '关于制定农贸市场提升改造条例的议案',
    body: '建议将农贸市场改造纳入地方立法调研，明确建设标准、管理责任和经费来源。',
    lead: '市商务局',
    stage: 'converted',
  },
  {
    type: 'suggestion',
    title: '关于增加城区公交早晚高峰班次的建议',
    body: '城区主要公交线路早晚高峰满载率高，候车时间长。建议优化线网，加密高峰班次，增设社区微公交。',
    lead: '市交通运输局',
    stage: 'closed',
    answerClass: 'A',
  },
  {
    type: 'suggestion',
    title: '关于在学校周边设置护学岗和限速设施的建议',
    body: '部分学校门口上下学时段车流密集，建议设置护学岗、限速标志和即停即走接送区。',
    lead: '市公安局',
    co: ['市教育局'],
    stage: 'closed',
    answerClass: 'A',
  },
  {
    type: 'suggestion',
    title: '关于推进社区老年食堂建设的建议',
    body: '老龄化程度加深，独居老人吃饭难问题突出。建议每个街道至少建设一处老年食堂，给予运营补贴。',
    lead: '市民政局',
    co: ['市财政局'],
    stage: 'follow_up',
    answerClass: 'B',
  },
  {
    type: 'suggestion',
    title: '关于加强餐饮油烟污染治理的建议',
    body: '居民区底商餐饮油烟扰民投诉多，建议全面推行油烟净化设施在线监控。',
    lead: '温州市生态环境局瑞安分局',
    stage: 'closed',
    answerClass: 'A',
  },
  {
    type: 'suggestion',
    title: '关于提高乡村教师生活补助的建议',
    body: '偏远乡村学校教师流失较多，建议提高乡村教师生活补助标准，改善教师周转房条件。',
    lead: '市教育局',
    co: ['市财政局'],
    stage: 'reanswered',
    answerClass: 'C',
  },
  {
    type: 'suggestion',
    title: '关于简化异地就医备案手续的建议',
    body: '在外务工人员异地就医备案仍需跑窗口，建议全面推行线上备案和直接结算。',
    lead: '市医疗保障局',
    stage: 'closed',
    answerClass: 'A',
  },
  {
    type: 'suggestion',
    title: '关于规范电动自行车集中充电设施建设的建议',
    body: '电动自行车楼道充电火灾隐患大，建议在住宅小区统一规划建设集中充电车棚。',
    lead: '市住房和城乡建设局',
    co: ['市综合行政执法局'],
    stage: 'closed',
    answerClass: 'B',
  },
  {
    type: 'suggestion',
    title: '关于支持农村电商发展的建议',
    body: '建议加强农村电商服务站建设，开展直播带货培训，帮助农产品拓宽销路。',
    lead: '市商务局',
    co: ['市农业农村局'],
    stage: 'answered',
    answerClass: 'A',
  },
  {
    type: 'suggestion',
    title: '关于延长图书馆和文化馆开放时间的建议',
    body: '建议公共文化场馆错时开放，周末和节假日延长开放时间，方便上班族和学生。',
    lead: '市文化和广电旅游体育局',
    stage: 'answered',
    answerClass: 'B',
  },
  {
    type: 'suggestion',
    title: '关于加密山区乡镇客运班线的建议',
    body: '山区乡镇客运班次少、末班车早，群众进城就医就学不便，建议加密班次并推行预约响应式公交。',
    lead: '市交通运输局',
    stage: 'overdue',
  },
  {
    type: 'suggestion',
    title: '关于整治河道沿岸违规排污的建议',
    body: '部分河道沿岸仍有小作坊违规排污，建议开展专项执法并建立河长巡河通报制度。',
    lead: '温州市生态环境局瑞安分局',
    co: ['市水利局'],
    stage: 'assigned',
  },
  {
    type: 'suggestion',
    title: '关于加快建设城区停车场的建议',
    body: '老城区停车位缺口大，建议利用边角地、学校操场地下空间建设公共停车场，推行错时共享停车。',
    lead: '市自然资源和规划局',
    co: ['市住房和城乡建设局', '市公安局'],
    stage: 'registered',
  },
  {
    type: 'suggestion',
    title: '关于开展防范电信诈骗进社区活动的建议',
    body: '老年人受骗案件多发，建议公安、社区联合开展防诈宣传进社区、进家庭。',
    lead: '市公安局',
    stage: 'submitted',
  },
  {
    type: 'suggestion',
    title: '关于增设社区健身设施的建议',
    body: '部分社区健身器材老化损坏，建议每年安排专项资金更新维护。',
    lead: '市文化和广电旅游体育局',
    stage: 'rejected',
  },
  {
    type: 'suggestion',
    title: '关于在高铁站增设出租车候客区的建议',
    body: '高铁站出租车候客秩序混乱，建议规划专用候客区并加强管理。',
    lead: '市交通运输局',
    stage: 'withdrawn',
  },
  {
    type: 'suggestion',
    title: '关于推进垃圾分类精准投放的建议',
    body: '建议在住宅小区推行定时定点投放和督导员制度，提高垃圾分类准确率。',
    lead: '市综合行政执法局',
    stage: 'draft',
  },
  {
    type: 'motion',
    title: '关于加强校外培训机构监管的议案',
    body: '校外培训机构预收费用风险大，建议建立预收费资金监管制度和黑白名单。',
    lead: '市教育局',
    stage: 'draft',
  },
];

/** Runs the demo's suggestions and motions through the services; returns how many of each status. */
export async function seedDemoProposals(ctx: AppContext, clock: FixedClock, org: DemoOrg, input: { end: Date; days: number }) {
  const settings = await ctx.proposals.settings();
  const endMs = input.end.getTime();
  const session = endMs - Math.min(input.days - 20, 330) * DAY;
  const departments = new Map(org.departments.map((d) => [d.name, d.id]));
  const dept = (name: string) => departments.get(name) ?? org.departments[0].id;
  const handler = (name: string) => org.handlers.get(dept(name))!;
  const office = org.supervisor;
  // Lead deputies: county deputies with an account, spread over the stations.
  const county = org.deputies.filter((d) => d.levels.includes('county') && org.deputyActors.has(d.id));
  const deputy = (id: string): RequestActor => org.deputyActors.get(id)!;
  const byStatus: Record<string, number> = {};
  let kpiReports = 0;

  for (const [i, spec] of SPECS.entries()) {
    const lead = county[(i * 7) % county.length];
    const leadActor = deputy(lead.id);
    // Most were handed in at the session; the ones still early in their course while the congress was not sitting.
    const daysAgo: Partial<Record<Stage, number>> = {
      answered: 110,
      overdue: 120,
      registered: 40,
      submitted: 25,
      draft: 12,
      assigned: spec.type === 'motion' ? 150 : 50,
    };
    let t = daysAgo[spec.stage] !== undefined ? endMs - (daysAgo[spec.stage]! - (i % 5)) * DAY : session + i * 3_600_000;
    const at = (ms: number) => {
      t = Math.min(ms, endMs - 3_600_000);
      clock.set(new Date(t));
    };
    const act = async (actor: RequestActor, id: string, action: ProposalAction) => {
      const { record } = await ctx.proposals.get(actor, id);
      return ctx.proposals.act(actor, id, action, record.version);
    };
    at(t - 6 * DAY);
    const others = county.filter((d) => d.id !== lead.id);
    const cosignerIds =
      spec.type === 'motion'
        ? Array.from({ length: settings.motionMinCosigners + 1 }, (_, k) => others[(i * 11 + k * 3) % others.length].id)
        : [others[(i * 5) % others.length].id];
    const created = await ctx.proposals.create(leadActor, { type: spec.type, title: spec.title, body: spec.body, cosignerIds: [...new Set(cosignerIds)] });
    const id = created.id;
    const signers = spec.stage === 'draft' ? cosignerIds.slice(0, Math.floor(cosignerIds.length / 2)) : cosignerIds;
    for (const [k, c] of [...new Set(signers)].entries()) {
      at(t + (k + 1) * 3_600_000);
      await act(deputy(c), id, { type: 'cosign' });
    }
    if (spec.stage === 'draft') {
      byStatus.draft = (byStatus.draft ?? 0) + 1;
      continue;
    }
    at(t + 5 * DAY);
    await act(leadActor, id, { type: 'submit' });
    if (spec.stage === 'withdrawn') {
      at(t + 2 * DAY);
      await act(leadActor, id, { type: 'withdraw', reason: '经与相关部门沟通，问题已在推进中，撤回本件' });
    } else if (spec.stage === 'rejected') {
      at(t + 4 * DAY);
      await act(office, id, { type: 'reject', reason: '所提事项已纳入年度民生实事项目，不再单独立案' });
    } else if (spec.stage !== 'submitted') {
      at(t + 3 * DAY);
      await act(
        office,
        id,
        spec.stage === 'converted' ? { type: 'convert', number: '', reason: '不符合议案立案条件，转为建议办理' } : { type: 'register', number: '' },
      );
      if (spec.stage !== 'registered') {
        if (spec.key) {
          at(t + DAY);
          await act(office, id, { type: 'designate_key', leader: spec.key.leader });
        }
        at(t + 4 * DAY);
        await act(office, id, { type: 'assign', leadUnitId: dept(spec.lead), coUnitIds: (spec.co ?? []).map(dept) });
        const assignedAt = t;
        if (spec.type === 'motion' && spec.stage === 'assigned') {
          // A motion takes longer: the lead unit asked for the six months the rules allow.
          at(t + 20 * DAY);
          await act(handler(spec.lead), id, { type: 'request_extension', reason: '涉及多部门协同和资金安排，申请延长答复期限' });
          at(t + 2 * DAY);
          await act(office, id, { type: 'approve_extension', reason: '同意延期' });
        }
        if (spec.key) kpiReports += await seedKeySupervision(ctx, clock, org, id, spec, { from: assignedAt, end: endMs });
        for (const co of spec.co ?? []) {
          at(t + 10 * DAY);
          await act(handler(co), id, { type: 'co_answer', content: '我单位将积极配合主办单位做好相关工作，提供政策和资金支持。' });
        }
        if (spec.stage === 'overdue') {
          // Three months passed without an answer: the office urges the lead unit.
          at(assignedAt + 95 * DAY);
          await act(office, id, { type: 'urge', note: '答复期限已过，请抓紧办理并书面答复代表' });
        } else if (spec.stage !== 'assigned') {
          at(assignedAt + (spec.stage === 'answered' ? 80 : 50 + (i % 30)) * DAY);
          const answerClass = spec.answerClass ?? 'A';
          await act(handler(spec.lead), id, { type: 'answer', content: answerText(spec, answerClass), answerClass });
          if (spec.stage !== 'answered') {
            at(t + 12 * DAY);
            const unsatisfied = spec.stage === 'reanswered';
            await act(leadActor, id, {
              type: 'rate',
              rating: unsatisfied ? 'unsatisfied' : i % 3 ? 'satisfied' : 'basically_satisfied',
              comment: unsatisfied ? '答复过于原则，缺少具体措施' : '答复具体，措施可行',
            });
            if (unsatisfied) {
              at(t + 20 * DAY);
              await act(handler(spec.lead), id, { type: 'answer', content: answerText(spec, 'B'), answerClass: 'B' });
              at(t + 7 * DAY);
              await act(leadActor, id, { type: 'rate', rating: 'basically_satisfied', comment: '措施具体了，请抓好落实' });
            }
            if (spec.stage === 'closed' && (spec.answerClass === 'B' || spec.answerClass === 'C')) {
              at(t + 90 * DAY);
              await act(handler(spec.lead), id, { type: 'follow_up', content: '承诺事项已全部落实，特此续报。' });
            }
          }
        }
      }
    }
    const stored = await ctx.repos.proposals.find(id);
    byStatus[stored!.status] = (byStatus[stored!.status] ?? 0) + 1;
  }
  clock.set(input.end);
  return { byStatus, kpiReports };
}

function answerText(spec: Spec, answerClass: AnswerClass): string {
  const head = `您提出的《${spec.title.replace(/^关于/, '关于')}》收悉。`;
  if (answerClass === 'A') return `${head}经研究，所提建议已全部采纳并落实，相关工作已于本年度完成，感谢您对我市工作的关心和支持。`;
  if (answerClass === 'B') return `${head}经研究，所提建议已列入年度工作计划，正在分步实施，预计年内完成主要任务，我们将及时向您报告进展。`;
  if (answerClass === 'C') return `${head}所提建议很有意义，因涉及资金和政策调整，需在条件成熟时逐步解决，我们已列入中长期规划。`;
  return `${head}因政策限制，所提事项暂无法解决，我们已向您详细说明有关情况。`;
}

/** KPI tree with monthly reports and an issue list (one closed with evidence, one past its date) for a key item. */
async function seedKeySupervision(
  ctx: AppContext,
  clock: FixedClock,
  org: DemoOrg,
  proposalId: string,
  spec: Spec,
  input: { from: number; end: number },
): Promise<number> {
  const key = spec.key!;
  const office = org.supervisor;
  const leadDept = org.departments.find((d) => d.name === spec.lead)?.id ?? null;
  clock.set(new Date(input.from + 2 * DAY));
  const indicators = [];
  for (const k of key.kpis) {
    indicators.push(
      await ctx.supervision.addIndicator(office, proposalId, {
        ...k,
        period: String(new Date(input.from).getUTCFullYear()),
        departmentId: leadDept,
        weight: 1,
      }),
    );
  }
  // Monthly reports by the lead unit, moving towards the target.
  const handler = leadDept ? org.handlers.get(leadDept)! : office;
  let reports = 0;
  const months = Math.max(1, Math.min(10, Math.floor((input.end - input.from) / (30 * DAY))));
  for (let m = 1; m <= months; m++) {
    const when = input.from + m * 30 * DAY;
    clock.set(new Date(when));
    for (const [j, indicator] of indicators.entries()) {
      const k = key.kpis[j];
      const value = Math.round((k.baseline + ((k.target - k.baseline) * m * 0.9) / Math.max(months, 10)) * 10) / 10;
      await ctx.supervision.report(handler, proposalId, indicator.id, { period: chinaDateOf(new Date(when)).slice(0, 7), value, note: `第${m}个月进展` });
      reports++;
    }
  }
  // The issue list: the first item closed with a photo of the work, the second overdue, the rest open.
  const today = chinaDateOf(new Date(input.end));
  for (const [j, title] of key.issues.entries()) {
    clock.set(new Date(input.from + 3 * DAY));
    const dueDate = j === 1 ? addCalendarDays(today, -12) : addCalendarDays(today, 30 + j * 20);
    const issueId = await ctx.supervision.addIssue(office, proposalId, { title, departmentId: leadDept, dueDate });
    if (j === 0) {
      clock.set(new Date(input.end - 20 * DAY));
      const sharp = await loadSharp();
      const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 200 } } })
        .png()
        .toBuffer();
      const file = await ctx.attachments.upload({ bytes: photo, fileName: 'evidence.png', uploaderKind: 'user', uploaderId: handler.userId });
      const issue = await ctx.repos.supervision.findIssue(issueId);
      await ctx.supervision.closeIssue(handler, issueId, {
        expectedVersion: issue!.version,
        evidence: '工程已完工并通过验收，附现场照片。',
        attachmentIds: [file.id],
      });
    }
  }
  return reports;
}
