import { ORG_LEVELS, type Org } from '../../types/models';
import type { OrgDetail, OrgView } from '../../types/org';
import type { Caller } from '../shared/caller';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { roles } from '../shared/repositories/roles';
import { toGrantView, toOrgView } from './common';

/**
 * An org, its ancestors, its children with their child counts, the members of its subtree and the
 * role holders on it. After the org itself, four reads in parallel and one aggregate.
 */
export async function detail(org: Org, includeArchived: boolean): Promise<OrgDetail> {
  const [ancestors, children, memberCount, grants] = await Promise.all([
    org.ancestors.length > 0 ? orgs.byIds(org.ancestors) : Promise.resolve([] as Org[]),
    orgs.all(includeArchived ? { parentId: org._id } : { parentId: org._id, archived: false }, { field: 'order', direction: 'asc' }),
    members.count(org.level === 'group' ? { groupId: org._id } : { orgPath: org._id }),
    roles.all({ orgId: org._id }),
  ]);
  const counts = await orgs.activeChildCounts(children.map((c) => c._id));
  const byDepth = new Map(ancestors.map((a) => [a._id, a]));
  return {
    org: toOrgView(org),
    ancestors: org.ancestors
      .map((id) => byDepth.get(id))
      .filter((a): a is Org => Boolean(a))
      .map(toOrgView),
    children: children.map((c) => ({ ...toOrgView(c), childCount: counts.get(c._id) ?? 0 })),
    memberCount,
    roles: grants.sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name)).map((g) => toGrantView(g, org.name)),
  };
}

/**
 * Where the caller may start browsing: the committee for admins, their college, their branch, their
 * contact points, and a member's own branch. An org inside another root is not repeated.
 */
export async function roots(caller: Caller): Promise<OrgView[]> {
  const ids = new Set<string>(caller.grants.map((g) => g.orgId));
  if (caller.member) ids.add(caller.member.branchId);
  const found = await orgs.byIds([...ids]);
  const picked = found.filter((o) => !o.ancestors.some((a) => ids.has(a)));
  return picked
    .sort((a, b) => ORG_LEVELS.indexOf(a.level) - ORG_LEVELS.indexOf(b.level) || a.order - b.order || a._id.localeCompare(b._id))
    .map(toOrgView);
}
