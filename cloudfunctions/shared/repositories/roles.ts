import type { RoleGrant } from '../../../types/models';
import { cond, PAGE_LIMIT, Repository } from './repository';

class RoleRepository extends Repository<RoleGrant> {
  constructor() {
    super('roles');
  }

  /** A person holds few grants; one page is always enough, but page anyway for safety. */
  ofOpenid(openid: string): Promise<RoleGrant[]> {
    return this.all({ openid });
  }

  /** The grants of a roster member or staff account, whose openid they mirror. */
  ofHolder(holderId: string): Promise<RoleGrant[]> {
    return this.all({ holderId });
  }

  /** The next 100 grants of these roles after a grant id (null: from the start); a resumable walk. */
  pageAfter(roleNames: readonly RoleGrant['role'][], afterId: string | null): Promise<RoleGrant[]> {
    const filter = { role: cond.oneOf(roleNames), ...(afterId === null ? {} : { _id: cond.after(afterId) }) };
    return this.page(filter, { limit: PAGE_LIMIT, order: { field: '_id', direction: 'asc' } });
  }
}

export const roles = new RoleRepository();
