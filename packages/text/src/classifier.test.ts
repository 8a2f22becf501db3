import { describe, expect, it } from 'vitest';
import { RoutingClassifier, fitTemperature, labelTreeDescriptions, trainClassifier, type LabelledText } from './classifier';
import { crossValidate, crossValidateRepeated, evaluateHoldout, pooledReport } from './classifier-eval';

// Tiny hand-made fixtures (no shared data in the repository).
const TRAIN: LabelledText[] = [
  { title: '路灯坏了', body: '小区门口的路灯坏了好几天，晚上很黑', label: '城乡建设' },
  { title: '道路破损', body: '万松路路面坑洼，希望尽快修补道路', label: '城乡建设' },
  { title: '违章建筑', body: '楼顶有人搭建违章建筑，请城管处理', label: '城乡建设' },
  { title: '小区绿化', body: '小区绿化带被占用种菜，物业不管', label: '城乡建设' },
  { title: '拖欠工资', body: '公司拖欠工资三个月，请劳动监察部门帮忙讨薪', label: '劳动和社会保障' },
  { title: '社保缴纳', body: '单位不给缴纳社保和养老保险怎么办', label: '劳动和社会保障' },
  { title: '退休待遇', body: '退休工资计算有误，养老金偏低', label: '劳动和社会保障' },
  { title: '劳动合同', body: '公司不签劳动合同，辞退不给补偿', label: '劳动和社会保障' },
  { title: '学校收费', body: '学校乱收补课费，教育局应当查处', label: '教育文体' },
  { title: '入学问题', body: '孩子入学划片不合理，学区学校太远', label: '教育文体' },
  { title: '教师待遇', body: '乡村教师工资待遇偏低，希望提高', label: '教育文体' },
  { title: '校车安全', body: '学校校车超载，学生安全没有保障', label: '教育文体' },
];

describe('trainClassifier', () => {
  const model = trainClassifier(TRAIN, { seed: 7 });

  it('predicts the right label for unseen texts with probabilities summing to 1', () => {
    expect(model.predictLabel({ title: '路灯不亮', body: '路灯晚上不亮，道路很黑' })).toBe('城乡建设');
    expect(model.predictLabel({ title: '讨要工资', body: '老板拖欠工资不发' })).toBe('劳动和社会保障');
    expect(model.predictLabel({ body: '学校补课收费太高' })).toBe('教育文体');
    const all = model.scores({ body: '社保' });
    expect(all).toHaveLength(3);
    expect(all.reduce((a, s) => a + s.confidence, 0)).toBeCloseTo(1, 9);
    expect(all[0].confidence).toBeGreaterThanOrEqual(all[1].confidence);
    expect(model.predict({ body: '社保' }, 2)).toHaveLength(2);
  });

  it('round-trips through JSON with identical predictions', () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const restored = RoutingClassifier.fromJSON(json);
    const input = { title: '养老保险', body: '养老保险断缴了怎么补' };
    const a = model.scores(input);
    const b = restored.scores(input);
    expect(b.map((s) => s.label)).toEqual(a.map((s) => s.label));
    b.forEach((s, i) => expect(s.confidence).toBeCloseTo(a[i].confidence, 4));
    expect(() => RoutingClassifier.fromJSON({ ...json, version: 2 })).toThrow();
  });

  it('is deterministic and uses unlabelled text', () => {
    const again = trainClassifier(TRAIN, { seed: 7 });
    expect(again.toJSON()).toEqual(model.toJSON());
    const semi = trainClassifier(TRAIN, { unlabelled: [{ body: '路灯 工资 学校 路灯坏了' }, { body: '拖欠工资' }], selfTraining: { minMargin: 0 } });
    expect(semi.trainedOn.unlabelled).toBe(2);
    expect(semi.trainedOn.pseudoLabelled).toBeGreaterThan(0);
    // By default unlabelled text only shapes the vocabulary and IDF (self-training lowered repeated-CV macro-F1).
    const idfOnly = trainClassifier(TRAIN, { unlabelled: [{ body: '路灯 工资 学校 路灯坏了' }, { body: '拖欠工资' }] });
    expect(idfOnly.trainedOn).toEqual({ labelled: TRAIN.length, unlabelled: 2, pseudoLabelled: 0 });
  });

  it('refuses a single label', () => {
    expect(() => trainClassifier([{ body: 'a', label: 'x' }])).toThrow(/two labels/);
  });

  it('fits a larger temperature when scores are reliable', () => {
    const reliable = [Float64Array.of(1, -1), Float64Array.of(-1, 1)];
    expect(fitTemperature(reliable, [0, 1])).toBeGreaterThan(10);
    expect(fitTemperature(reliable, [1, 0])).toBeLessThan(1);
  });
});

