import type { RoleGrant } from '../../../types/models';
import { Repository } from './repository';

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
}

export const roles = new RoleRepository();
