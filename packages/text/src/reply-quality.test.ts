import { describe, expect, it } from 'vitest';
import { checkReply, questionCoverage, withoutTemplate } from './reply-quality';

const QUESTION = { title: '万松路路灯坏了', body: '安阳街道万松路的路灯坏了好几天，晚上很黑，走路危险' };

const GOOD =
  '您好！关于您反映的万松路路灯损坏问题，市综合行政执法局已于5月6日安排人员现场核查，确认3盏路灯线路老化。' +
  '根据《城市照明管理规定》，我局已责令养护单位更换线路，预计5个工作日内完成修复。如有疑问请致电0577-65812345（市政科王科长）。';

const get = (result: ReturnType<typeof checkReply>, id: string) => result.checks.find((c) => c.id === id)!;

describe('checkReply', () => {
  it('gives a complete reply full marks', () => {
    const r = checkReply(QUESTION, GOOD);
    expect(r.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    expect(r.score).toBe(100);
    expect(r.checks.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });

  it('fails a template-only reply on every check', () => {
    const r = checkReply(QUESTION, '感谢您的来信，您反映的问题已转相关部门处理。');
    expect(r.score).toBe(0);
    expect(get(r, 'substance').message_zh).toContain('套话');
    expect(get(r, 'substance').message_en).toContain('set phrases');
  });

  it('flags an evasive "under study" reply that does not address the question', () => {
    const r = checkReply(QUESTION, '您好，您的留言已收悉，我们高度重视，正在研究，感谢您对我们工作的关心和支持。');
    expect(get(r, 'addresses').passed).toBe(false);
    expect(get(r, 'substance').passed).toBe(false);
    expect(r.score).toBeLessThan(30);
  });

  it('scores each element separately', () => {
    const r = checkReply(QUESTION, '万松路路灯已安排维修，请耐心等待。');
    expect(get(r, 'addresses').passed).toBe(true);
    expect(get(r, 'measures').passed).toBe(true);
    expect(get(r, 'timeframe').passed).toBe(false);
    expect(get(r, 'contact').passed).toBe(false);
    expect(get(r, 'basis').passed).toBe(false);
    expect(r.score).toBe(45);
  });

  it('does not take the signing date for a time frame', () => {
    expect(get(checkReply(QUESTION, '万松路路灯已安排维修。2019年5月9日'), 'timeframe').passed).toBe(false);
    expect(get(checkReply(QUESTION, '万松路路灯将于2019年5月20日前修复。2019年5月9日'), 'timeframe').passed).toBe(true);
  });

  it('measures coverage and strips set phrases', () => {
    expect(questionCoverage(QUESTION, '路灯坏了')).toBeGreaterThan(0.5);
    expect(questionCoverage(QUESTION, '工资')).toBe(0);
    expect(withoutTemplate('感谢您的来信！已转相关部门处理。')).toBe('');
  });
});
