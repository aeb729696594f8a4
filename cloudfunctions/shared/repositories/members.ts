import type { Member } from '../../../types/models';
import { db } from '../cloud';
import { PAGE_LIMIT, Repository } from './repository';

class MemberRepository extends Repository<Member> {
  constructor() {
    super('members');
  }

  byOpenid(openid: string): Promise<Member | null> {
    return this.first({ openid });
  }

  /** Members with these student numbers, one request per 100 numbers (a `get` returns at most 100). */
  async byStudentNos(studentNos: readonly string[]): Promise<Member[]> {
    const unique = [...new Set(studentNos)];
    const out: Member[] = [];
    for (let i = 0; i < unique.length; i += PAGE_LIMIT) {
      const batch = unique.slice(i, i + PAGE_LIMIT);
      out.push(...(await this.page({ studentNo: db().command.in(batch) }, { limit: PAGE_LIMIT })));
    }
    return out;
  }
}

export const members = new MemberRepository();
