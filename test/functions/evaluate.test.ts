/**
 * 群众评议 through the real router, wx-server-sdk and emulator (timer triggers on): opening an evaluation, the
 * window moved by the emulator clock (nothing sleeps), the electorate, ballots that name the wrong targets, comments
 * through msgSecCheck, receipts, turnout, the timer's tally with the small-group rule, and who may read the results.
 */
import ExcelJS from 'exceljs';
import { neutralise as neutralised } from '../../cloudfunctions/shared/export/neutralise';
import type { FileLink } from '../../types/roster';
import type { EvaluationView, ReceiptCheck, ResultsView, TurnoutView, VoteReceipt } from '../../types/evaluate';
import { DAY_MS, seededEmulator, okData, errorCode, ADMIN, GS, SECRETARY, MEMBER, type CallResult } from '../support/emulator';

const env = seededEmulator({ timers: true });
const { emu } = env;

const day = (offset: number) => new Date(emu.now().getTime() + 8 * 3600_000 + offset * DAY_MS).toISOString().slice(0, 10);
/** Bound members of the demo: the first six of each branch (demo-2023CCBBNN). */
const voter = (college: number, branch: number, n: number) =>
  `demo-2023${String(college).padStart(2, '0')}${String(branch).padStart(2, '0')}0${n}`;
const CS = ['org-cs-1', 'org-cs-2', 'org-cs-3'];
const OTHER_COLLEGE = voter(2, 1, 4);

const create = (payload: Record<string, unknown>, openid = GS) =>
  emu.call<EvaluationView>('evaluate', 'createEvaluation', { organiserId: 'org-cs', targetIds: CS, electorate: 'own', ...payload }, openid);
const vote = (evaluationId: string, answers: unknown[], openid: string) =>
  emu.call<VoteReceipt>('evaluate', 'vote', { evaluationId, answers }, openid);
const choice = (targetId: string, c: string, comment?: string) => ({ targetId, choice: c, ...(comment ? { comment } : {}) });
const stored = async (evaluationId: string) => ({
  ballots: await env.count('ballots', { evaluationId }),
  markers: await env.count('ballotMarkers', { evaluationId }),
});
const message = (res: CallResult) => (res.result && !res.result.ok ? res.result.message : '');
const field = (res: CallResult) => (res.result && !res.result.ok ? res.result.field : undefined);

let own: EvaluationView;
let all: EvaluationView;
let later: EvaluationView;
const receipts: string[] = [];

describe('opening an evaluation', () => {
  it('the general branch opens one over its branches; members of each find it with voted false', async () => {
    own = okData(await create({ title: '计算机学院团支部满意度测评', form: 'choice', start: day(0), end: day(2) }));
    expect(own).toMatchObject({ status: 'open', organiserName: '计算机学院团总支', manageable: true, voted: null });
    expect(own.targets.map((t) => t.id)).toEqual(CS);
    const list = okData(await emu.call<EvaluationView[]>('evaluate', 'myEvaluations', {}, MEMBER));
    const seen = list.find((e) => e.id === own.id);
    expect(seen).toMatchObject({ voted: false, manageable: false, myTargets: [{ id: 'org-cs-1', name: '计科2301班团支部' }] });
    // Another college's member does not see it.
    const other = okData(await emu.call<EvaluationView[]>('evaluate', 'myEvaluations', {}, OTHER_COLLEGE));
    expect(other.find((e) => e.id === own.id)).toBeUndefined();
  });

  it('a branch secretary cannot open one (FORBIDDEN); a branch cannot organise; targets must be its own child orgs', async () => {
    expect(errorCode(await create({ title: '越权', form: 'choice', start: day(0), end: day(1) }, SECRETARY))).toBe('FORBIDDEN');
    const branchOrganiser = await emu.call(
      'evaluate',
      'createEvaluation',
      {
        organiserId: 'org-cs-1',
        targetIds: ['org-cs-1-g1'],
        title: '支部评小组',
        form: 'choice',
        electorate: 'own',
        start: day(0),
        end: day(1),
      },
      ADMIN,
    );
    expect(message(branchOrganiser)).toMatch(/^发起组织：/);
    const foreign = await create({ title: '跨学院', form: 'choice', start: day(0), end: day(1), targetIds: ['org-cs-1', 'org-em-1'] });
    expect(errorCode(foreign)).toBe('INVALID_ARGUMENT');
    expect(message(foreign)).toMatch(/^评议对象：/);
    expect(field(foreign)).toBe('targetIds.1');
    const past = await create({ title: '过去', form: 'choice', start: day(-1), end: day(1) });
    expect(message(past)).toBe('开始日期：不能早于今天');
    const missing = await emu.call(
      'evaluate',
      'createEvaluation',
      { organiserId: 'org-cs', targetIds: CS, form: 'choice', electorate: 'own', start: day(0), end: day(1) },
      GS,
    );
    expect(message(missing)).toBe('评议名称：必填');
  });

  it('a second one: every bound member of the college scores every branch (all, 四好 scores); a third opens tomorrow', async () => {
    all = okData(await create({ title: '“四好”团支部评议', form: 'score', electorate: 'all', start: day(0), end: day(2) }));
    later = okData(await create({ title: '明日评议', form: 'choice', start: day(1), end: day(1) }));
    expect(later.status).toBe('scheduled');
    const edited = okData(
      await emu.call<EvaluationView>(
        'evaluate',
        'updateEvaluation',
        { evaluationId: later.id, title: '明日评议（修订）', targetIds: CS, form: 'choice', electorate: 'own', start: day(1), end: day(1) },
        GS,
      ),
    );
    expect(edited.title).toBe('明日评议（修订）');
    // Editing an open one is refused.
    const open = await emu.call(
      'evaluate',
      'updateEvaluation',
      { evaluationId: own.id, title: '改', targetIds: CS, form: 'choice', electorate: 'own', start: day(0), end: day(2) },
      GS,
    );
    expect(errorCode(open)).toBe('CONFLICT');
  });
});

