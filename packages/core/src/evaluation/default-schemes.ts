/**
 * The schemes Lianxin ships. The station scheme follows the network's published rules:
 * 100 points — premises and rules 10, activities 20, opinion collection 15, handling
 * quality 30, public rating 20, results and features 5 — bonus at most 5, penalties for
 * overdue cases and false reports.
 */
import type { EvaluationSubject, SchemeDefinition } from './scheme';

/** Stations (and the hub): 100 points. */
export const DEFAULT_STATION_SCHEME: SchemeDefinition = {
  indicators: [
    {
      key: 'premises',
      label: '阵地建设与制度',
      labelEn: 'Premises and rules',
      group: '阵地建设与制度',
      weight: 10,
      formula: { kind: 'manual', input: 'premises', max: 10 },
    },
    {
      key: 'receptionRate',
      label: '进站接待完成率',
      labelEn: 'Receptions held vs planned',
      group: '活动开展',
      weight: 10,
      formula: { kind: 'ratio', numerator: 'receptionsHeld', denominator: 'receptionsPlanned' },
    },
    {
      key: 'activities',
      label: '履职活动次数',
      labelEn: 'Activities held',
      group: '活动开展',
      weight: 10,
      formula: { kind: 'target', metric: 'activities', targetPerMonth: 2 },
    },
    {
      key: 'opinions',
      label: '意见收集数',
      labelEn: 'Opinions collected',
      group: '意见收集',
      weight: 10,
      formula: { kind: 'target', metric: 'opinions', targetPerMonth: 10 },
    },
    {
      key: 'deputyCoverage',
      label: '代表进站覆盖率',
      labelEn: 'Deputy coverage',
      group: '意见收集',
      weight: 5,
      formula: { kind: 'ratio', numerator: 'deputiesActive', denominator: 'deputiesTotal' },
    },
    {
      key: 'signOnTime',
      label: '按时签收率',
      labelEn: 'Signed on time',
      group: '办理质效',
      weight: 5,
      formula: { kind: 'ratio', numerator: 'signedOnTime', denominator: 'signed' },
    },
    {
      key: 'replyOnTime',
      label: '按时答复率',
      labelEn: 'Replied on time',
      group: '办理质效',
      weight: 10,
      formula: { kind: 'ratio', numerator: 'repliedOnTime', denominator: 'replied' },
    },
    {
      key: 'closureRate',
      label: '办结率',
      labelEn: 'Closure rate',
      group: '办理质效',
      weight: 10,
      formula: { kind: 'ratio', numerator: 'closed', denominator: 'opinionsAccepted' },
    },
    {
      key: 'returnReopen',
      label: '退回重办控制',
      labelEn: 'Few returns and reopens',
      group: '办理质效',
      weight: 5,
      formula: { kind: 'ratio', numerator: 'returnedOrReopened', denominator: 'casesAssigned', invert: true },
    },
    {
      key: 'satisfaction',
      label: '群众满意率',
      labelEn: 'Satisfaction rate',
      group: '群众评价',
      weight: 20,
      formula: { kind: 'ratio', numerator: 'satisfiedOrBasic', denominator: 'rated' },
    },
    {
      key: 'results',
      label: '成果转化与特色',
      labelEn: 'Results and features',
      group: '成果与特色',
      weight: 5,
      formula: { kind: 'target', metric: 'converted', targetPerMonth: 1 },
    },
  ],
  adjustments: [
    { key: 'bonus', label: '加分项（创新、表彰）', labelEn: 'Bonus (innovation, awards)', kind: 'bonus', source: { input: 'bonus' }, pointsEach: 1, max: 5 },
    { key: 'overduePenalty', label: '超期办理扣分', labelEn: 'Overdue cases', kind: 'penalty', source: { metric: 'overdue' }, pointsEach: 1, max: 10 },
    { key: 'falseReport', label: '虚报瞒报扣分', labelEn: 'False reports', kind: 'penalty', source: { input: 'falseReports' }, pointsEach: 5, max: 20 },
  ],
  bonusCap: 5,
  peerGroupBy: 'regionType',
  boardSize: 3,
};

