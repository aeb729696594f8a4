import type { Member, Org, RoleGrant } from '../../types/models';
import type { AuditView, GrantView, LeaderView, OrgDetail, OrgView, StaffView } from '../../types/org';
import { seededEmulator, okData, errorCode } from '../support/emulator';

const env = seededEmulator();
const { emu, find } = env;

async function doc<T>(coll: string, id: string): Promise<T> {
  const [d] = await find<T>(coll, { _id: id });
  return d;
}
const auditOf = (target: string) => find<{ action: string; actor: string; before: unknown; after: unknown }>('audit', { target });

describe('createOrg', () => {
  it('derives the level from the parent and records the change', async () => {
    const org = okData(
      await emu.call<OrgView>('org', 'createOrg', { parentId: 'org-cs', name: '  人工智能2301班团支部 ' }, 'demo-general-cs'),
    );
    expect(org).toMatchObject({ name: '人工智能2301班团支部', level: 'branch', parentId: 'org-cs', archived: false });
    const stored = await doc<Org>('orgs', org.id);
    expect(stored.ancestors).toEqual(['org-committee', 'org-cs']);
    expect(stored.order).toBe(3);
    const [entry] = await auditOf(org.id);
    expect(entry).toMatchObject({
      action: 'createOrg',
      actor: 'demo-general-cs',
      before: null,
      after: expect.objectContaining({ level: 'branch' }),
    });
  });

  it('lets a secretary create groups in their own branch only', async () => {
    const g = okData(await emu.call<OrgView>('org', 'createOrg', { parentId: 'org-cs-1', name: '第三团小组' }, 'demo-2023010101'));
    expect(g.level).toBe('group');
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs-2', name: '第三团小组' }, 'demo-2023010101'))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs', name: '新支部' }, 'demo-2023010101'))).toBe('FORBIDDEN');
  });

  it('refuses children of a group, duplicate sibling names, bad names, other colleges', async () => {
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs-1-g1', name: '子组' }, 'demo-admin'))).toBe('INVALID_ARGUMENT');
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs-1', name: '第一团小组' }, 'demo-admin'))).toBe('CONFLICT');
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs-1', name: '   ' }, 'demo-admin'))).toBe('INVALID_ARGUMENT');
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs-1', name: '名'.repeat(31) }, 'demo-admin'))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-em', name: '新支部' }, 'demo-general-cs'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-missing', name: '新支部' }, 'demo-admin'))).toBe('NOT_FOUND');
    expect(errorCode(await emu.call('org', 'createOrg', { parentId: 'org-cs-1', name: '新组', level: 'group' }, 'demo-admin'))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('renameOrg', () => {
  it('lets a secretary rename a group of their branch but not the branch itself', async () => {
    const g = okData(await emu.call<OrgView>('org', 'renameOrg', { orgId: 'org-cs-1-g2', name: '第二学习小组' }, 'demo-2023010101'));
    expect(g.name).toBe('第二学习小组');
    const res = await emu.call('org', 'renameOrg', { orgId: 'org-cs-1', name: '计科一班' }, 'demo-2023010101');
    expect(res.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await doc<Org>('orgs', 'org-cs-1')).name).toBe('计科2301班团支部');
    const [entry] = await auditOf('org-cs-1-g2');
    expect(entry).toMatchObject({ action: 'renameOrg', before: { name: '第二团小组' }, after: { name: '第二学习小组' } });
  });

  it('refuses the secretary of org-cs-1 on org-cs-2 and the cs general secretary in em', async () => {
    expect(errorCode(await emu.call('org', 'renameOrg', { orgId: 'org-cs-2-g1', name: 'x' }, 'demo-2023010101'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'renameOrg', { orgId: 'org-em-1', name: 'x' }, 'demo-general-cs'))).toBe('FORBIDDEN');
    expect(
      okData(await emu.call<OrgView>('org', 'renameOrg', { orgId: 'org-cs-3', name: '软工2301班团支部' }, 'demo-general-cs')).name,
    ).toBe('软工2301班团支部');
  });
});

describe('moveOrg', () => {
  it('moves a branch with > 100 members: ancestors of its groups and orgPath of every member follow', async () => {
    // 120 extra members in org-fl-2 (日语2301班), written through the SDK.
    const extra: Member[] = Array.from({ length: 120 }, (_, i) => ({
      _id: `m-2099${String(i).padStart(6, '0')}`,
      studentNo: `2099${String(i).padStart(6, '0')}`,
      name: `测试${i}`,
      branchId: 'org-fl-2',
      groupId: i % 2 ? 'org-fl-2-g1' : 'org-fl-2-g2',
      orgPath: ['org-committee', 'org-fl', 'org-fl-2'],
      isLeagueMember: true,
      isCadre: false,
      post: null,
      openid: null,
    }));
    for (let i = 0; i < extra.length; i += 20) {
      await Promise.all(extra.slice(i, i + 20).map(({ _id, ...rest }) => env.db.collection('members').doc(_id).set({ data: rest })));
    }
    expect(errorCode(await emu.call('org', 'moveOrg', { orgId: 'org-fl-2', newParentId: 'org-em' }, 'demo-general-cs'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'moveOrg', { orgId: 'org-fl-2', newParentId: 'org-em-1' }, 'demo-admin'))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCode(await emu.call('org', 'moveOrg', { orgId: 'org-fl-2', newParentId: 'org-none' }, 'demo-admin'))).toBe('NOT_FOUND');

    const moved = okData(await emu.call<OrgView>('org', 'moveOrg', { orgId: 'org-fl-2', newParentId: 'org-em' }, 'demo-admin'));
    expect(moved.parentId).toBe('org-em');
    expect((await doc<Org>('orgs', 'org-fl-2')).ancestors).toEqual(['org-committee', 'org-em']);
    for (const g of ['org-fl-2-g1', 'org-fl-2-g2'])
      expect((await doc<Org>('orgs', g)).ancestors).toEqual(['org-committee', 'org-em', 'org-fl-2']);
    const people = await find<Member>('members', { branchId: 'org-fl-2' });
    expect(people).toHaveLength(145);
    expect(people.every((m) => m.orgPath.join('/') === 'org-committee/org-em/org-fl-2')).toBe(true);
    expect(await find('members', { orgPath: 'org-fl' })).toHaveLength(25);

    // The tree reads the new shape, and the general secretary of em now covers the moved branch.
    const em = okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-em' }, 'demo-general-em'));
    expect(em.children.map((c) => c.id)).toContain('org-fl-2');
    expect(em.memberCount).toBe(75 + 145);
    const [entry] = await auditOf('org-fl-2');
    expect(entry).toMatchObject({
      action: 'moveOrg',
      before: { parentId: 'org-fl' },
      after: expect.objectContaining({ parentId: 'org-em', membersMoved: 145 }),
    });
  });

  it('moves a group to another branch: its members change branch', async () => {
    okData(await emu.call<OrgView>('org', 'moveOrg', { orgId: 'org-em-3-g1', newParentId: 'org-em-1' }, 'demo-admin'));
    const people = await find<Member>('members', { groupId: 'org-em-3-g1' });
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((m) => m.branchId === 'org-em-1' && m.orgPath.join('/') === 'org-committee/org-em/org-em-1')).toBe(true);
    expect((await doc<Org>('orgs', 'org-em-3-g1')).ancestors).toEqual(['org-committee', 'org-em', 'org-em-1']);
  });
});

