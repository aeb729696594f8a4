import type { Staff } from '../../../types/models';
import { Repository } from './repository';

class StaffRepository extends Repository<Staff> {
  constructor() {
    super('staff');
  }

  byOpenid(openid: string): Promise<Staff | null> {
    return this.first({ openid });
  }

  byInviteCode(code: string): Promise<Staff | null> {
    return this.first({ inviteCode: code });
  }
}

export const staff = new StaffRepository();
