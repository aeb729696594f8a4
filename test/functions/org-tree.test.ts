import type { OrgDetail, OrgView } from '../../types/org';
import { seededEmulator, okData } from '../support/emulator';

const env = seededEmulator();
const { emu } = env;

describe('org.detail', () => {
  it('shows the committee to the admin with colleges, member count and role holders', async () => {
    const res = await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-committee' }, 'demo-admin');
    const d = okData(res);
    expect(d.org).toMatchObject({ id: 'org-committee', level: 'committee', parentId: null });
    expect(d.ancestors).toEqual([]);
    expect(d.children.map((c) => [c.id, c.childCount])).toEqual([
      ['org-cs', 3],
      ['org-em', 3],
      ['org-fl', 2],
    ]);
    expect(d.memberCount).toBe(200);
    expect(d.roles).toEqual([expect.objectContaining({ role: 'admin', holderId: 's-admin', name: '王建国', active: true })]);
  });

  it('shows a branch with ancestors root first, its groups and its secretary', async () => {
    const res = await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-cs-1' }, 'demo-2023010101');
    const d = okData(res);
    expect(d.ancestors.map((a) => a.id)).toEqual(['org-committee', 'org-cs']);
    expect(d.children.map((c) => [c.id, c.level, c.childCount])).toEqual([
      ['org-cs-1-g1', 'group', 0],
      ['org-cs-1-g2', 'group', 0],
    ]);
    expect(d.memberCount).toBe(25);
    expect(d.roles.map((r) => [r.role, r.holderId])).toEqual(
      expect.arrayContaining([
        ['secretary', 'm-2023010101'],
        ['leader', 's-leader-1'],
      ]),
    );
    console.log(`org.detail database requests: ${res.dbRequests}`);
    expect(res.dbRequests).toBeLessThanOrEqual(9);
  });

  it('lets a member read the orgs on their own path and nothing else', async () => {
    expect(okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-cs-1-g2' }, 'demo-2023010104')).memberCount).toBe(12);
    expect(okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-cs' }, 'demo-2023010104')).org.id).toBe('org-cs');
    expect((await emu.call('org', 'detail', { orgId: 'org-cs-1-g1' }, 'demo-2023010104')).result).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect((await emu.call('org', 'detail', { orgId: 'org-cs-2' }, 'demo-2023010104')).result).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('lets a leader read their contact points but not other branches', async () => {
    expect(okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-em-2' }, 'demo-leader-1')).org.id).toBe('org-em-2');
    expect((await emu.call('org', 'detail', { orgId: 'org-em-1' }, 'demo-leader-1')).result).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a general secretary outside their college, and unbound callers', async () => {
    expect(okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-cs-3' }, 'demo-general-cs')).org.id).toBe('org-cs-3');
    expect((await emu.call('org', 'detail', { orgId: 'org-em' }, 'demo-general-cs')).result).toMatchObject({ code: 'FORBIDDEN' });
    expect((await emu.call('org', 'detail', { orgId: 'org-cs' }, 'demo-stranger')).result).toMatchObject({ code: 'NOT_BOUND' });
  });

  it('answers unknown ids with NOT_FOUND and bad input with INVALID_ARGUMENT', async () => {
    expect((await emu.call('org', 'detail', { orgId: 'org-nope' }, 'demo-admin')).result).toMatchObject({ code: 'NOT_FOUND' });
    expect((await emu.call('org', 'detail', { orgId: '' }, 'demo-admin')).result).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'orgId',
    });
    expect((await emu.call('org', 'detail', { orgId: 'x'.repeat(65) }, 'demo-admin')).result).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await emu.call('org', 'detail', { orgId: 'org-cs', extra: 1 }, 'demo-admin')).result).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('org.roots', () => {
  const roots = async (openid: string) => okData(await emu.call<OrgView[]>('org', 'roots', {}, openid)).map((o) => o.id);

  it('starts each role where its grants are', async () => {
    expect(await roots('demo-admin')).toEqual(['org-committee']);
    expect(await roots('demo-general-cs')).toEqual(['org-cs']);
    expect(await roots('demo-2023010101')).toEqual(['org-cs-1']);
    expect(await roots('demo-2023010104')).toEqual(['org-cs-1']);
    expect((await roots('demo-leader-1')).sort()).toEqual(['org-cs-1', 'org-em-2']);
  });

  it('tells an unbound caller to bind first', async () => {
    expect((await emu.call('org', 'roots', {}, 'demo-stranger')).result).toMatchObject({ ok: false, code: 'NOT_BOUND' });
    expect((await emu.call('org', 'roots', {})).result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
