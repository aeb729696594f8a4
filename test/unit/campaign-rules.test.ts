import { DEFAULT_RULES, defaultPledgeStage, roundOn, stageOn, timelineProblems } from '../../types/campaign';
import { STAGES, type StageWindow } from '../../types/models';
import { keyOfScene, meaningfulLength, pledgeProblems, ruleText, sceneOf, SCENE_MAX } from '../../types/pledge';
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
  /** The same text under every lead, told apart by a different first character per item. */
  const full = (text: string, n = 1) => {
    const marks = [...'甲乙丙丁戊己庚辛'];
    const lead = (k: number) => Array.from({ length: n }, (_, i) => `${marks[k * n + i]}${text}`);
    return { conviction: lead(0), study: lead(1), results: lead(2), morals: lead(3) };
  };
  const same = (text: string, n = 1) => ({
    conviction: Array<string>(n).fill(text),
    study: Array<string>(n).fill(text),
    results: Array<string>(n).fill(text),
    morals: Array<string>(n).fill(text),
  });

  it('holds cadres to the higher standard', () => {
    expect(pledgeProblems(full('每周读理论文章'), DEFAULT_RULES.member)).toEqual([]);
    expect(pledgeProblems(full('每周读理论文章'), DEFAULT_RULES.cadre)).toHaveLength(4);
    expect(pledgeProblems(full('每周阅读一篇理论文章并写心得', 2), DEFAULT_RULES.cadre)).toEqual([]);
  });

  it('the cadre rule refuses emoji-only items: only letters, Han characters and digits count', () => {
    expect(meaningfulLength('🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉')).toBe(0);
    expect(meaningfulLength('每周 2 次，志愿服务！！！')).toBe(8);
    const emoji = { conviction: ['🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉', '💪💪💪💪💪💪💪💪💪💪'], study: ['📚📚📚📚📚📚📚📚📚📚', '✅✅✅✅✅✅✅✅✅✅'] };
    const problems = pledgeProblems({ ...full('每周阅读一篇理论文章并写心得', 2), ...emoji }, DEFAULT_RULES.cadre);
    expect(problems.map((p) => p.lead)).toEqual(['conviction', 'study']);
    expect(problems[0].reason).toContain('只有 0 个字，每条至少 10 个字（只计汉字、字母和数字，不计表情和标点）');
    // Punctuation padding does not reach the minimum either.
    expect(
      pledgeProblems(
        { ...full('每周阅读一篇理论文章并写心得', 2), morals: ['好好学习。。。。。。。。', '天天向上！！！！！！！！'] },
        DEFAULT_RULES.cadre,
      ),
    ).toEqual([{ lead: 'morals', reason: expect.stringContaining('只有 4 个字') as string }]);
  });

  it('the cadre rule refuses the same line repeated eight times, and items that repeat each other, saying why', () => {
    const eight = pledgeProblems(same('每周参加一次理论学习并撰写心得体会', 2), DEFAULT_RULES.cadre);
    expect(eight).toEqual([
      { lead: 'conviction', reason: '第 2 条与本项第 1 条重复，每条承诺须各不相同' },
      { lead: 'study', reason: '第 1 条与“带头坚定信念”中的一条重复，每条承诺须各不相同' },
      { lead: 'results', reason: '第 1 条与“带头坚定信念”中的一条重复，每条承诺须各不相同' },
      { lead: 'morals', reason: '第 1 条与“带头坚定信念”中的一条重复，每条承诺须各不相同' },
    ]);
    // Spaces, punctuation, emoji and case do not make a copy different; members are held to it too.
    const member = {
      conviction: ['按时参加组织生活'],
      study: ['按时参加 组织生活！🎉'],
      results: ['参加一项学科竞赛'],
      morals: ['参加志愿服务十小时'],
    };
    expect(pledgeProblems(member, DEFAULT_RULES.member)).toEqual([
      { lead: 'study', reason: '这条承诺与“带头坚定信念”中的一条重复，每条承诺须各不相同' },
    ]);
    // One phrase said again and again to reach the length is not a commitment.
    const padded = { ...full('每周阅读一篇理论文章并写心得', 2), results: ['学习学习学习学习学习', '争创佳绩争创佳绩争创佳绩'] };
    expect(pledgeProblems(padded, DEFAULT_RULES.cadre)).toEqual([{ lead: 'results', reason: '第 1 条在重复同一句话，请写具体的承诺' }]);
    expect(ruleText(DEFAULT_RULES.cadre)).toBe('每项至少填写 2 条具体承诺，每条不少于 10 个字（只计汉字、字母和数字），各条承诺不能重复');
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
