import type { Member, Org, Role, RoleGrant } from './models';

/**
 * Who may act on which org. Pure rules, used by the router before any handler runs and by the app to
 * decide what to show. A grant covers its org's whole subtree; a member covers the orgs on their own path.
 */
export interface Principal {
  openid: string;
  member: Pick<Member, '_id' | 'orgPath' | 'branchId' | 'groupId'> | null;
  grants: Pick<RoleGrant, 'role' | 'orgId'>[];
}

/** An org's own id plus every ancestor: a grant on any of them covers the org. */
export function lineage(org: Pick<Org, '_id' | 'ancestors'>): string[] {
  return [...org.ancestors, org._id];
}

export function roleCovers(principal: Principal, role: Role, target: Pick<Org, '_id' | 'ancestors'>): boolean {
  if (role === 'member') {
    if (!principal.member) return false;
    const own = [...principal.member.orgPath, principal.member.groupId].filter(Boolean);
    return own.includes(target._id);
  }
  const line = lineage(target);
  return principal.grants.some((g) => g.role === role && line.includes(g.orgId));
}

/** The roles (of those allowed) under which the principal may act on the target. */
export function coveringRoles(principal: Principal, allowed: readonly Role[], target: Pick<Org, '_id' | 'ancestors'>): Role[] {
  return allowed.filter((role) => roleCovers(principal, role, target));
}

/** Roles the principal holds anywhere, for actions that need a role but no particular org. */
export function heldRoles(principal: Principal): Role[] {
  const roles = new Set<Role>(principal.grants.map((g) => g.role));
  if (principal.member) roles.add('member');
  return [...roles];
}
