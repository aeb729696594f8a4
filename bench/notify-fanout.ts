/**
 * `npx tsx bench/notify-fanout.ts [members]`: one reminder fanned out to 30,000 members (issue 10), through the
 * real notify bundle (dist/cloudfunctions/notify), wx-server-sdk and the emulator, timer run after timer run as
 * the trigger would call it (each run stops itself after 40 s). Prints a table:
 *  - one sender: total time, timer runs needed, DB requests per message sent (goal ≤ 2), messages per second;
 *  - two senders overlapping over the same 30,000: duplicates (goal 0).
 * Every member is bound and has one consent (ledger and emulator), so every job is a send. Needs
 * `npm run build:functions` first. Timings are this machine's; tests assert none of them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { eventOf } from '../cloudfunctions/shared/notify';
import { startEmulator } from '../emulator/server';
import { TEMPLATES, type SenderRun } from '../types/notify';

const root = resolve(__dirname, '..');
const N = Number(process.argv[2] ?? 30_000);
const DB_REQUESTS_HEADER = 'x-emulator-db-requests';

interface Scenario {
  seconds: number;
  runs: number;
  sent: number;
  dbRequests: number;
  delivered: number;
  duplicates: number;
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** The members, each bound with two consents for the stage template (ledger and WeChat's side): one per scenario. */
async function setUp(dataDir: string): Promise<Emulator> {
  const stage = TEMPLATES.stage.localId;
  // WeChat's side, written before start as if each member had tapped 提醒我 twice.
  const credits: Record<string, number> = {};
  for (let i = 0; i < N; i++) credits[`bench-${i}\n${stage}`] = 2;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'subscriptions.json'), JSON.stringify(credits));
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', dataDir, functionsDir: join(root, 'dist', 'cloudfunctions') });
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${emulator.url}/admin` });
  process.env.TENCENTCLOUD_SECRETID ??= 'local';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'local';
  process.env.TENCENTCLOUD = 'true';
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = cloud.database();
  const now = new Date();
  for (let start = 0; start < N; start += 100) {
    const members = [];
    const ledger = [];
    for (let i = start; i < Math.min(N, start + 100); i++) {
      const studentNo = String(2030000000 + i);
      members.push({
        _id: `m-${studentNo}`,
        studentNo,
        name: `团员${i}`,
        branchId: 'org-bench-1',
        groupId: null,
        orgPath: ['org-bench', 'org-bench-1'],
        isLeagueMember: true,
        isCadre: false,
        post: null,
        openid: `bench-${i}`,
      });
      ledger.push({
        _id: `stage:bench-${i}`,
        openid: `bench-${i}`,
        template: 'stage',
        remaining: 2,
        accepted: 2,
        spent: 0,
        updatedAt: now,
      });
    }
    await db.collection('members').add({ data: members });
    await db.collection('consents').add({ data: ledger });
  }
  return emulator;
}

/** One event to everyone, sent by `senders` timer runs at a time until none says there is more. */
async function scenario(emulator: Emulator, senders: number, key: string): Promise<Scenario> {
  await fetch(`${emulator.url}/api/_emulator/inbox`, { method: 'DELETE' });
  const db = (require('wx-server-sdk') as typeof import('wx-server-sdk')).database();
  const now = new Date();
  const { _id, ...event } = eventOf(
    {
      kind: 'stageStart',
      key,
      title: '点评总结阶段开始',
      values: { thing1: '党团共建、创先争优', phrase2: '点评总结', date3: '2026-12-07', thing4: '请准备点评总结材料' },
      audience: { orgId: null },
      org: null,
    },
    now,
  );
  await db.collection('notifyEvents').doc(_id).set({ data: event });

  const started = Date.now();
  let runs = 0;
  let sent = 0;
  let dbRequests = 0;
  const sender = async (): Promise<void> => {
    for (;;) {
      const res = await fetch(`${emulator.url}/api/_emulator/timers/notify/notifySender`, { method: 'POST' });
      const body = (await res.json()) as { result?: SenderRun };
      if (!body.result) throw new Error(`timer run failed: ${JSON.stringify(body)}`);
      runs += 1;
      sent += body.result.sent;
      if (process.env.BENCH_VERBOSE) console.log(JSON.stringify({ ...body.result, dbRequests: res.headers.get(DB_REQUESTS_HEADER) }));
      dbRequests += Number(res.headers.get(DB_REQUESTS_HEADER) ?? 0);
      if (!body.result.more) return;
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  const seconds = (Date.now() - started) / 1000;
  const inbox = await fetch(`${emulator.url}/api/_emulator/inbox`);
  const messages = ((await inbox.json()) as { messages: { touser: string }[] }).messages;
  const people = new Set(messages.map((m) => m.touser));
  return { seconds, runs, sent, dbRequests, delivered: people.size, duplicates: messages.length - people.size };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(root, '.data-bench-notify-'));
  const emulator = await setUp(join(dir, 'emu'));
  let one: Scenario;
  let two: Scenario;
  try {
    one = await scenario(emulator, 1, 'bench-1');
    two = await scenario(emulator, 2, 'bench-2');
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const row = (name: string, s: Scenario) =>
    `| ${name} | ${s.seconds.toFixed(1)} s | ${s.runs} | ${s.sent} | ${s.delivered} | ${s.duplicates} | ${(s.dbRequests / Math.max(1, s.sent)).toFixed(2)} | ${(s.sent / s.seconds).toFixed(0)} |`;
  console.log(
    `\nReminder fan-out: one stage-start event to ${N.toLocaleString('en')} members (${cpus().length} cores, ${cpus()[0]?.model ?? ''})\n`,
  );
  console.log('| senders | total time | timer runs | sent | people reached | duplicates | DB requests / message | messages/s |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(row('one timer run after another', one));
  console.log(row('two overlapping runs at a time', two));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
