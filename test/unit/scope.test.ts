import type { Org } from '../../types/models';
import { coveringRoles, heldRoles, roleCovers, type Principal } from '../../types/scope';

const committee: Org = { _id: 'c', name: '校团委', level: 'committee', parentId: null, ancestors: [], archived: false, order: 0 };
const general: Org = { _id: 'g', name: '计算机学院团总支', level: 'general', parentId: 'c', ancestors: ['c'], archived: false, order: 0 };
const branch: Org = {
  _id: 'b',
  name: '计科2301班团支部',
  level: 'branch',
  parentId: 'g',
  ancestors: ['c', 'g'],
  archived: false,
  order: 0,
};
const otherBranch: Org = {
  _id: 'b2',
  name: '英语2301班团支部',
  level: 'branch',
  parentId: 'g2',
  ancestors: ['c', 'g2'],
  archived: false,
  order: 0,
};
const group: Org = {
  _id: 'b-g1',
  name: '第一团小组',
  level: 'group',
  parentId: 'b',
  ancestors: ['c', 'g', 'b'],
  archived: false,
  order: 1,
};

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
