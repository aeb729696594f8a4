import type { ImportProgress, ImportReport } from '../../types/roster';
import { seededEmulator, okData } from '../support/emulator';
import { csRow, csvUtf8, upload } from '../fixtures/roster/make';

const env = seededEmulator();
const { emu } = env;

const CLASSES = ['计科2301班', '计科2302班', '软工2301班'];
const GROUPS = ['第一团小组', '第二团小组', ''];

it(
  'imports 30,000 rows: one preview, then commit calls until done',
  async () => {
    const n = 30_000;
    const rows = Array.from({ length: n }, (_, i) =>
      csRow(100_000 + i, CLASSES[i % 3], { group: GROUPS[i % 3], post: i % 50 === 0 ? '组织委员' : '' }),
    );
    const fileID = await upload(csvUtf8(rows), 'roster-30k.csv', 'org-cs');

    const started = Date.now();
    const pre = await emu.call<ImportReport>(
      'roster',
      'previewImport',
      { orgId: 'org-cs', fileID, fileName: 'roster-30k.csv' },
      'demo-general-cs',
    );
    const report = okData(pre);
    const previewMs = Date.now() - started;
    expect(report).toMatchObject({ total: n, valid: n, errorCount: 0, toCreate: n });

    let dbRequests = pre.dbRequests;
    let calls = 0;
    let progress: ImportProgress | null = null;
    while (progress?.status !== 'done') {
      const res = await emu.call<ImportProgress>('roster', 'commitImport', { jobId: report.jobId }, 'demo-general-cs');
      progress = okData(res);
      dbRequests += res.dbRequests;
      calls += 1;
      if (calls > 500) throw new Error('commit never finished');
    }
    const totalMs = Date.now() - started;
    expect(progress).toMatchObject({ total: n, processed: n, created: n, updated: 0 });

    const count = await emu.call<{ total: number }>(
      'roster',
      'listMembers',
      { orgId: 'org-cs', keyword: '20991', limit: 1 },
      'demo-general-cs',
    );
    expect(okData(count).total).toBe(n);
    console.log(
      `30k import: preview ${previewMs} ms (${pre.dbRequests} DB requests); ` +
        `preview + ${calls} commit calls ${totalMs} ms wall time, ${dbRequests} DB requests in total`,
    );
  },
  10 * 60_000,
);