// A larger hand-made fixture for a quality floor: ten training and four held-out items per label.
const row = (label: string, texts: string[]): LabelledText[] => texts.map((t) => ({ title: t.split('，')[0], body: t, label }));
const FLOOR_TRAIN: LabelledText[] = [
  ...row('城乡建设', [
    '小区路灯坏了，晚上出行很不方便',
    '道路坑洼积水，请尽快修补路面',
    '楼顶违章搭建，城管一直不处理',
    '老旧小区改造进度太慢，外墙脱落',
    '物业不作为，小区电梯经常停运',
    '市政管网堵塞，污水漫到路上',
    '安置房迟迟不能交房，开发商拖延',
    '房屋征收补偿标准太低，拆迁不公',
    '小区绿化带被毁，物业不管',
    '工地夜间施工，渣土车占道',
  ]),
  ...row('劳动和社会保障', [
    '公司拖欠工资三个月，讨薪无门',
    '单位不给缴纳社保和医疗保险',
    '退休养老金计算有误，待遇偏低',
    '公司不签劳动合同，辞退不给补偿',
    '失业保险金怎么申领，手续繁琐',
    '工伤认定拖了半年，单位不配合',
    '农民工工资被包工头拖欠',
    '社保转移接续办理困难',
    '企业违法裁员，不支付经济补偿',
    '灵活就业人员养老保险缴费标准太高',
  ]),
  ...row('教育文体', [
    '学校乱收补课费，家长负担重',
    '孩子入学划片不合理，学校太远',
    '乡村教师工资待遇偏低',
    '校车超载，学生安全没有保障',
    '幼儿园收费太高，公办学位不够',
    '学校食堂卫生差，学生吃不好',
    '教师体罚学生，教育局应当查处',
    '体育馆长期不对市民开放',
    '中考招生政策不透明',
    '培训机构卷款跑路，学费退不回',
  ]),
];
const FLOOR_TEST: LabelledText[] = [
  ...row('城乡建设', ['路灯不亮好几天了，道路很黑', '违章建筑占用消防通道', '小区电梯坏了物业不修', '拆迁补偿款一直没有到位']),
  ...row('劳动和社会保障', ['老板拖欠工资不发，工人讨薪', '养老保险断缴了怎么补缴', '被公司辞退没有经济补偿', '工伤保险待遇迟迟不发放']),
  ...row('教育文体', ['学校强制学生补课收费', '孩子上幼儿园太难，学位紧张', '教师待遇低，乡村学校留不住人', '学生在学校食堂吃坏肚子']),
];

// Unlabelled messages of the same made-up deployment (vocabulary and IDF, as in production).
const FLOOR_UNLABELLED = [
  '路灯杆倒了，路灯线路老化',
  '拆迁安置补偿不到位',
  '幼儿园学位紧张，入园难',
  '工伤认定和工伤保险待遇',
  '养老保险补缴政策咨询',
  '消防通道被违章建筑堵住',
  '小区物业费上涨',
  '学校补课收费问题',
].map((body) => ({ body }));

describe('quality floor of the default pipeline', () => {
  it('classifies held-out hand-made messages well above chance', () => {
    const report = evaluateHoldout(FLOOR_TRAIN, FLOOR_TEST, { seed: 3, unlabelled: FLOOR_UNLABELLED });
    // Chance is 1/3; the default pipeline gets all twelve right (0.9 allows one miss). Without the
    // unlabelled pool it misses four: words seen once in the labelled items fall under minDf.
    expect(report.macroF1).toBeGreaterThanOrEqual(0.9);
    expect(report.accuracy).toBeGreaterThanOrEqual(11 / 12);
  });
});

