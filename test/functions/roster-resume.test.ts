import type { ImportProgress } from '../../types/roster';
import { seededEmulator, okData, ADMIN } from '../support/emulator';
import { csRow, csvUtf8, importer } from '../fixtures/roster/make';

beforeAll(() => {
  // One chunk per commit call, so a single call leaves the job half written, as a timed-out call would.
  process.env.ROSTER_COMMIT_BUDGET_MS = '1';
});
const env = seededEmulator();
const { emu } = env;

const { preview, commitAll } = importer(() => emu, ADMIN);

const memberCount = () => env.count('members');

describe('interrupted commit', () => {
  it('resumes an interrupted commit from its cursor with an exact final count', async () => {
    const n = 2_600; // 6 chunks of 500
    const rows = Array.from({ length: n }, (_, i) => csRow(10_000 + i, ['计科2301班', '计科2302班', '软工2301班'][i % 3]));
    const report = okData(await preview('org-cs', csvUtf8(rows)));
    expect(report).toMatchObject({ valid: n, toCreate: n });
    const before = await memberCount();

    // One call, then the caller goes away.
    const firstCall = okData(await emu.call<ImportProgress>('roster', 'commitImport', { jobId: report.jobId }, ADMIN));
    expect(firstCall).toMatchObject({ status: 'committing', processed: 500, created: 500 });
    const status = okData(await emu.call<ImportProgress>('roster', 'importStatus', { jobId: report.jobId }, ADMIN));
    expect(status).toEqual(firstCall);
    expect(await memberCount()).toBe(before + firstCall.created);

    // A crash in the middle of a chunk: some of its members written, the cursor not moved.
    {
      const next = rows.slice(firstCall.processed, firstCall.processed + 100);
      const orgOf: Record<string, string> = { 计科2301班: 'org-cs-1', 计科2302班: 'org-cs-2', 软工2301班: 'org-cs-3' };
      for (const r of next) {
        const branchId = orgOf[String(r[3])];
        await env.db
          .collection('members')
          .doc(`m-${r[0]}`)
          .set({
            data: {
              studentNo: String(r[0]),
              name: String(r[1]),
              branchId,
              groupId: null,
              orgPath: ['org-committee', 'org-cs', branchId],
              isLeagueMember: true,
              isCadre: false,
              post: null,
              openid: null,
            },
          });
      }
    }

    const done = await commitAll(report.jobId);
    // The 100 members the crashed call wrote are found as stored: not written twice, not counted as created.
    expect(done).toMatchObject({ status: 'done', total: n, processed: n, created: n - 100, unchanged: 100 });
    expect(await memberCount()).toBe(before + n);
    const list = await emu.call<{ total: number }>('roster', 'listMembers', { orgId: 'org-cs', keyword: '209901', limit: 1 }, ADMIN);
    expect(okData(list).total).toBe(n);
  });
});
