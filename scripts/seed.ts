/**
 * Seeds the demo university through the real wx-server-sdk, once: if the committee already exists,
 * nothing is written (so restarting keeps your changes). Usage: seedDemo(adminUrl) after the emulator
 * is up, or `npm run seed` against a running `npm start`.
 */
import { demoData } from './demo-data';

export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

export async function seedDemo(adminUrl: string, today = new Date()): Promise<SeedResult> {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: adminUrl });
  process.env.TENCENTCLOUD_SECRETID ??= 'local';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'local';
  process.env.TENCENTCLOUD = 'true';
  process.env.SCF_NAMESPACE ??= 'local';
  // Loaded only after the environment points at the emulator.

  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = cloud.database();

  const existing = (await db.collection('orgs').where({ _id: 'org-committee' }).count()) as { total: number };
  const data = demoData(today);
  const counts: Record<string, number> = {};
  if (existing.total > 0) return { seeded: false, counts };

  for (const [collection, docs] of Object.entries(data) as [string, { _id: string }[]][]) {
    // Ten writes in flight at a time: quick, without flooding the single-threaded emulator.
    for (let i = 0; i < docs.length; i += 10) {
      await Promise.all(docs.slice(i, i + 10).map(({ _id, ...rest }) => db.collection(collection).doc(_id).set({ data: rest })));
    }
    counts[collection] = docs.length;
  }
  return { seeded: true, counts };
}

if (require.main === module) {
  const port = process.env.PORT ?? '3000';
  seedDemo(`http://127.0.0.1:${port}/admin`)
    .then((r) => console.log(r.seeded ? `demo data seeded: ${JSON.stringify(r.counts)}` : 'demo data already present; nothing written'))
    .catch((err: unknown) => {
      console.error('seed failed:', err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
