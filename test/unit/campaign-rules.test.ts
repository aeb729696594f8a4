import { DEFAULT_RULES, defaultPledgeStage, roundOn, stageOn, timelineProblems } from '../../types/campaign';
import { STAGES, type StageWindow } from '../../types/models';
import { keyOfScene, pledgeProblems, sceneOf, SCENE_MAX } from '../../types/pledge';
import { addDays, isDay, shanghaiDay } from '../../types/time';
import { demoData } from '../../scripts/demo-data';

const demo = demoData(new Date('2026-11-24T04:00:00Z')).campaigns[0];
const fields = (c: typeof demo) => timelineProblems(c).map((p) => p.field);

describe('campaign timeline rules', () => {
  it('accepts the demo campaign', () => {
    expect(timelineProblems(demo)).toEqual([]);
  });

  it('refuses a stage that ends before it starts, naming it', () => {
    const stages = demo.stages.map((s, i): StageWindow => (i === 2 ? { ...s, end: addDays(s.start, -1) } : s));
    expect(timelineProblems({ ...demo, stages })).toContainEqual({ field: 'stages.2', reason: '结束日期早于开始日期' });
  });

  it('refuses overlapping stages', () => {
    const stages = demo.stages.map((s, i): StageWindow => (i === 1 ? { ...s, start: demo.stages[0].end } : s));
    expect(timelineProblems({ ...demo, stages })).toContainEqual({ field: 'stages.1.start', reason: '公开承诺与动员部署时间重叠' });
  });

  it('requires the five stages, once each, in order', () => {
    expect(fields({ ...demo, stages: demo.stages.slice(0, 4) })).toContain('stages');
    expect(fields({ ...demo, stages: [demo.stages[1], demo.stages[0], ...demo.stages.slice(2)] })).toContain('stages');
  });

  it('refuses a round whose deadline is before its start, an impossible date, or overlapping rounds', () => {
    const r = demo.rounds;
    expect(timelineProblems({ ...demo, rounds: [{ ...r[0], deadline: addDays(r[0].start, -3) }, r[1]] })).toContainEqual({
      field: 'rounds.0',
      reason: '截止日期早于开始日期',
    });
    expect(fields({ ...demo, rounds: [{ ...r[0], deadline: '2026-02-30' }, r[1]] })).toContain('rounds.0.deadline');
    expect(fields({ ...demo, rounds: [r[0], { ...r[1], start: r[0].deadline }] })).toContain('rounds.1.start');
    expect(fields({ ...demo, rounds: [] })).toContain('rounds');
  });

  it('refuses a cadre rule looser than the member rule', () => {
    const rules = { member: { itemsPerLead: 2, minLength: 10 }, cadre: { itemsPerLead: 1, minLength: 10 } };
    expect(fields({ ...demo, rules })).toEqual(['rules.cadre']);
  });

  it('finds the stage and round of a day', () => {
    expect(stageOn(demo.stages, '2026-11-24')).toBe('pledge');
    expect(roundOn(demo.rounds, '2026-11-24')?.key).toBe('round-1');
    expect(roundOn(demo.rounds, addDays(demo.rounds[0].deadline, 1))?.key).toBe('round-2');
    expect(roundOn(demo.rounds, addDays(demo.rounds[1].deadline, 1))).toBeNull();
  });

  it('defaults the pledge stage to two weeks after mobilisation', () => {
    expect(defaultPledgeStage('2011-05-04')).toEqual({ start: '2011-05-04', end: '2011-05-18' });
    expect(STAGES[1]).toBe('pledge');
  });
});

describe('dates in Shanghai', () => {
  it('turns an instant into the Shanghai calendar day', () => {
    expect(shanghaiDay(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(shanghaiDay(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('knows real days from impossible ones', () => {
    expect(isDay('2012-02-29')).toBe(true);
    expect(isDay('2011-02-29')).toBe(false);
    expect(isDay('2011-7-1')).toBe(false);
  });
});

describe('pledge rules', () => {
  const full = (text: string, n = 1) => ({
    conviction: Array(n).fill(text),
    study: Array(n).fill(text),
    results: Array(n).fill(text),
    morals: Array(n).fill(text),
  });

  it('holds cadres to the higher standard', () => {
    expect(pledgeProblems(full('每周读一篇理论文章'), DEFAULT_RULES.member)).toEqual([]);
    expect(pledgeProblems(full('每周读一篇理论文章'), DEFAULT_RULES.cadre)).toHaveLength(4);
    expect(pledgeProblems(full('每周阅读一篇理论文章并写心得', 2), DEFAULT_RULES.cadre)).toEqual([]);
  });

  it('does not count blank commitments', () => {
    expect(pledgeProblems({ ...full('按时参加组织生活'), study: ['   '] }, DEFAULT_RULES.member)).toEqual([
      { lead: 'study', reason: '至少填写 1 条承诺' },
    ]);
  });

  it('keeps the QR scene within 32 characters and reads back only well-formed keys', () => {
    const scene = sceneOf('AbCdEf123456');
    expect(scene.length).toBeLessThanOrEqual(SCENE_MAX);
    expect(keyOfScene(scene)).toBe('AbCdEf123456');
    expect(keyOfScene('k=AbCdEf12345')).toBeNull();
    expect(keyOfScene('k=AbCdEf123456&x=1')).toBeNull();
    expect(keyOfScene('branch=org-cs-1')).toBeNull();
  });
});
