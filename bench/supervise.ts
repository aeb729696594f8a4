/**
 * 督促检查 (issue 13), counted by the emulator through the real SDK on the seeded demo university plus a bench college:
 *  1. a spot-check draw over 30,000 members: freezing the list (paging 100 a request, the list stored as a file),
 *     drawing with a seed, the verification page, and the standalone script on the published list;
 *  2. a leader's contact-point screen with 10 orgs (goal: 1 call, ≤ 6 DB requests).
 * `npx tsx bench/supervise.ts` prints the table; bench/run.ts prints it too. Needs `npm run build:functions` first.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, seededEmulator } from './support';

const MEMBERS = 30_000;
const BRANCHES = 300;
const LEADER = 'bench-leader';

export async function superviseBench(): Promise<string> {
  const { dir, emulator, db } = await seededEmulator();
  try {
    // A college of 300 branches × 100 members, written straight through the SDK (100 documents an add).
    const branchIds = Array.from({ length: BRANCHES }, (_, b) => `org-sv-${String(b).padStart(3, '0')}`);
    await db
      .collection('orgs')
      .doc('org-sv')
      .set({
        data: {
          name: '基准学院团总支',
          level: 'general',
          parentId: 'org-committee',
          ancestors: ['org-committee'],
          archived: false,
          order: 99,
        },
      });
    for (let i = 0; i < BRANCHES; i += 100) {
      await db.collection('orgs').add({
        data: branchIds.slice(i, i + 100).map((id, j) => ({
          _id: id,
          name: `基准${i + j + 1}班团支部`,
          level: 'branch',
          parentId: 'org-sv',
          ancestors: ['org-committee', 'org-sv'],
          archived: false,
          order: i + j,
        })),
      });
    }
    for (let start = 0; start < MEMBERS; start += 100) {
      const page = [];
      for (let i = start; i < start + 100; i++) {
        const studentNo = String(2040000000 + i);
        const branchId = branchIds[Math.floor(i / (MEMBERS / BRANCHES))];
        page.push({
          _id: `m-${studentNo}`,
          studentNo,
          name: `团员${i}`,
          branchId,
          groupId: null,
          orgPath: ['org-committee', 'org-sv', branchId],
          isLeagueMember: true,
          isCadre: false,
          post: null,
          openid: null,
        });
      }
      await db.collection('members').add({ data: page });
    }
    // A leader following 10 of the branches.
    await db.collection('roles').add({
      data: branchIds
        .slice(0, 10)
        .map((orgId) => ({ _id: `role-bench-${orgId}`, role: 'leader', orgId, holderId: 's-bench', name: '基准领导', openid: LEADER })),
    });

    const rows: [string, string, string][] = [];
    const call = async (label: string, action: string, payload: unknown, openid: string) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${emulator.url}/api/functions/supervise`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
        body: JSON.stringify({ action, payload }),
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const body = (await res.json()) as { result?: { ok: boolean; data?: unknown } };
      if (!body.result?.ok) throw new Error(`${label}: ${JSON.stringify(body)}`);
      rows.push([label, `${ms.toFixed(0)} ms`, `1 call, ${res.headers.get('x-emulator-db-requests')} DB requests`]);
      return body.result.data as Record<string, unknown>;
    };

    const frozen = await call(
      `createDraw: freeze ${MEMBERS.toLocaleString('en')} members, store the list, publish its hash`,
      'createDraw',
      { scopeOrgId: 'org-sv', population: 'members', size: 20, title: '基准抽查' },
      'demo-admin',
    );
    await call('draw: seed entered, sample of 20 taken', 'draw', { drawId: frozen.id, seed: '3 5 1 6 2 4' }, 'demo-admin');
    const view = await call('verifyDraw: the public verification page', 'verifyDraw', { drawId: frozen.id }, 'demo-2023010104');
    const list = Buffer.from(await (await fetch(String(view.listUrl))).arrayBuffer());
    const file = join(dir, 'list.txt');
    writeFileSync(file, list);
    const started = process.hrtime.bigint();
    const out = execFileSync('node', [join(root, 'scripts', 'verify-draw.mjs'), file, '3 5 1 6 2 4', '20', String(view.listHash)], {
      encoding: 'utf8',
    });
    const scriptMs = Number(process.hrtime.bigint() - started) / 1e6;
    const same = out.includes((view.sample as { id: string }[])[0].id);
    rows.push([
      `scripts/verify-draw.mjs on the ${(list.length / 1024).toFixed(0)} KB list`,
      `${scriptMs.toFixed(0)} ms`,
      same ? 'same sample' : 'DIFFERENT',
    ]);
    await call(
      `createDraw: freeze the ${BRANCHES} branches of the college`,
      'createDraw',
      { scopeOrgId: 'org-sv', population: 'orgs', size: 10, title: '基准支部抽查' },
      'demo-admin',
    );
    await call('contactPoints: a leader’s 10 contact points (100 members each)', 'contactPoints', {}, LEADER);

    return ['| 督促检查 (bench/supervise.ts) | time | cost |', '|---|---:|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  superviseBench()
    .then((table) => console.log(table))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