describe('archiveOrg / restoreOrg', () => {
  it('refuses to archive an org with active children, archives leaves, and restores them', async () => {
    const refused = await emu.call('org', 'archiveOrg', { orgId: 'org-cs-2' }, 'demo-general-cs');
    expect(refused.result).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(refused.result && !refused.result.ok && refused.result.message).toContain('2 个未归档的下级组织');
    expect((await doc<Org>('orgs', 'org-cs-2')).archived).toBe(false);

    for (const g of ['org-cs-2-g1', 'org-cs-2-g2'])
      expect(okData(await emu.call<OrgView>('org', 'archiveOrg', { orgId: g }, 'demo-general-cs')).archived).toBe(true);
    expect(okData(await emu.call<OrgView>('org', 'archiveOrg', { orgId: 'org-cs-2' }, 'demo-general-cs')).archived).toBe(true);
    const cs = okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-cs' }, 'demo-admin'));
    expect(cs.children.map((c) => c.id)).not.toContain('org-cs-2');
    const all = okData(await emu.call<OrgDetail>('org', 'detail', { orgId: 'org-cs', includeArchived: true }, 'demo-admin'));
    expect(all.children.find((c) => c.id === 'org-cs-2')).toMatchObject({ archived: true, childCount: 0 });

    expect(errorCode(await emu.call('org', 'restoreOrg', { orgId: 'org-cs-2-g1' }, 'demo-general-cs'))).toBe('CONFLICT');
    expect(okData(await emu.call<OrgView>('org', 'restoreOrg', { orgId: 'org-cs-2' }, 'demo-general-cs')).archived).toBe(false);
    expect(okData(await emu.call<OrgView>('org', 'restoreOrg', { orgId: 'org-cs-2-g1' }, 'demo-general-cs')).archived).toBe(false);
    expect((await auditOf('org-cs-2')).map((e) => e.action).sort()).toEqual(['archiveOrg', 'restoreOrg']);
    expect(errorCode(await emu.call('org', 'archiveOrg', { orgId: 'org-em-1-g1' }, 'demo-general-cs'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'archiveOrg', { orgId: 'org-cs' }, 'demo-general-cs'))).toBe('FORBIDDEN');
  });
});

