import type { Member, Org, OrgLevel, RoleGrant, Staff } from '../../types/models';
import type { GrantView, OrgView } from '../../types/org';
import { AppError, notFound } from '../shared/errors';
import { members } from '../shared/repositories/members';
import { staff } from '../shared/repositories/staff';

/** committee → general → branch → group; a group has no children. */
export const CHILD_LEVEL: Record<OrgLevel, OrgLevel | null> = {
  committee: 'general',
  general: 'branch',
  branch: 'group',
  group: null,
};

export function toOrgView(org: Org): OrgView {
  return { id: org._id, name: org.name, level: org.level, parentId: org.parentId, archived: org.archived };
}

export function toGrantView(grant: RoleGrant, orgName: string): GrantView {
  return {
    id: grant._id,
    role: grant.role,
    orgId: grant.orgId,
    orgName,
    holderId: grant.holderId,
    name: grant.name,
    active: grant.openid !== null && grant.openid !== undefined,
  };
}

/** A role holder: a roster member (m-…) or a staff account (s-…). */
export type Holder = { kind: 'member'; doc: Member } | { kind: 'staff'; doc: Staff };

export async function mustHolder(holderId: string): Promise<Holder> {
  if (holderId.startsWith('m-')) {
    const doc = await members.byId(holderId);
    if (doc) return { kind: 'member', doc };
  } else if (holderId.startsWith('s-')) {
    const doc = await staff.byId(holderId);
    if (doc) return { kind: 'staff', doc };
  } else {
    throw new AppError('INVALID_ARGUMENT', '人员：应为团员编号（m-…）或工作人员编号（s-…）', 'holderId');
  }
  throw notFound('人员');
}
