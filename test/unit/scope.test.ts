import type { Org } from '../../types/models';
import { coveringRoles, heldRoles, roleCovers, type Principal } from '../../types/scope';

/** An active org whose parent is the last of its ancestors. */
const org = (_id: string, name: string, level: Org['level'], ancestors: string[], order = 0): Org => ({
  _id,
  name,
  level,
  parentId: ancestors[ancestors.length - 1] ?? null,
  ancestors,
  archived: false,
  order,
});
const committee = org('c', '校团委', 'committee', []);
const general = org('g', '计算机学院团总支', 'general', ['c']);
const branch = org('b', '计科2301班团支部', 'branch', ['c', 'g']);
const otherBranch = org('b2', '英语2301班团支部', 'branch', ['c', 'g2']);
const group = org('b-g1', '第一团小组', 'group', ['c', 'g', 'b'], 1);

const person = (grants: Principal['grants'], member: Principal['member'] = null): Principal => ({ openid: 'o', member, grants });

describe('who covers which org', () => {
  it('a committee admin covers the whole tree', () => {
    const admin = person([{ role: 'admin', orgId: 'c' }]);
    for (const org of [committee, general, branch, otherBranch, group]) expect(roleCovers(admin, 'admin', org)).toBe(true);
  });

  it('a general-branch secretary covers their college only', () => {
    const gs = person([{ role: 'generalSecretary', orgId: 'g' }]);
    expect(roleCovers(gs, 'generalSecretary', branch)).toBe(true);
    expect(roleCovers(gs, 'generalSecretary', group)).toBe(true);
    expect(roleCovers(gs, 'generalSecretary', committee)).toBe(false);
    expect(roleCovers(gs, 'generalSecretary', otherBranch)).toBe(false);
  });

  it('a branch secretary covers the branch and its groups, not the college above', () => {
    const sec = person([{ role: 'secretary', orgId: 'b' }]);
    expect(roleCovers(sec, 'secretary', branch)).toBe(true);
    expect(roleCovers(sec, 'secretary', group)).toBe(true);
    expect(roleCovers(sec, 'secretary', general)).toBe(false);
  });

  it('a role counts only as itself: a secretary grant is not an admin grant', () => {
    const sec = person([{ role: 'secretary', orgId: 'b' }]);
    expect(roleCovers(sec, 'admin', branch)).toBe(false);
    expect(coveringRoles(sec, ['admin', 'generalSecretary'], branch)).toEqual([]);
    expect(coveringRoles(sec, ['admin', 'secretary'], branch)).toEqual(['secretary']);
  });

  it('a member covers the orgs on their own path, not a neighbour branch', () => {
    const m = person([], { _id: 'm1', orgPath: ['c', 'g', 'b'], branchId: 'b', groupId: 'b-g1' });
    expect(roleCovers(m, 'member', branch)).toBe(true);
    expect(roleCovers(m, 'member', group)).toBe(true);
    expect(roleCovers(m, 'member', otherBranch)).toBe(false);
    expect(heldRoles(m)).toEqual(['member']);
  });

  it('an unbound visitor covers nothing', () => {
    const v = person([]);
    expect(roleCovers(v, 'member', branch)).toBe(false);
    expect(heldRoles(v)).toEqual([]);
  });
});
