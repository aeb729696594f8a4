/**
 * Every change and its audit record are one transaction of single-document writes (withAudit in
 * cloudfunctions/shared/repositories/unit-of-work.ts), in every domain: counted through the emulator's
 * admin-request stats, and shown by making the audit write fail and finding the change not written.
 */
import type { ImportProgress } from '../../types/roster';
import type { Member, OrgPledge } from '../../types/models';
import { seededEmulator, type CallResult, okData, errorCode, ADMIN, GS } from '../support/emulator';
import { csRow, csvUtf8, importer } from '../fixtures/roster/make';

const env = seededEmulator();
const call: typeof env.emu.call = (...args) => env.emu.call(...args);
const find = <T>(coll: string, where: Record<string, unknown>) => env.find<T>(coll, where);
const addAudit = (data: Record<string, unknown>) => env.db.collection('audit').add({ data });

const auditCount = () => env.count('audit');
async function byAction(): Promise<Record<string, number>> {
  const res = await fetch(`${env.emu.url}/api/_emulator/stats`);
  return ((await res.json()) as { adminRequests: { byAction: Record<string, number> } }).adminRequests.byAction;
}
/** Runs a call and says how many transactions it started and committed, and how many audit entries it added. */
async function transactionsOf(
  call: () => Promise<CallResult>,
): Promise<{ code: string; started: number; committed: number; audits: number }> {
  const [before, audits] = [await byAction(), await auditCount()];
  const res = await call();
  const after = await byAction();
  const delta = (a: string) => (after[a] ?? 0) - (before[a] ?? 0);
  return {
    code: errorCode(res),
    started: delta('database.startTransaction'),
    committed: delta('database.commitTransaction'),
    audits: (await auditCount()) - audits,
  };
}

describe('a change and its audit entry are one transaction', () => {
  it.each([
    ['org.createOrg', () => call('org', 'createOrg', { parentId: 'org-cs-1', name: '原子小组' }, ADMIN)],
    ['org.renameOrg', () => call('org', 'renameOrg', { orgId: 'org-cs-1-g2', name: '第二小组' }, ADMIN)],
    ['org.assignRole', () => call('org', 'assignRole', { orgId: 'org-cs-2', role: 'leader', holderId: 'm-2023010120' }, ADMIN)],
    ['org.createStaff', () => call('org', 'createStaff', { name: '赵老师', title: '辅导员' }, ADMIN)],
    ['roster.setCadre', () => call('roster', 'setCadre', { memberId: 'm-2023010122', isCadre: true, post: '学习委员' }, ADMIN)],
    [
      'account.bind',
      async () => {
        const [m] = await find<Member>('members', { _id: 'm-2023010123' });
        return call('account', 'bind', { studentNo: '2023010123', name: m.name }, 'wx-atomic');
      },
    ],
    [
      'campaign.publishPlan',
      () => call('campaign', 'publishPlan', { orgId: 'org-cs', title: '学院实施方案', body: '全院团员分三批学习', attachments: [] }, GS),
    ],
  ] as [string, () => Promise<CallResult>][])('%s: one transaction, one audit entry', async (_name, call) => {
    expect(await transactionsOf(call)).toEqual({ code: 'OK', started: 1, committed: 1, audits: 1 });
  });

  it('a refused call starts no transaction and writes nothing', async () => {
    expect(await transactionsOf(() => call('org', 'createOrg', { parentId: 'org-cs-1', name: '第一团小组' }, ADMIN))).toEqual({
      code: 'CONFLICT',
      started: 0,
      committed: 0,
      audits: 0,
    });
  });
});

describe('when the audit entry cannot be written, the change is not written either', () => {
  it('account.bind: the binding revision is taken, so the member stays unbound', async () => {
    // An audit entry for this member's first binding already exists (as if another bind had won).
    await addAudit({ _id: 'binding:m-2023010124:0', action: 'bind' });
    const [m] = await find<Member>('members', { _id: 'm-2023010124' });
    const res = await call('account', 'bind', { studentNo: '2023010124', name: m.name }, 'wx-late');
    expect(errorCode(res)).toBe('CONFLICT');
    expect((await find<Member>('members', { _id: 'm-2023010124' }))[0].openid).toBeNull();
  });

  it('campaign.submitOrgPledge: version 1 is taken, so no pledge is stored', async () => {
    const id = 'campaign-demo:round-1:org-cs-3';
    await addAudit({ _id: `orgPledge:${id}:v1`, action: 'submitOrgPledge' });
    const items = {
      organisation: '每月一次支委会',
      education: '每周一次理论学习',
      activities: '每月一次志愿服务',
      feedback: '每学期一次测评',
    };
    const res = await call('campaign', 'submitOrgPledge', { orgId: 'org-cs-3', roundKey: 'round-1', items }, ADMIN);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(await find<OrgPledge>('orgPledges', { _id: id })).toHaveLength(0);
  });

  it('roster.commitImport: a chunk is written once; its members, cursor and audit entry land together', async () => {
    const { preview } = importer(() => env.emu, ADMIN);
    const report = okData(await preview('org-cs', csvUtf8([csRow(301), csRow(302)])));
    await addAudit({ _id: `roster.import:${report.jobId}:0`, action: 'roster.import' });
    const progress = okData(await call<ImportProgress>('roster', 'commitImport', { jobId: report.jobId }, ADMIN));
    expect(progress).toMatchObject({ processed: 0, created: 0 });
    expect(await find('members', { studentNo: '2099000301' })).toHaveLength(0);
  });
});

describe('the router hands the document target() read to the handler', () => {
  it('roster.importStatus and setCadre read their job or member once (caller 2 + document 1 + org 1)', async () => {
    const { preview } = importer(() => env.emu, ADMIN);
    const report = okData(await preview('org-cs', csvUtf8([csRow(311)])));
    const status = await call('roster', 'importStatus', { jobId: report.jobId }, ADMIN);
    expect(errorCode(status)).toBe('OK');
    expect(status.dbRequests).toBe(4);
    const unchanged = await call('roster', 'setCadre', { memberId: 'm-2023010125', isCadre: false, post: null }, ADMIN);
    expect(errorCode(unchanged)).toBe('OK');
    // The view adds one read (branch and group names); the member is not read again.
    expect(unchanged.dbRequests).toBe(5);
  });
});