describe('assignRole / revokeRole', () => {
  it('hands a branch over: the old secretary is refused on their very next call, the new one allowed', async () => {
    // m-2023010201 (secretary of org-cs-2) and m-2023010202 (bound, ordinary member of org-cs-2).
    expect(okData(await emu.call<OrgView>('org', 'renameOrg', { orgId: 'org-cs-2-g2', name: '第二团小组' }, 'demo-2023010201')).name).toBe(
      '第二团小组',
    );
    expect(errorCode(await emu.call('org', 'renameOrg', { orgId: 'org-cs-2-g2', name: '第二小组' }, 'demo-2023010202'))).toBe('FORBIDDEN');

    const grant = okData(
      await emu.call<GrantView>('org', 'assignRole', { orgId: 'org-cs-2', role: 'secretary', holderId: 'm-2023010202' }, 'demo-general-cs'),
    );
    expect(grant).toMatchObject({ role: 'secretary', orgId: 'org-cs-2', holderId: 'm-2023010202', active: true });
    expect(errorCode(await emu.call('org', 'renameOrg', { orgId: 'org-cs-2-g2', name: '旧书记改名' }, 'demo-2023010201'))).toBe(
      'FORBIDDEN',
    );
    expect(okData(await emu.call<OrgView>('org', 'renameOrg', { orgId: 'org-cs-2-g2', name: '新书记改名' }, 'demo-2023010202')).name).toBe(
      '新书记改名',
    );
    const grants = await find<RoleGrant>('roles', { orgId: 'org-cs-2', role: 'secretary' });
    expect(grants.map((g) => g.holderId)).toEqual(['m-2023010202']);
    const [entry] = await auditOf(grant.id);
    expect(entry).toMatchObject({
      action: 'assignRole',
      before: [expect.objectContaining({ holderId: 'm-2023010201' })],
      after: expect.objectContaining({ holderId: 'm-2023010202' }),
    });
  });

  it('checks the role against the org level and the assigner', async () => {
    expect(
      errorCode(await emu.call('org', 'assignRole', { orgId: 'org-cs', role: 'secretary', holderId: 'm-2023010203' }, 'demo-admin')),
    ).toBe('INVALID_ARGUMENT');
    expect(errorCode(await emu.call('org', 'assignRole', { orgId: 'org-cs-1', role: 'admin', holderId: 's-leader-2' }, 'demo-admin'))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      errorCode(await emu.call('org', 'assignRole', { orgId: 'org-cs-1', role: 'leader', holderId: 's-leader-2' }, 'demo-general-cs')),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await emu.call('org', 'assignRole', { orgId: 'org-em-1', role: 'secretary', holderId: 'm-2023020102' }, 'demo-general-cs')),
    ).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'assignRole', { orgId: 'org-cs-1', role: 'secretary', holderId: 'm-9999' }, 'demo-admin'))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await emu.call('org', 'assignRole', { orgId: 'org-cs-1', role: 'secretary', holderId: 'x-1' }, 'demo-admin'))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      errorCode(await emu.call('org', 'assignRole', { orgId: 'org-cs-1', role: 'member', holderId: 'm-2023010102' }, 'demo-admin')),
    ).toBe('INVALID_ARGUMENT');
  });

  it('gives a general branch a new general secretary (staff) and revokes grants by scope', async () => {
    const created = okData(await emu.call<StaffView>('org', 'createStaff', { name: '新老师', title: '学院团总支书记' }, 'demo-admin'));
    const g = okData(
      await emu.call<GrantView>('org', 'assignRole', { orgId: 'org-fl', role: 'generalSecretary', holderId: created.id }, 'demo-admin'),
    );
    expect(g.active).toBe(false);
    // The previous holder has no grant left at all: the router answers as for anyone without a role.
    expect(errorCode(await emu.call('org', 'detail', { orgId: 'org-fl-1' }, 'demo-general-fl'))).toBe('NOT_BOUND');
    expect(await find('roles', { orgId: 'org-fl', role: 'generalSecretary' })).toEqual([
      expect.objectContaining({ holderId: created.id, openid: null }),
    ]);

    const leaderGrant = (await find<RoleGrant>('roles', { holderId: 's-leader-1', orgId: 'org-em-2' }))[0];
    expect(errorCode(await emu.call('org', 'revokeRole', { grantId: leaderGrant._id }, 'demo-general-cs'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'revokeRole', { grantId: 'role-secretary-2023010301' }, 'demo-general-cs'))).toBe('OK');
    expect(await find('roles', { _id: 'role-secretary-2023010301' })).toHaveLength(0);
    expect(errorCode(await emu.call('org', 'revokeRole', { grantId: 'role-nope' }, 'demo-admin'))).toBe('NOT_FOUND');
    const [entry] = await auditOf('role-secretary-2023010301');
    expect(entry).toMatchObject({ action: 'revokeRole', before: expect.objectContaining({ holderId: 'm-2023010301' }), after: null });
  });
});