describe('ballots', () => {
  it('a member votes on their own branch and gets a receipt; the request count is 3 reads and 1 transaction', async () => {
    const res = await vote(own.id, [choice('org-cs-1', 'satisfied', '支部活动丰富，组织有力')], MEMBER);
    const { receipt } = okData(res);
    expect(receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    receipts.push(receipt);
    console.log(`evaluate.vote: ${res.dbRequests} DB requests (3 reads + startTransaction, 2 adds, commit)`);
    expect(res.dbRequests).toBeLessThanOrEqual(7);
    const mine = okData(await emu.call<EvaluationView>('evaluate', 'evaluation', { evaluationId: own.id }, MEMBER));
    expect(mine.voted).toBe(true);
  });

  it('a second ballot by the same person is refused with 已投票 and writes nothing', async () => {
    const before = await stored(own.id);
    const again = await vote(own.id, [choice('org-cs-1', 'dissatisfied')], MEMBER);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(message(again)).toMatch(/^已投票/);
    expect(await stored(own.id)).toEqual(before);
  });

  it('outside the electorate: a member of another college FORBIDDEN, staff without a roster entry FORBIDDEN; nothing written', async () => {
    const before = await stored(own.id);
    const stranger = await vote(own.id, [choice('org-em-1', 'satisfied')], OTHER_COLLEGE);
    expect(errorCode(stranger)).toBe('FORBIDDEN');
    expect(message(stranger)).toBe('你不在本次评议的参评范围内');
    expect(errorCode(await vote(own.id, [choice('org-cs-1', 'satisfied')], GS))).toBe('FORBIDDEN');
    expect(await stored(own.id)).toEqual(before);
  });

  it('a ballot naming a target not its own, missing one, or in the wrong form is INVALID_ARGUMENT naming the field; nothing written', async () => {
    const beforeOwn = await stored(own.id);
    const beforeAll = await stored(all.id);
    const extra = await vote(own.id, [choice('org-cs-2', 'satisfied')], voter(1, 1, 5));
    expect(errorCode(extra)).toBe('INVALID_ARGUMENT');
    expect(message(extra)).toMatch(/^评议对象：第 1 项不在你本次可评议的组织中/);
    expect(field(extra)).toBe('answers.0.targetId');
    const scores = { organisation: 5, education: 4, activities: 5, feedback: 4 };
    const missing = await vote(
      all.id,
      [
        { targetId: 'org-cs-1', scores },
        { targetId: 'org-cs-2', scores },
      ],
      voter(1, 1, 5),
    );
    expect(message(missing)).toBe('评议对象：缺少对“软工2301班团支部”的评价');
    expect(field(missing)).toBe('answers');
    const wrongForm = await vote(own.id, [{ targetId: 'org-cs-1', scores }], voter(1, 1, 5));
    expect(field(wrongForm)).toBe('answers.0.choice');
    const badScore = await vote(
      all.id,
      CS.map((targetId) => ({ targetId, scores: { ...scores, feedback: 9 } })),
      voter(1, 1, 5),
    );
    expect(message(badScore)).toBe('团员青年反映好：不能大于 5');
    const unknownKey = await emu.call(
      'evaluate',
      'vote',
      { evaluationId: own.id, answers: [choice('org-cs-1', 'satisfied')], voter: 'x' },
      voter(1, 1, 5),
    );
    expect(errorCode(unknownKey)).toBe('INVALID_ARGUMENT');
    expect(await stored(own.id)).toEqual(beforeOwn);
    expect(await stored(all.id)).toEqual(beforeAll);
  });

  it('a comment that fails the content check is CONTENT_REJECTED and writes nothing', async () => {
    const before = await stored(own.id);
    const res = await vote(own.id, [choice('org-cs-1', 'fair', '这里有违禁词')], voter(1, 1, 5));
    expect(errorCode(res)).toBe('CONTENT_REJECTED');
    expect(await stored(own.id)).toEqual(before);
  });

  it('before its window opens the ballot is NOT_STARTED', async () => {
    const res = await vote(later.id, [choice('org-cs-1', 'satisfied')], MEMBER);
    expect(errorCode(res)).toBe('NOT_STARTED');
    expect(await stored(later.id)).toEqual({ ballots: 0, markers: 0 });
  });

  it('voters of three branches: 6 + 5 in two, 3 in the third (below the small-group rule)', async () => {
    const plan: [number, string, number[]][] = [
      [1, 'org-cs-1', [1, 2, 3, 5, 6]],
      [2, 'org-cs-2', [1, 2, 3, 4, 5]],
      [3, 'org-cs-3', [1, 2, 3]],
    ];
    const picks = ['satisfied', 'satisfied', 'fair', 'dissatisfied', 'satisfied'];
    for (const [branch, target, people] of plan) {
      for (const [i, n] of people.entries()) {
        const { receipt } = okData(
          await vote(own.id, [choice(target, picks[i], i === 0 ? `意见${branch}` : undefined)], voter(1, branch, n)),
        );
        receipts.push(receipt);
      }
    }
    // The 'all' evaluation: ten members of the college score every branch.
    for (let k = 0; k < 10; k++) {
      const who = voter(1, (k % 3) + 1, (k % 5) + 1);
      const scores = { organisation: 5, education: 4, activities: (k % 5) + 1, feedback: 3 };
      okData(
        await vote(
          all.id,
          CS.map((targetId) => ({ targetId, scores: targetId === 'org-cs-3' ? { ...scores, organisation: 2 } : scores })),
          who,
        ),
      );
    }
    expect(await stored(own.id)).toEqual({ ballots: 14, markers: 14 });
  });

  it('a receipt before the close says 已收到; an unknown one says nothing about anyone', async () => {
    const check = (receipt: string) => emu.call<ReceiptCheck>('evaluate', 'checkReceipt', { evaluationId: own.id, receipt }, MEMBER);
    expect(okData(await check(receipts[0])).state).toBe('received');
    expect(okData(await check('AAAA-BBBB-CCCC')).state).toBe('unknown');
  });
});

describe('turnout', () => {
  it('the organiser sees counts and rates per target, never choices', async () => {
    const res = await emu.call<TurnoutView>('evaluate', 'turnout', { evaluationId: own.id, orgId: 'org-cs' }, GS);
    const t = okData(res);
    console.log(`evaluate.turnout (organiser, 3 targets): ${res.dbRequests} DB requests`);
    expect(t.rows.map((r) => [r.id, r.voted, r.electors])).toEqual([
      ['org-cs-1', 6, 6],
      ['org-cs-2', 5, 6],
      ['org-cs-3', 3, 6],
    ]);
    expect(t.total).toEqual({ voted: 14, electors: 18, rate: 0.7778 });
    expect(t.notVoted).toBeNull();
    expect(JSON.stringify(t)).not.toMatch(/satisfied|fair|dissatisfied/);
  });

  it("'all': every target shows the college's turnout, and no marker says which branch its voter is in", async () => {
    const t = okData(await emu.call<TurnoutView>('evaluate', 'turnout', { evaluationId: all.id, orgId: 'org-cs' }, GS));
    expect(t.rows.map((r) => [r.id, r.voted, r.electors])).toEqual(CS.map((id) => [id, 10, 18]));
    expect(t.total).toEqual({ voted: 10, electors: 18, rate: 0.5556 });
    const markers = await env.find<{ unitId: string }>('ballotMarkers', { evaluationId: all.id });
    expect(new Set(markers.map((m) => m.unitId))).toEqual(new Set(['org-cs']));
    // A branch still sees who of its own has not voted.
    const branch = okData(await emu.call<TurnoutView>('evaluate', 'turnout', { evaluationId: all.id, orgId: 'org-cs-3' }, voter(1, 3, 1)));
    expect(branch.notVoted?.map((p) => p.studentNo)).toEqual(['2023010302', '2023010305', '2023010306']);
  });

  it("a branch secretary sees their branch's row and who there has not voted yet", async () => {
    const t = okData(await emu.call<TurnoutView>('evaluate', 'turnout', { evaluationId: own.id, orgId: 'org-cs-2' }, voter(1, 2, 1)));
    expect(t.rows).toEqual([{ id: 'org-cs-2', name: '计科2302班团支部', voted: 5, electors: 6, rate: 0.8333 }]);
    expect(t.notVoted).toEqual([{ name: expect.any(String), studentNo: '2023010206' }]);
    // Not for another branch's evaluation view from a branch outside every target.
    expect(errorCode(await emu.call('evaluate', 'turnout', { evaluationId: own.id, orgId: 'org-cs-1' }, voter(1, 2, 1)))).toBe('FORBIDDEN');
  });
});

describe('the window on the emulator clock, and the timer', () => {
  it('the next day the third evaluation opens (ballots accepted) and its reminder is fired', async () => {
    await emu.advanceClock(DAY_MS);
    okData(await vote(later.id, [choice('org-cs-1', 'satisfied')], MEMBER));
    const events = await env.find<{ _id: string; kind: string }>('notifyEvents', { kind: 'evaluationOpen' });
    expect(events.map((e) => e._id)).toEqual(
      expect.arrayContaining([`evaluationOpen:${later.id}:org-cs-1`, `evaluationOpen:${own.id}:org-cs-1`]),
    );
    // It closes at the end of today: 评议明天截止 went out with it.
    const closing = await env.find<{ _id: string }>('notifyEvents', { kind: 'evaluationClosing' });
    expect(closing.map((e) => e._id)).toContain(`evaluationClosing:${later.id}:org-cs-1`);
  });

  it('after its last day the ballot is DEADLINE_PASSED, and the timer has tallied it', async () => {
    await emu.advanceClock(DAY_MS);
    const res = await vote(later.id, [choice('org-cs-1', 'satisfied')], voter(1, 1, 2));
    expect(errorCode(res)).toBe('DEADLINE_PASSED');
    const ev = okData(await emu.call<EvaluationView>('evaluate', 'evaluation', { evaluationId: later.id }, MEMBER));
    expect(ev.status).toBe('closed');
    // The other two close at the end of today: 评议明天截止, once per audience.
    const closing = await env.find<{ _id: string }>('notifyEvents', { kind: 'evaluationClosing' });
    expect(closing.map((e) => e._id)).toEqual(
      expect.arrayContaining([`evaluationClosing:${own.id}:org-cs-2`, `evaluationClosing:${all.id}:org-cs`]),
    );
  });

  it('results are not readable before the close', async () => {
    expect(errorCode(await emu.call('evaluate', 'results', { evaluationId: own.id }, MEMBER))).toBe('CONFLICT');
  });

  it('the clock passes the close: the timer tallies; satisfaction, rank, comments without identity; fewer than 5 ballots show 参评人数不足', async () => {
    const move = await emu.advanceClock(DAY_MS);
    expect(move.fired.map((f) => f.functionName)).toContain('evaluate');
    const r = okData(await emu.call<ResultsView>('evaluate', 'results', { evaluationId: own.id }, MEMBER));
    expect(r.ballots).toBe(14);
    const [cs1, cs2, cs3] = r.targets;
    expect(cs1).toMatchObject({ ballots: 6, tooFew: false, counts: { satisfied: 4, fair: 1, dissatisfied: 1 }, satisfaction: 0.8333 });
    expect(cs1.comments.sort()).toEqual(['意见1', '支部活动丰富，组织有力']);
    expect(cs2).toMatchObject({ ballots: 5, counts: { satisfied: 3, fair: 1, dissatisfied: 1 }, satisfaction: 0.8, rank: 2 });
    expect(cs1.rank).toBe(1);
    expect(cs3).toEqual({
      id: 'org-cs-3',
      name: '软工2301班团支部',
      ballots: 3,
      tooFew: true,
      counts: null,
      satisfaction: null,
      means: null,
      overall: null,
      rank: null,
      comments: [],
    });
    expect(okData(await emu.call<EvaluationView>('evaluate', 'evaluation', { evaluationId: own.id }, MEMBER)).status).toBe('closed');
    const published = await env.find<{ _id: string; audience: { orgId: string } }>('notifyEvents', { kind: 'resultsPublished' });
    expect(published.find((e) => e._id === `resultsPublished:${own.id}`)?.audience).toEqual({ orgId: 'org-cs' });
  });

  it('the 四好 scores: the mean per item and the overall mean rank the branches', async () => {
    const r = okData(await emu.call<ResultsView>('evaluate', 'results', { evaluationId: all.id }, ADMIN));
    expect(r.ballots).toBe(10);
    expect(r.targets[0]).toMatchObject({
      ballots: 10,
      means: { organisation: 5, education: 4, activities: 3, feedback: 3 },
      overall: 3.75,
      rank: 1,
    });
    expect(r.targets[2]).toMatchObject({ means: { organisation: 2, education: 4, activities: 3, feedback: 3 }, overall: 3, rank: 3 });
    expect(r.targets[1].rank).toBe(1);
  });

  it('the organiser exports the results as xlsx (参评人数不足 kept, comments on their own sheet); members may not', async () => {
    const link = okData(await emu.call<FileLink>('evaluate', 'exportResults', { evaluationId: own.id }, GS));
    expect(link.fileName).toMatch(/^计算机学院团支部满意度测评-评议结果-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = (await env.sdk.downloadFile({ fileID: link.fileID })) as { fileContent: Buffer };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.fileContent as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(rows('评议结果')).toEqual([
      ['排名', '团组织', '有效票', '满意', '基本满意', '不满意', '满意率'],
      [1, '计科2301班团支部', 6, 4, 1, 1, '83.3%'],
      [2, '计科2302班团支部', 5, 3, 1, 1, '80.0%'],
      ['', '软工2301班团支部', 3, '参评人数不足'],
    ]);
    expect(
      rows('意见建议')
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['意见1', '意见2', '支部活动丰富，组织有力']);
    expect(errorCode(await emu.call('evaluate', 'exportResults', { evaluationId: own.id }, MEMBER))).toBe('FORBIDDEN');
    expect(neutralised('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutralised('好')).toBe('好');
  });

  it('receipts after the close: each counted ballot says 已计入, nothing more', async () => {
    for (const receipt of receipts) {
      const res = okData(await emu.call<ReceiptCheck>('evaluate', 'checkReceipt', { evaluationId: own.id, receipt }, MEMBER));
      expect(res).toEqual({ state: 'counted' });
    }
  });

  it('results are published within the organiser tree: a member of another college is FORBIDDEN, a leader outside too', async () => {
    expect(errorCode(await emu.call('evaluate', 'results', { evaluationId: own.id }, OTHER_COLLEGE))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('evaluate', 'results', { evaluationId: own.id }, 'demo-leader-1'))).toBe('FORBIDDEN');
    okData(await emu.call('evaluate', 'results', { evaluationId: own.id }, voter(1, 3, 1)));
    okData(await emu.call('evaluate', 'results', { evaluationId: own.id }, GS));
  });

  it('closing early: the organiser ends an open evaluation with a reason; the timer tallies it once no ballot can still arrive', async () => {
    const e = okData(await create({ title: '提前结束的评议', form: 'choice', start: day(0), end: day(5) }));
    okData(await vote(e.id, [choice('org-cs-1', 'satisfied')], MEMBER));
    const ended = okData(await emu.call<EvaluationView>('evaluate', 'closeEarly', { evaluationId: e.id, reason: '安排调整' }, GS));
    expect(ended).toMatchObject({ status: 'counting', closedEarly: { reason: '安排调整' } });
    expect(errorCode(await vote(e.id, [choice('org-cs-1', 'satisfied')], voter(1, 1, 2)))).toBe('DEADLINE_PASSED');
    expect(errorCode(await emu.call('evaluate', 'closeEarly', { evaluationId: e.id, reason: '再次' }, GS))).toBe('CONFLICT');
    // Within the grace period the timer leaves it; after it, the timer tallies.
    await emu.advanceClock(60_000);
    expect(errorCode(await emu.call('evaluate', 'results', { evaluationId: e.id }, MEMBER))).toBe('CONFLICT');
    await emu.advanceClock(2 * 60_000);
    const r = okData(await emu.call<ResultsView>('evaluate', 'results', { evaluationId: e.id }, MEMBER));
    expect(r.evaluation).toMatchObject({ status: 'closed', closedEarly: { reason: '安排调整' } });
    expect(r.targets[0]).toMatchObject({ ballots: 1, tooFew: true });
  });
});
