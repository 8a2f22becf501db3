import { describe, expect, it } from 'vitest';
import { RoutingClassifier, fitTemperature, trainClassifier, type LabelledText } from './classifier';
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