describe('label descriptions', () => {
  it('builds one description per category path, leaving out catch-all names and duplicates', () => {
    const d = labelTreeDescriptions([
      { l1: '教育文体', l2: '文化', l3: '图书馆' },
      { l1: '教育文体', l2: '文化', l3: '图书馆' },
      { l1: '教育文体', l2: '文化', l3: '其他' },
      { l1: '教育文体', l2: '其他', l3: '其他' },
      { l1: '城乡建设', l2: '其他', l3: '燃气' },
    ]);
    expect(d).toEqual([
      { label: '教育文体', title: '图书馆', body: '文化 图书馆' },
      { label: '教育文体', title: '文化', body: '文化' },
      { label: '城乡建设', title: '燃气', body: '燃气' },
    ]);
  });

  it('teaches the model words that only the category tree links to a label', () => {
    // 图书馆 and 燃气 occur in no labelled item; the unlabelled texts give them a vocabulary entry.
    const unlabelled = [{ body: '图书馆开放时间太短' }, { body: '燃气管道老化漏气' }, { body: '希望图书馆周末开放' }, { body: '燃气公司收费' }];
    const message = { title: '图书馆', body: '图书馆座位太少' };
    const gas = { title: '燃气', body: '燃气管道漏气' };
    const descriptions = labelTreeDescriptions([
      { l1: '教育文体', l2: '文化', l3: '图书馆' },
      { l1: '城乡建设', l2: '市政管理', l3: '燃气' },
      { l1: '农村农业', l2: '农业', l3: '化肥' },
    ]);
    const withTree = trainClassifier(TRAIN, { unlabelled, descriptions, seed: 2 });
    expect(withTree.predictLabel(message)).toBe('教育文体');
    expect(withTree.predictLabel(gas)).toBe('城乡建设');
    // Labels without labelled items are not learned from descriptions alone.
    expect(withTree.labels).not.toContain('农村农业');
    expect(withTree.trainedOn.descriptions).toBe(2);
    const without = trainClassifier(TRAIN, { unlabelled, seed: 2 });
    expect(without.scores(message).find((s) => s.label === '教育文体')!.confidence).toBeLessThan(
      withTree.scores(message).find((s) => s.label === '教育文体')!.confidence,
    );
  });
});

describe('evaluation of the classifier', () => {
  it('cross-validates deterministically and reports timings', () => {
    const a = crossValidate(TRAIN, 3, { calibrate: false });
    const b = crossValidate(TRAIN, 3, { calibrate: false });
    expect(a.macroF1).toBe(b.macroF1);
    expect(a.folds).toBe(3);
    expect(a.confusion.flat().reduce((x, y) => x + y, 0)).toBe(TRAIN.length);
    expect(a.trainSeconds).toBeGreaterThan(0);
  });

  it('repeats cross-validation over consecutive seeds and reports the mean and each run', () => {
    const r = crossValidateRepeated(TRAIN, 3, 3, { calibrate: false }, 5);
    expect(r.seeds).toEqual([5, 6, 7]);
    expect(r.runs.map((x) => x.macroF1)).toEqual([5, 6, 7].map((s) => crossValidate(TRAIN, 3, { calibrate: false, seed: s }, s).macroF1));
    expect(r.macroF1).toBeCloseTo(r.runs.reduce((a, x) => a + x.macroF1, 0) / 3, 12);
    expect(r.macroF1Sd).toBeGreaterThanOrEqual(0);
    const pooled = pooledReport(r);
    expect(pooled.macroF1).toBe(r.macroF1);
    expect(pooled.confusion.flat().reduce((x, y) => x + y, 0)).toBe(3 * TRAIN.length);
    expect(() => crossValidateRepeated(TRAIN, 3, 0)).toThrow(/repeats/);
  });

  it('evaluates a held-out set', () => {
    const r = evaluateHoldout(TRAIN, [{ body: '路灯坏了很黑', label: '城乡建设' }]);
    expect(r.accuracy).toBe(1);
    expect(r.folds).toBe(0);
  });
});
