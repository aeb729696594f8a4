import { ORG_LEVELS, type Org } from '../../types/models';
import type { OrgRef, WhoAmI } from '../../types/system';
import type { Caller } from '../shared/caller';
import { orgs } from '../shared/repositories/orgs';

/** Name, org path and roles in one extra request: every org needed is fetched in one batch. */
export async function whoami(caller: Caller): Promise<WhoAmI> {
  const { member, grants } = caller;
  const path = member ? [...member.orgPath, ...(member.groupId ? [member.groupId] : [])] : [];
  const wanted = [...path, ...grants.map((g) => g.orgId)];
  const byId = new Map<string, Org>();
  if (wanted.length > 0) for (const org of await orgs.byIds(wanted)) byId.set(org._id, org);

  const orgPath: OrgRef[] = path
    .map((id) => byId.get(id))
    .filter((o): o is Org => Boolean(o))
    .sort((a, b) => ORG_LEVELS.indexOf(a.level) - ORG_LEVELS.indexOf(b.level))
    .map((o) => ({ id: o._id, name: o.name, level: o.level }));

  return {
    bound: Boolean(member) || grants.length > 0,
    name: member?.name ?? grants[0]?.name ?? null,
    studentNo: member?.studentNo ?? null,
    isCadre: member?.isCadre ?? false,
    post: member?.post ?? null,
    orgPath,
    roles: [
      ...grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: byId.get(g.orgId)?.name ?? '（已撤销的组织）' })),
      ...(member ? [{ role: 'member' as const, orgId: member.branchId, orgName: byId.get(member.branchId)?.name ?? '' }] : []),
    ],
  };
}
