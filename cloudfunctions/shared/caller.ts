import type { Member, RoleGrant } from '../../types/models';
import type { Principal } from '../../types/scope';
import { members } from './repositories/members';
import { roles } from './repositories/roles';

export interface Caller extends Principal {
  member: Member | null;
  grants: RoleGrant[];
}

/**
 * Who is calling, read fresh on every invocation (two requests, in parallel), so a secretary handover
 * or a released binding takes effect on the very next call.
 */
export async function loadCaller(openid: string): Promise<Caller> {
  const [member, grants] = await Promise.all([members.byOpenid(openid), roles.ofOpenid(openid)]);
  return { openid, member, grants };
}