/** Deputies: receptions, activities, opinions, handling, rating. */
export const DEFAULT_DEPUTY_SCHEME: SchemeDefinition = {
  indicators: [
    {
      key: 'attendance',
      label: '进站接待出勤率',
      labelEn: 'Reception attendance',
      group: '进站接待',
      weight: 30,
      formula: { kind: 'ratio', numerator: 'receptionsHeld', denominator: 'receptionsPlanned' },
    },
    {
      key: 'activities',
      label: '参加活动次数',
      labelEn: 'Activities',
      group: '履职活动',
      weight: 20,
      formula: { kind: 'target', metric: 'activities', targetPerMonth: 1 },
    },
    {
      key: 'opinions',
      label: '收集意见数',
      labelEn: 'Opinions collected',
      group: '意见收集',
      weight: 15,
      formula: { kind: 'target', metric: 'opinions', targetPerMonth: 3 },
    },
    {
      key: 'replyOnTime',
      label: '领办按时答复率',
      labelEn: 'Replied on time',
      group: '办理质效',
      weight: 15,
      formula: { kind: 'ratio', numerator: 'repliedOnTime', denominator: 'replied' },
    },
    {
      key: 'satisfaction',
      label: '群众满意率',
      labelEn: 'Satisfaction rate',
      group: '群众评价',
      weight: 15,
      formula: { kind: 'ratio', numerator: 'satisfiedOrBasic', denominator: 'rated' },
    },
    {
      key: 'suggestions',
      label: '转化代表建议',
      labelEn: 'Suggestions produced',
      group: '成果转化',
      weight: 5,
      formula: { kind: 'target', metric: 'converted', targetPerMonth: 0.5 },
    },
  ],
  adjustments: [
    { key: 'bonus', label: '加分项', labelEn: 'Bonus', kind: 'bonus', source: { input: 'bonus' }, pointsEach: 1, max: 5 },
    { key: 'noShow', label: '无故缺席接待扣分', labelEn: 'Missed receptions', kind: 'penalty', source: { metric: 'receptionsMissed' }, pointsEach: 2, max: 10 },
  ],
  bonusCap: 5,
  peerGroupBy: 'level',
  boardSize: 3,
};

/** Departments (承办单位): handling speed, closure, rating. */
export const DEFAULT_DEPARTMENT_SCHEME: SchemeDefinition = {
  indicators: [
    {
      key: 'signOnTime',
      label: '按时签收率',
      labelEn: 'Signed on time',
      group: '办理时效',
      weight: 20,
      formula: { kind: 'ratio', numerator: 'signedOnTime', denominator: 'signed' },
    },
    {
      key: 'replyOnTime',
      label: '按时答复率',
      labelEn: 'Replied on time',
      group: '办理时效',
      weight: 30,
      formula: { kind: 'ratio', numerator: 'repliedOnTime', denominator: 'replied' },
    },
    {
      key: 'closureRate',
      label: '办结率',
      labelEn: 'Closure rate',
      group: '办理质量',
      weight: 10,
      formula: { kind: 'ratio', numerator: 'closed', denominator: 'casesAssigned' },
    },
    {
      key: 'returnReopen',
      label: '退回重办控制',
      labelEn: 'Few returns and reopens',
      group: '办理质量',
      weight: 10,
      formula: { kind: 'ratio', numerator: 'returnedOrReopened', denominator: 'casesAssigned', invert: true },
    },
    {
      key: 'satisfaction',
      label: '群众满意率',
      labelEn: 'Satisfaction rate',
      group: '群众评价',
      weight: 30,
      formula: { kind: 'ratio', numerator: 'satisfiedOrBasic', denominator: 'rated' },
    },
  ],
  adjustments: [
    { key: 'overduePenalty', label: '超期办理扣分', labelEn: 'Overdue cases', kind: 'penalty', source: { metric: 'overdue' }, pointsEach: 1, max: 10 },
    { key: 'falseReport', label: '虚假答复扣分', labelEn: 'False replies', kind: 'penalty', source: { input: 'falseReports' }, pointsEach: 5, max: 20 },
  ],
  bonusCap: 5,
  peerGroupBy: 'none',
  boardSize: 3,
};

/** The shipped schemes with their stable ids (created on first use). */
export const DEFAULT_SCHEMES: Array<{ id: string; name: string; subject: EvaluationSubject; definition: SchemeDefinition }> = [
  { id: 'default-station', name: '联络站综合考评（默认）', subject: 'unit', definition: DEFAULT_STATION_SCHEME },
  { id: 'default-deputy', name: '代表履职考评（默认）', subject: 'deputy', definition: DEFAULT_DEPUTY_SCHEME },
  { id: 'default-department', name: '承办单位考评（默认）', subject: 'department', definition: DEFAULT_DEPARTMENT_SCHEME },
];
