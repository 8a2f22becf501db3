import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from './similarity';
import { shinglesOf } from './shingles';

const EXISTING = [
  { id: 'lamp', body: '安阳街道万松路的路灯坏了好几天，晚上很黑' },
  { id: 'noise', body: '塘下镇某小区楼下噪音扰民' },
  { id: 'wage', title: '拖欠工资', body: '马屿镇一家鞋厂拖欠工人工资三个月' },
  { id: 'parking', title: '停车难', body: '玉海街道老旧小区停车位严重不足，晚上车辆乱停' },
  { id: 'school', body: '陶山镇中心小学门口上下学时段交通拥堵' },
];

describe('shinglesOf', () => {
  it('uses Han bigrams and whole ASCII words after normalisation', () => {
    expect(shinglesOf('路灯坏了，ＷＩＦＩ 12345')).toEqual(['路灯', '灯坏', '坏了', 'wifi', '12345']);
  });
});

describe('SimilarityIndex', () => {
  const index = new SimilarityIndex();
  index.addAll(EXISTING);

  it('finds a rephrased copy of a complaint', () => {
    const found = index.findSimilar({ body: '万松路路灯不亮已经好几天了，夜里走路很危险' });
    expect(found[0]?.id).toBe('lamp');
    expect(found.map((m) => m.id)).toEqual(['lamp']);
  });

  it.each([
    ['万松路路灯不亮已经好几天了，夜里走路很危险', 'lamp'],
    ['塘下镇小区楼下晚上噪音很大，扰民严重', 'noise'],
    ['鞋厂老板拖欠我们三个月工资不发', 'wage'],
    ['玉海街道小区停车位太少，车辆乱停', 'parking'],
  ])('matches %s to %s', (text, id) => {
    expect(index.findSimilar({ body: text })[0]?.id).toBe(id);
  });

  it.each(['希望增加公交线路，方便老人出行', '医院挂号排队时间太长', '塘下镇某小区楼下噪音扰民'.replace('噪音扰民', '垃圾桶满了没人清理')])(
    'does not flag unrelated text: %s',
    (text) => {
      expect(index.findSimilar({ body: text })).toEqual([]);
    },
  );

  it('does not match the lamp complaint to the noise complaint', () => {
    const scores = index.findSimilar({ body: '塘下镇某小区楼下噪音扰民' }, { minScore: 0 });
    expect(scores.map((m) => m.id)).not.toContain('lamp');
  });

  it('excludes the item itself, supports removal and replacement', () => {
    const own = new SimilarityIndex();
    own.addAll(EXISTING);
    expect(own.findSimilar(EXISTING[0], { excludeId: 'lamp' })).toEqual([]);
    expect(own.findSimilar(EXISTING[0])[0]).toEqual({ id: 'lamp', score: expect.closeTo(1, 6) });
    own.remove('lamp');
    expect(own.has('lamp')).toBe(false);
    expect(own.size).toBe(EXISTING.length - 1);
    expect(own.findSimilar(EXISTING[0])).toEqual([]);
    own.add({ id: 'noise', body: '万松路路灯坏了' });
    expect(own.findSimilar({ body: '万松路的路灯坏了' })[0]?.id).toBe('noise');
  });

  it('returns nothing for an empty index or an empty query', () => {
    expect(new SimilarityIndex().findSimilar({ body: '路灯' })).toEqual([]);
    expect(index.findSimilar({ body: '，。！' })).toEqual([]);
  });
});
