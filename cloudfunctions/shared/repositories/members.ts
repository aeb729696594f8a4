import type { Member } from '../../../types/models';
import { Repository } from './repository';

class MemberRepository extends Repository<Member> {
  constructor() {
    super('members');
  }

  byOpenid(openid: string): Promise<Member | null> {
    return this.first({ openid });
  }
}

export const members = new MemberRepository();
