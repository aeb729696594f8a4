/**
 * The secrecy scan, as an attacker with the database and the logs would try it: the emulator runs as its own
 * process with STRIVE_LOG=1 (every function's log line, the router's included, and a line per request), 18
 * members vote with comments, one tries twice, turnout is read, the evaluation is closed and its results and
 * receipts are read. Then every stored ballot and marker, every audit entry of the evaluation and every line the
 * emulator and the functions printed are searched for any voter identifier: openid, member id, student number,
 * name. Ballots must also carry no time and an id without order; logs must not carry what a ballot held.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '../../types/envelope';
import type { EvaluationView, ReceiptCheck, ResultsView, TurnoutView, VoteReceipt } from '../../types/evaluate';
import type { Member } from '../../types/models';
import { seedDemo } from '../../scripts/seed';
import { root, GS, type SdkDb } from '../support/emulator';

let child: ChildProcess;
let output = '';
let url = '';
let dataDir = '';
let db: SdkDb;

beforeAll(async () => {
  dataDir = mkdtempSync(join(root, '.data-test-secrecy-'));
  child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['emulator/cli.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', STRIVE_DATA_DIR: dataDir, STRIVE_TIMERS: '0', STRIVE_LOG: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', () => {
      const m = /emulator listening\): (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  await seedDemo(`${url}/admin`);
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  db = sdk.database();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(action: string, payload: unknown, openid: string): Promise<Envelope<T>> {
  const res = await fetch(`${url}/api/functions/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
    body: JSON.stringify({ action, payload }),
  });
  return ((await res.json()) as { result: Envelope<T> }).result;
}
function ok<T>(res: Envelope<T>): T {
  if (!res.ok) throw new Error(JSON.stringify(res));
  return res.data;
}
async function all<T>(coll: string, where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const res = (await db.collection(coll).where(where).skip(out.length).limit(100).get()) as unknown as { data: T[] };
    out.push(...res.data);
    if (res.data.length < 100) return out;
  }
}

const CS = ['org-cs-1', 'org-cs-2', 'org-cs-3'];
const CHOICES = ['satisfied', 'fair', 'dissatisfied'];

it('no stored ballot, marker, audit entry or log line names a voter; ballots carry no time and no order', async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const e = ok(
    await call<EvaluationView>(
      'createEvaluation',
      { organiserId: 'org-cs', title: '保密评议', targetIds: CS, form: 'choice', electorate: 'own', start: today, end: today },
      GS,
    ),
  );
  const voters = await all<Member>('members', { branchId: db.command.in(CS), openid: db.command.neq(null) });
  expect(voters).toHaveLength(18);
  const comments: string[] = [];
  const receipts: string[] = [];
  for (const [i, m] of voters.entries()) {
    const comment = `第${i}条保密意见内容`;
    comments.push(comment);
    const answers = [{ targetId: m.branchId, choice: CHOICES[i % 3], comment }];
    receipts.push(ok(await call<VoteReceipt>('vote', { evaluationId: e.id, answers }, m.openid as string)).receipt);
    if (i === 0)
      expect(await call('vote', { evaluationId: e.id, answers }, m.openid as string)).toMatchObject({ ok: false, code: 'CONFLICT' });
  }
  ok(await call<TurnoutView>('turnout', { evaluationId: e.id, orgId: 'org-cs' }, GS));
  ok(await call<TurnoutView>('turnout', { evaluationId: e.id, orgId: 'org-cs-1' }, 'demo-2023010101'));
  ok(await call<EvaluationView>('closeEarly', { evaluationId: e.id, reason: '保密测试结束' }, GS));
  // The timer tallies once no ballot can still arrive (TALLY_GRACE_MS): move the clock, then run the trigger.
  const post = (path: string, body?: unknown) =>
    fetch(`${url}/api/_emulator/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  expect((await post('clock', { advanceMs: 3 * 60_000 })).status).toBe(200);
  expect((await post('timers/evaluate/evaluateCloser')).status).toBe(200);
  const results = ok(await call<ResultsView>('results', { evaluationId: e.id }, voters[1].openid as string));
  for (const r of receipts)
    expect(ok(await call<ReceiptCheck>('checkReceipt', { evaluationId: e.id, receipt: r }, GS))).toEqual({ state: 'counted' });

  const identifiers = voters.flatMap((m) => [m.openid as string, m._id, m.studentNo, m.name]);
  const leaks = (text: string) => identifiers.filter((id) => text.includes(id));

  const ballots = await all<Record<string, unknown>>('ballots', { evaluationId: e.id });
  expect(ballots).toHaveLength(18);
  for (const b of ballots) {
    expect(Object.keys(b).sort()).toEqual(['_id', 'evaluationId', 'marks', 'receipt']);
    expect(b._id).toMatch(/^[0-9a-f]{32}$/);
    expect(leaks(JSON.stringify(b))).toEqual([]);
    // No date anywhere in it (a Date would come back as an object with $date or a Date).
    expect(JSON.stringify(b)).not.toMatch(/\$date|\d{4}-\d{2}-\d{2}T/);
    for (const m of b.marks as Record<string, unknown>[])
      expect(Object.keys(m).sort()).toEqual(['choice', 'comment', 'scores', 'targetId']);
  }
  // The ids are random: sorted by id, the ballots are not in the order of voting (receipts were handed out in order).
  const byId = [...ballots].sort((a, b) => String(a._id).localeCompare(String(b._id))).map((b) => b.receipt);
  expect(byId).not.toEqual(receipts);

  const markers = await all<Record<string, unknown>>('ballotMarkers', { evaluationId: e.id });
  expect(markers).toHaveLength(18);
  for (const m of markers) {
    expect(Object.keys(m).sort()).toEqual(['_id', 'evaluationId', 'unitId']);
    expect(m._id).toMatch(/^[0-9a-f]{64}$/);
    expect(leaks(JSON.stringify(m))).toEqual([]);
  }
  // Voting writes no audit line; the evaluation's own entries name only the organiser and the tally.
  const audit = await all<Record<string, unknown>>('audit', { target: e.id });
  expect(audit.map((a) => a.action).sort()).toEqual(['evaluate.closeEarly', 'evaluate.createEvaluation', 'evaluate.tally']);
  expect(leaks(JSON.stringify(audit))).toEqual([]);
  // The results list comments without anyone's name.
  expect(results.targets.flatMap((t) => t.comments).sort()).toEqual([...comments].sort());
  expect(leaks(JSON.stringify(results))).toEqual([]);

  // The logs: the router's lines for every call were printed (the scan saw them), and none names a voter or a ballot's content.
  const lines = output.split('\n').filter(Boolean);
  const voteLines = lines.filter((l) => l.includes('"action":"vote"'));
  expect(voteLines.length).toBeGreaterThanOrEqual(19);
  const markerIds = markers.map((m) => String(m._id));
  const bad = lines.filter(
    (l) =>
      leaks(l).length > 0 ||
      comments.some((c) => l.includes(c)) ||
      markerIds.some((id) => l.includes(id)) ||
      /satisfied|dissatisfied|"fair"/.test(l),
  );
  console.log(
    `secrecy scan: ${ballots.length} ballots, ${markers.length} markers, ${audit.length} audit entries, ${lines.length} log lines; ${bad.length} name a voter or a ballot`,
  );
  expect(bad).toEqual([]);
}, 120_000);
