/**
 * withAudit, the one way a change and its audit record are written: in-process against the emulator,
 * through the real SDK, under CloudBase's transaction rules (a write locks the document; a second
 * transactional writer fails at its write; reads take no lock). See the 数据库事务 guide:
 * https://docs.cloudbase.net/database/access/flexdb/transaction
 */
import type { Org } from '../../types/models';
import { AppError } from '../../cloudfunctions/shared/errors';
import { isDuplicateKey } from '../../cloudfunctions/shared/repositories/db-errors';
import { orgs } from '../../cloudfunctions/shared/repositories/orgs';
import { withAudit } from '../../cloudfunctions/shared/repositories/unit-of-work';
import { seededEmulator } from '../support/emulator';

interface SdkTransaction {
  collection(name: string): { doc(id: string): { update(o: { data: object }): Promise<unknown> } };
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}
// The seed points the SDK, and so the repositories under test, at this emulator.
const env = seededEmulator();
const find = (coll: string, where: Record<string, unknown>) => env.find(coll, where);

/** Another transaction that has written (and so locks) an org document, not yet committed. */
async function lockedByAnother(orgId: string): Promise<SdkTransaction> {
  const other = await (env.db as unknown as { startTransaction(): Promise<SdkTransaction> }).startTransaction();
  await other
    .collection('orgs')
    .doc(orgId)
    .update({ data: { order: 7 } });
  return other;
}
const group = (name: string): Omit<Org, '_id'> => ({
  name,
  level: 'group',
  parentId: 'org-cs-1',
  ancestors: ['org-committee', 'org-cs', 'org-cs-1'],
  archived: false,
  order: 99,
});
async function adminStats(): Promise<Record<string, number>> {
  const res = await fetch(`${env.emu.url}/api/_emulator/stats`);
  return ((await res.json()) as { adminRequests: { byAction: Record<string, number> } }).adminRequests.byAction;
}

describe('withAudit', () => {
  it('writes the change and its audit entry in one transaction, with the actor and the server time', async () => {
    const before = await adminStats();
    const id = await withAudit('wx-tester', async (w) => {
      const inserted = await w.insert(orgs, group('事务小组'));
      await w.audit({ action: 'test.create', target: inserted, before: null, after: { name: '事务小组' }, scope: ['org-cs-1'] });
      return inserted;
    });
    const after = await adminStats();
    expect(after['database.startTransaction'] - (before['database.startTransaction'] ?? 0)).toBe(1);
    expect(after['database.commitTransaction'] - (before['database.commitTransaction'] ?? 0)).toBe(1);
    expect(await find('orgs', { _id: id })).toHaveLength(1);
    const [entry] = await find('audit', { target: id });
    expect(entry).toMatchObject({ action: 'test.create', actor: 'wx-tester', before: null, scope: ['org-cs-1'] });
    expect(entry.at).toBeInstanceOf(Date);
  });

  it('writes nothing when the work is refused after its writes were queued', async () => {
    await expect(
      withAudit('wx-tester', async (w) => {
        await w.insert(orgs, { _id: 'org-refused', ...group('被拒小组') });
        await w.audit({ action: 'test.refused', target: 'org-refused', before: null, after: null });
        throw new AppError('CONFLICT', '不行');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await find('orgs', { _id: 'org-refused' })).toHaveLength(0);
    expect(await find('audit', { target: 'org-refused' })).toHaveLength(0);
  });

  it('rolls the change back when its audit entry cannot be written (the once key is taken)', async () => {
    await env.db.collection('audit').add({ data: { _id: 'test:once:1', action: 'earlier' } });
    let error: unknown;
    try {
      await withAudit('wx-tester', async (w) => {
        await w.patch(orgs, 'org-cs-1-g1', { name: '不该改名' });
        await w.audit({ action: 'test.once', target: 'org-cs-1-g1', before: null, after: null, once: 'test:once:1' });
      });
    } catch (err) {
      error = err;
    }
    expect(isDuplicateKey(error)).toBe(true);
    expect((await find('orgs', { _id: 'org-cs-1-g1' }))[0].name).toBe('第一团小组');
  });

  it('refuses a change without an audit entry, and writes nothing', async () => {
    await expect(withAudit('wx-tester', (w) => w.insert(orgs, { _id: 'org-unaudited', ...group('无审计') }))).rejects.toThrow(
      'a change without its audit record',
    );
    expect(await find('orgs', { _id: 'org-unaudited' })).toHaveLength(0);
  });

  it('waits out another transaction holding the document, then writes', async () => {
    const other = await lockedByAnother('org-cs-1-g2');
    let attempts = 0;
    const done = withAudit('wx-tester', async (w) => {
      attempts += 1;
      await w.patch(orgs, 'org-cs-1-g2', { name: '第二团小组（改）' });
      await w.audit({ action: 'test.wait', target: 'org-cs-1-g2', before: null, after: null });
    });
    // The other transaction commits while withAudit backs off and tries again.
    await new Promise((resolve) => setTimeout(resolve, 40));
    await other.commit();
    await done;
    expect(attempts).toBeGreaterThan(1);
    const [stored] = await find('orgs', { _id: 'org-cs-1-g2' });
    expect(stored).toMatchObject({ name: '第二团小组（改）', order: 7 });
    expect(await find('audit', { action: 'test.wait' })).toHaveLength(1);
  });

  it('answers CONFLICT, writing nothing, when the document stays locked', async () => {
    const other = await lockedByAnother('org-cs-2-g1');
    await expect(
      withAudit('wx-tester', async (w) => {
        await w.patch(orgs, 'org-cs-2-g1', { name: '锁住了' });
        await w.audit({ action: 'test.locked', target: 'org-cs-2-g1', before: null, after: null });
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await other.rollback();
    expect((await find('orgs', { _id: 'org-cs-2-g1' }))[0].name).not.toBe('锁住了');
    expect(await find('audit', { action: 'test.locked' })).toHaveLength(0);
  });
});