describe('staff, contact points, leading group, audit log', () => {
  it('creates staff with an unambiguous 8-character invite code, for admins only', async () => {
    const s = okData(await emu.call<StaffView>('org', 'createStaff', { name: '周老师', title: '校团委干事' }, 'demo-admin'));
    expect(s.inviteCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(s.id).toMatch(/^s-/);
    expect(errorCode(await emu.call('org', 'createStaff', { name: '周老师', title: '干事' }, 'demo-general-cs'))).toBe('FORBIDDEN');
    const list = okData(await emu.call<StaffView[]>('org', 'listStaff', {}, 'demo-admin'));
    expect(list.find((x) => x.id === 's-invited')).toMatchObject({ bound: false, inviteCode: 'DEMO2026' });
    expect(errorCode(await emu.call('org', 'listStaff', {}, 'demo-leader-1'))).toBe('FORBIDDEN');
  });

  it("replaces a leader's contact points", async () => {
    const v = okData(
      await emu.call<LeaderView>('org', 'setContactPoints', { holderId: 's-leader-1', orgIds: ['org-em-2', 'org-fl-1-g1'] }, 'demo-admin'),
    );
    expect(v.contactPoints.map((c) => c.orgId)).toEqual(['org-em-2', 'org-fl-1-g1']);
    expect(errorCode(await emu.call('org', 'detail', { orgId: 'org-cs-1' }, 'demo-leader-1'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'detail', { orgId: 'org-fl-1-g1' }, 'demo-leader-1'))).toBe('OK');
    expect(errorCode(await emu.call('org', 'setContactPoints', { holderId: 's-leader-1', orgIds: ['org-committee'] }, 'demo-admin'))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCode(await emu.call('org', 'setContactPoints', { holderId: 's-leader-1', orgIds: ['org-x'] }, 'demo-admin'))).toBe(
      'NOT_FOUND',
    );
    const group = okData(await emu.call<LeaderView[]>('org', 'leadingGroup', {}, 'demo-admin'));
    expect(
      group
        .find((l) => l.holderId === 's-leader-1')
        ?.contactPoints.map((c) => c.orgId)
        .sort(),
    ).toEqual(['org-em-2', 'org-fl-1-g1']);
    const [entry] = await auditOf('s-leader-1');
    expect(entry).toMatchObject({ action: 'setContactPoints', before: ['org-cs-1', 'org-em-2'], after: ['org-em-2', 'org-fl-1-g1'] });
  });

  it('shows the audit log of a subtree, newest first, to readers over it', async () => {
    const log = okData(
      await emu.call<{ items: AuditView[]; nextSkip: number | null }>('org', 'auditLog', { orgId: 'org-cs' }, 'demo-general-cs'),
    );
    expect(log.items.length).toBeGreaterThan(5);
    expect(log.items.map((i) => i.action)).toEqual(expect.arrayContaining(['createOrg', 'renameOrg', 'assignRole', 'archiveOrg']));
    const times = log.items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(errorCode(await emu.call('org', 'auditLog', { orgId: 'org-em' }, 'demo-general-cs'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('org', 'auditLog', { orgId: 'org-cs-1' }, 'demo-2023010104'))).toBe('FORBIDDEN');
  });
});
