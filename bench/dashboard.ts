/**
 * 进度看板 at campus scale (issue 14): 1,000 branches in 25 colleges, 30,000 members and a round's worth of facts,
 * through the real functions and SDK against the emulator —
 *  1. the roll-up's timer run (dashboard.refresh): first run (every row written) and a run with nothing changed;
 *  2. the committee's screen (dashboard.home as the admin: 1 call) and a college's (dashboard.view);
 *  3. a 30,000-row export (the committee's roster, and its 四带头 signing list): time, the instance's peak memory, bytes.
 * `npx tsx bench/dashboard.ts` prints the table; `npm run bench` appends it to its own. Needs `npm run build:functions`.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { DashboardHome, ExportResult, RollupRun } from '../types/dashboard';
import { seededEmulator } from './support';

const COLLEGES = 25;
const BRANCHES_PER_COLLEGE = 40;
const MEMBERS_PER_BRANCH = 30;
const CAMPAIGN = 'campaign-demo';
const ROUND = 'round-1';

/** Deterministic pseudo-random numbers: the same campus every run. */
function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** Pids of forked function instances (children running worker.cjs). */
function workerPids(): Set<number> {
  const out = new Set<number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('worker.cjs')) out.add(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
function peakMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

export async function dashboardBench(): Promise<string[]> {
  const { dir, emulator, db } = await seededEmulator({ timers: false });
  const rand = prng(2026);
  const insert = async (name: string, docs: Record<string, unknown>[]) => {
    for (let i = 0; i < docs.length; i += 1000) await db.collection(name).add({ data: docs.slice(i, i + 1000) });
  };
  const started = Date.now();
  const orgs: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  const pledges: Record<string, unknown>[] = [];
  const orgPledges: Record<string, unknown>[] = [];
  const activities: Record<string, unknown>[] = [];
  const checkIns: Record<string, unknown>[] = [];
  const reviews: Record<string, unknown>[] = [];
  let n = 0;
  for (let c = 0; c < COLLEGES; c++) {
    const college = `bc-${c}`;
    orgs.push({
      _id: college,
      name: `第${c + 1}学院团总支`,
      level: 'general',
      parentId: 'org-committee',
      ancestors: ['org-committee'],
      archived: false,
      order: 10 + c,
    });
    if (rand() < 0.7)
      orgPledges.push({
        _id: `${CAMPAIGN}:${ROUND}:${college}`,
        campaignId: CAMPAIGN,
        roundKey: ROUND,
        orgId: college,
        orgAncestors: ['org-committee'],
      });
    // Colleges progress unevenly, so some lag.
    const pace = 0.3 + 0.6 * rand();
    for (let b = 0; b < BRANCHES_PER_COLLEGE; b++) {
      const branch = `${college}-${b}`;
      const path = ['org-committee', college, branch];
      orgs.push({
        _id: branch,
        name: `第${c + 1}学院${b + 1}班团支部`,
        level: 'branch',
        parentId: college,
        ancestors: path.slice(0, 2),
        archived: false,
        order: b,
      });
      if (rand() < pace)
        orgPledges.push({
          _id: `${CAMPAIGN}:${ROUND}:${branch}`,
          campaignId: CAMPAIGN,
          roundKey: ROUND,
          orgId: branch,
          orgAncestors: path.slice(0, 2),
        });
      if (rand() < pace) {
        for (let a = 0; a < 2; a++)
          activities.push({
            campaignId: CAMPAIGN,
            roundKey: ROUND,
            orgId: branch,
            orgPath: path,
            orgName: branch,
            title: `活动${a + 1}`,
            date: '2026-05-01',
            attendees: [],
            photos: [],
            archived: false,
            postedAt: new Date(),
          });
      }
      for (let m = 0; m < MEMBERS_PER_BRANCH; m++) {
        const studentNo = `9${String(++n).padStart(9, '0')}`;
        const id = `m-${studentNo}`;
        members.push({
          _id: id,
          studentNo,
          name: `团员${n}`,
          branchId: branch,
          groupId: null,
          orgPath: path,
          isLeagueMember: true,
          isCadre: m < 3,
          post: m < 3 ? '团支书' : null,
          openid: rand() < 0.8 ? `bench-${n}` : null,
        });
        if (rand() < pace)
          pledges.push({
            _id: `${CAMPAIGN}:${ROUND}:${id}`,
            campaignId: CAMPAIGN,
            roundKey: ROUND,
            branchId: branch,
            memberId: id,
            name: `团员${n}`,
            isCadre: m < 3,
            items: { conviction: ['x'], study: ['x'], results: ['x'], morals: ['x'] },
            signedAt: new Date(),
          });
        if (rand() < pace * 0.7)
          checkIns.push({
            campaignId: CAMPAIGN,
            roundKey: ROUND,
            memberId: id,
            branchId: branch,
            orgPath: path,
            lead: 'study',
            text: '打卡',
            date: '2026-05-02',
            photos: [],
            at: new Date(),
          });
        if (rand() < pace * 0.5)
          reviews.push({
            _id: `${CAMPAIGN}:${ROUND}:${id}`,
            campaignId: CAMPAIGN,
            roundKey: ROUND,
            subject: 'member',
            subjectId: id,
            scopeId: branch,
            grade: 'good',
            comment: '好',
            version: 1,
            at: new Date(),
          });
      }
    }
  }
  await insert('orgs', orgs);
  await insert('members', members);
  await insert('memberPledges', pledges);
  await insert('orgPledges', orgPledges);
  await insert('activities', activities);
  await insert('checkIns', checkIns);
  await insert('reviews', reviews);
  const seeded = Date.now() - started;

  const call = async <T>(fn: string, action: string, payload: unknown, openid: string) => {
    const t = process.hrtime.bigint();
    const res = await fetch(`${emulator.url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
      body: JSON.stringify({ action, payload }),
    });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const body = (await res.json()) as { result?: { ok: boolean; data?: T } };
    if (!body.result?.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body)}`);
    return { data: body.result.data as T, ms, requests: Number(res.headers.get('x-emulator-db-requests')) };
  };
  const rows: [string, string][] = [];
  const ADMIN = 'demo-admin';

  // 3 first, on a fresh dashboard instance, so its peak memory is the export's.
  const before = workerPids();
  const roster = await call<ExportResult>('dashboard', 'exportList', { orgId: 'org-committee', list: 'roster' }, ADMIN);
  const instance = [...workerPids()].find((p) => !before.has(p));
  const rosterPeak = instance ? peakMb(instance) : NaN;
  rows.push([
    `export: committee roster, ${roster.data.rows.toLocaleString('en')} rows (dashboard.exportList)`,
    `${(roster.ms / 1000).toFixed(1)} s, ${roster.requests} DB requests, ${(roster.data.bytes / 2 ** 20).toFixed(2)} MB, instance peak RSS ${rosterPeak.toFixed(0)} MB`,
  ]);
  const signing = await call<ExportResult>('dashboard', 'exportList', { orgId: 'org-committee', list: 'signing', roundKey: ROUND }, ADMIN);
  const signingPeak = instance ? peakMb(instance) : NaN;
  rows.push([
    `export: committee 四带头 signing, ${signing.data.rows.toLocaleString('en')} rows`,
    `${(signing.ms / 1000).toFixed(1)} s, ${signing.requests} DB requests, ${(signing.data.bytes / 2 ** 20).toFixed(2)} MB, instance peak RSS ${signingPeak.toFixed(0)} MB`,
  ]);

  const first = await call<RollupRun>('dashboard', 'refresh', {}, ADMIN);
  rows.push([
    `roll-up refresh, first run (${first.data.orgs} orgs, ${first.data.rows} rows)`,
    `${(first.ms / 1000).toFixed(1)} s, ${first.requests} DB requests, ${first.data.written} rows written${first.data.partial ? ' (partial)' : ''}`,
  ]);
  const again = await call<RollupRun>('dashboard', 'refresh', {}, ADMIN);
  rows.push([
    'roll-up refresh, nothing changed',
    `${(again.ms / 1000).toFixed(1)} s, ${again.requests} DB requests, ${again.data.written} rows written`,
  ]);

  const times: number[] = [];
  let home = await call<DashboardHome>('dashboard', 'home', {}, ADMIN);
  for (let i = 0; i < 20; i++) {
    home = await call<DashboardHome>('dashboard', 'home', {}, ADMIN);
    times.push(home.ms);
  }
  times.sort((a, b) => a - b);
  rows.push([
    `committee screen: dashboard.home as admin (1 call; ${home.data.view?.children.length ?? 0} colleges, ${home.data.view?.lagging.length ?? 0} lagging branches)`,
    `${home.requests} DB requests, median ${times[10].toFixed(1)} ms, p95 ${times[18].toFixed(1)} ms`,
  ]);
  const college = await call('dashboard', 'view', { orgId: 'bc-0' }, ADMIN);
  rows.push(['college screen: dashboard.view (40 branches)', `${college.requests} DB requests, ${college.ms.toFixed(1)} ms`]);

  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    `进度看板 and exports at campus scale: ${COLLEGES} colleges, ${(COLLEGES * BRANCHES_PER_COLLEGE).toLocaleString('en')} branches, ${members.length.toLocaleString('en')} members (+200 demo), ${pledges.length.toLocaleString('en')} signatures, ${checkIns.length.toLocaleString('en')} check-ins, ${reviews.length.toLocaleString('en')} reviews, ${activities.length.toLocaleString('en')} activities (seeded in ${(seeded / 1000).toFixed(0)} s)`,
    '',
    '| dashboard / export (campus scale) | value |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  ];
}

if (require.main === module) {
  dashboardBench()
    .then((lines) => console.log(lines.join('\n')))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
