/**
 * One person, one ballot under races, through the real router, wx-server-sdk and emulator: 200 ballots of one
 * voter at once store exactly one (the other 199 are answered 已投票), and 2,000 voters at once store 2,000.
 */
import type { EvaluationView, VoteReceipt } from '../../types/evaluate';
import type { Member, Org } from '../../types/models';
import { seededEmulator, okData, errorCode, GS, MEMBER, type CallResult } from '../support/emulator';

const env = seededEmulator();
const { emu } = env;

const VOTERS = 2000;
const BRANCH: Org = {
  _id: 'org-cs-race',
  name: '竞赛2301班团支部',
  level: 'branch',
  parentId: 'org-cs',
  ancestors: ['org-committee', 'org-cs'],
  archived: false,
  order: 9,
};
const voterOf = (i: number) => `race-${String(i).padStart(4, '0')}`;
const today = () => new Date(emu.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

let evaluation: EvaluationView;

beforeAll(async () => {
  const { _id, ...org } = BRANCH;
  await env.db.collection('orgs').doc(_id).set({ data: org });
  const members: Omit<Member, '_id'>[] = Array.from({ length: VOTERS }, (_v, i) => ({
    studentNo: `2099${String(i).padStart(6, '0')}`,
    name: `竞赛${i}`,
    branchId: BRANCH._id,
    groupId: null,
    orgPath: [...BRANCH.ancestors, BRANCH._id],
    isLeagueMember: true,
    isCadre: false,
    post: null,
    openid: voterOf(i),
  }));
  for (let i = 0; i < members.length; i += 500) {
    const batch = members.slice(i, i + 500).map((m, k) => ({ _id: `m-race-${i + k}`, ...m }));
    await env.db.collection('members').add({ data: batch });
  }
  evaluation = okData(
    await emu.call<EvaluationView>(
      'evaluate',
      'createEvaluation',
      {
        organiserId: 'org-cs',
        title: '竞赛评议',
        targetIds: ['org-cs-1', BRANCH._id],
        form: 'choice',
        electorate: 'own',
        start: today(),
        end: today(),
      },
      GS,
    ),
  );
}, 120_000);

const vote = (targetId: string, openid: string) =>
  emu.call<VoteReceipt>('evaluate', 'vote', { evaluationId: evaluation.id, answers: [{ targetId, choice: 'satisfied' }] }, openid);

function tally(results: CallResult<VoteReceipt>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.result?.ok ? 'OK' : `${errorCode(r)} ${r.result && !r.result.ok ? r.result.message : ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

it('200 ballots of one voter at once: exactly 1 stored with its marker, the other 199 answered 已投票', async () => {
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 200 }, () => vote('org-cs-1', MEMBER)));
  const ms = Date.now() - started;
  const counts = tally(results);
  console.log(`evaluate race, 1 voter × 200 at once: ${JSON.stringify(counts)} in ${ms} ms`);
  expect(counts).toEqual({ OK: 1, 'CONFLICT 已投票：每人只能投一票，提交后不可修改': 199 });
  expect(await env.count('ballots', { evaluationId: evaluation.id })).toBe(1);
  expect(await env.count('ballotMarkers', { evaluationId: evaluation.id })).toBe(1);
}, 120_000);

it('2,000 distinct voters at once: 2,000 stored, no error, each with its own receipt', async () => {
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: VOTERS }, (_v, i) => vote(BRANCH._id, voterOf(i))));
  const ms = Date.now() - started;
  const counts = tally(results);
  console.log(`evaluate race, ${VOTERS} voters at once: ${JSON.stringify(counts)} in ${ms} ms`);
  expect(counts).toEqual({ OK: VOTERS });
  const receipts = new Set(results.map((r) => okData(r).receipt));
  expect(receipts.size).toBe(VOTERS);
  expect(await env.count('ballots', { evaluationId: evaluation.id })).toBe(VOTERS + 1);
  expect(await env.count('ballotMarkers', { evaluationId: evaluation.id, unitId: BRANCH._id })).toBe(VOTERS);
}, 300_000);
