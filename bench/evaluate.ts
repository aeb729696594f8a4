/**
 * `npx tsx bench/evaluate.ts` (and the last table of `npm run bench`): what 群众评议 costs, counted by the emulator
 * through the real SDK on a college of 40 branches —
 *  1. the DB requests of one ballot (goal: ≤ 3 reads and 1 transaction),
 *  2. the close of 30,000 ballots over 40 targets by the timer (goal: ≤ 20 requests, < 300 ms),
 *  3. a turnout read over the 40 targets (goal: ≤ 3 requests in the handler; the router adds the caller and the org),
 *  4. 200 ballots of one voter at once, and 2,000 voters at once: stored ballots, errors, time.
 * Needs `npm run build:functions` first. Prints a table; nothing is asserted.
 */
import { rmSync } from 'node:fs';
import type { Ballot, Evaluation } from '../types/evaluate';
import type { Member, Org } from '../types/models';
import { seededEmulator } from './support';

const TARGETS = 40;
const BALLOTS = 30_000;
const VOTERS = 2000;
const ADMIN = 'demo-admin';

export async function evaluateTable(): Promise<string[]> {
  const { dir, emulator, db } = await seededEmulator({ timers: false });
  const rows: [string, string][] = [];
  const stats = () => emulator.stats.snapshot().adminRequests;
  const call = async (action: string, payload: unknown, openid: string) => {
    const res = await fetch(`${emulator.url}/api/functions/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
      body: JSON.stringify({ action, payload }),
    });
    const body = (await res.json()) as { result?: { ok: boolean; code?: string; data?: unknown } };
    return { result: body.result, requests: Number(res.headers.get('x-emulator-db-requests')) };
  };
  const add = async (collection: string, docs: object[]) => {
    for (let i = 0; i < docs.length; i += 1000) await db.collection(collection).add({ data: docs.slice(i, i + 1000) });
  };

  // A college of 40 branches, about 50 bound members each: one votes first (1.), one races alone (4a.), 2,000 at once (4b.).
  const college: Org = {
    _id: 'org-bench',
    name: '基准学院团总支',
    level: 'general',
    parentId: 'org-committee',
    ancestors: ['org-committee'],
    archived: false,
    order: 9,
  };
  const branches: Org[] = Array.from({ length: TARGETS }, (_v, i) => ({
    _id: `org-bench-${i + 1}`,
    name: `基准${i + 1}班团支部`,
    level: 'branch',
    parentId: college._id,
    ancestors: ['org-committee', college._id],
    archived: false,
    order: i,
  }));
  await add('orgs', [college, ...branches]);
  const members: Member[] = Array.from({ length: VOTERS + 2 }, (_v, i) => {
    const branch = branches[i % TARGETS];
    return {
      _id: `m-bench-${i}`,
      studentNo: `2098${String(i).padStart(6, '0')}`,
      name: `基准${i}`,
      branchId: branch._id,
      groupId: null,
      orgPath: [...branch.ancestors, branch._id],
      isLeagueMember: true,
      isCadre: false,
      post: null,
      openid: `bench-${i}`,
    };
  });
  await add('members', members);
  const today = new Date(emulator.clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 10);
  const created = await call(
    'createEvaluation',
    {
      organiserId: college._id,
      title: '基准评议',
      targetIds: branches.map((b) => b._id),
      form: 'choice',
      electorate: 'own',
      start: today,
      end: today,
    },
    ADMIN,
  );
  const evaluationId = (created.result?.data as { id: string }).id;

  // 1. One ballot.
  const before = stats().byAction;
  const one = await call(
    'vote',
    { evaluationId, answers: [{ targetId: branches[1]._id, choice: 'satisfied', comment: '组织生活扎实' }] },
    'bench-1',
  );
  if (!one.result?.ok) throw new Error(JSON.stringify(one.result));
  const after = stats().byAction;
  const delta = (a: string) => (after[a] ?? 0) - (before[a] ?? 0);
  const reads = delta('database.getDocument') + delta('database.aggregateDocuments') + delta('database.calculateDocument');
  rows.push([
    'evaluate.vote: DB requests of one ballot',
    `${one.requests} = ${reads} reads + 1 transaction (start ${delta('database.startTransaction')}, ${delta('database.insertDocument')} adds, commit ${delta('database.commitTransaction')}) + ${delta('wx.openApi')} msgSecCheck`,
  ]);

  // 4a. 200 ballots of one voter at once.
  const race = async (openids: string[], target: (i: number) => string) => {
    const t0 = Date.now();
    const results = await Promise.all(
      openids.map((o, i) => call('vote', { evaluationId, answers: [{ targetId: target(i), choice: 'fair' }] }, o)),
    );
    const ms = Date.now() - t0;
    const counts: Record<string, number> = {};
    for (const r of results)
      counts[r.result?.ok ? 'ok' : (r.result?.code ?? 'no envelope')] =
        (counts[r.result?.ok ? 'ok' : (r.result?.code ?? 'no envelope')] ?? 0) + 1;
    return { ms, counts };
  };
  const racer = members[VOTERS + 1];
  const storedBefore = ((await db.collection('ballots').where({ evaluationId }).count()) as { total: number }).total;
  const r1 = await race(Array(200).fill(racer.openid as string), () => racer.branchId);
  const storedAfter1 = ((await db.collection('ballots').where({ evaluationId }).count()) as { total: number }).total;
  rows.push(['200 ballots of one voter at once', `${storedAfter1 - storedBefore} stored; ${JSON.stringify(r1.counts)}; ${r1.ms} ms`]);

  // 4b. 2,000 voters at once (all but the one who voted in 1.).
  const voters = members.slice(0, VOTERS + 1).filter((m) => m.openid !== 'bench-1');
  const r2 = await race(
    voters.map((m) => m.openid as string),
    (i) => voters[i].branchId,
  );
  const storedAfter2 = ((await db.collection('ballots').where({ evaluationId }).count()) as { total: number }).total;
  rows.push([`${voters.length} voters at once`, `${storedAfter2 - storedAfter1} stored; ${JSON.stringify(r2.counts)}; ${r2.ms} ms`]);

  // 3. Turnout over 40 targets, from the organiser.
  const turnout = await call('turnout', { evaluationId, orgId: college._id }, ADMIN);
  if (!turnout.result?.ok) throw new Error(JSON.stringify(turnout.result));
  rows.push([
    'evaluate.turnout over 40 targets (organiser)',
    `${turnout.requests} DB requests (router: caller 2 + org 1; handler: evaluation 1 + 2 aggregates)`,
  ]);

  // 2. The close of 30,000 ballots over 40 targets, by the timer.
  const closing: Evaluation = {
    // Written straight (its window has passed), with its ballots below.
    _id: 'ev-bench-tally',
    title: '基准计票',
    organiserId: college._id,
    organiserName: college.name,
    organiserPath: ['org-committee', college._id],
    targets: branches.map((b) => ({ id: b._id, name: b.name })),
    targetIds: branches.map((b) => b._id),
    form: 'choice',
    electorate: 'own',
    electorateOrgs: branches.map((b) => b._id),
    scope: ['org-committee', college._id, ...branches.map((b) => b._id)],
    start: '2026-01-01',
    end: '2026-01-01',
    opensAt: new Date(Date.now() - 2 * 86_400_000),
    closesAt: new Date(Date.now() - 10 * 60_000),
    state: 'pending',
    closedEarly: null,
    reminded: ['evaluationOpen', 'evaluationClosing'],
    createdBy: ADMIN,
    createdAt: new Date(),
    updatedAt: new Date(),
    ballots: 0,
  };
  const choices = ['satisfied', 'fair', 'dissatisfied'] as const;
  const ballots: Ballot[] = Array.from({ length: BALLOTS }, (_v, i) => ({
    _id: `b${String(i).padStart(6, '0')}`,
    evaluationId: closing._id,
    marks: [{ targetId: branches[i % TARGETS]._id, choice: choices[i % 3], scores: null, comment: i % 50 === 0 ? `意见${i}` : '' }],
    receipt: `R${i}`,
  }));
  // A first run fires the open evaluation's reminders (and warms the instance); the second closes the 30,000.
  await fetch(`${emulator.url}/api/_emulator/timers/evaluate/evaluateCloser`, { method: 'POST' });
  await add('evaluations', [closing]);
  await add('ballots', ballots);
  const s0 = stats().total;
  const t0 = Date.now();
  const res = await fetch(`${emulator.url}/api/_emulator/timers/evaluate/evaluateCloser`, { method: 'POST' });
  const ms = Date.now() - t0;
  const run = (await res.json()) as { result?: { closed?: string[] } };
  if (!run.result?.closed?.includes(closing._id)) throw new Error(`the timer did not close the evaluation: ${JSON.stringify(run)}`);
  rows.push([
    `close by the timer: ${BALLOTS.toLocaleString('en')} ballots over ${TARGETS} targets`,
    `${stats().total - s0} DB requests, ${ms} ms (the whole timer run: due query, 2 aggregates, results + state + audit in 1 transaction, reminder query)`,
  ]);

  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  return ['| 群众评议 (bench/evaluate.ts) | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

if (require.main === module) {
  evaluateTable()
    .then((lines) => console.log(lines.join('\n')))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
