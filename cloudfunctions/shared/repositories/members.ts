import type { Member } from '../../../types/models';
import { cond, PAGE_LIMIT, Repository, slices, type Order, type Where } from './repository';

const BY_NUMBER: Order = { field: 'studentNo', direction: 'asc' };

class MemberRepository extends Repository<Member> {
  constructor() {
    super('members');
  }

  byOpenid(openid: string): Promise<Member | null> {
    return this.first({ openid });
  }

  /** Members with these student numbers, one request per 100 numbers (a `get` returns at most 100). */
  async byStudentNos(studentNos: readonly string[]): Promise<Member[]> {
    const out: Member[] = [];
    for (const batch of slices([...new Set(studentNos)]))
      out.push(...(await this.page({ studentNo: cond.oneOf(batch) }, { limit: PAGE_LIMIT })));
    return out;
  }

  /**
   * One page of a subtree's members in student-number order, and how many match. A keyword of digits
   * matches the start of the student number; anything else, part of the name (taken literally).
   */
  async search(scope: Where, keyword: string, page: { skip: number; limit: number }): Promise<{ items: Member[]; total: number }> {
    const filter: Where = { ...scope };
    if (/^\d+$/.test(keyword)) filter.studentNo = cond.prefix(keyword);
    else if (keyword) filter.name = cond.contains(keyword);
    const [items, total] = await Promise.all([this.page(filter, { ...page, order: BY_NUMBER }), this.count(filter)]);
    return { items, total };
  }

  /** Every member of a subtree, 100 per request, walking the student-number index (no growing skip). */
  async allIn(scope: Where): Promise<Member[]> {
    const out: Member[] = [];
    for (;;) {
      const page = await this.pageAfter(scope, out[out.length - 1]?.studentNo ?? null);
      out.push(...page);
      if (page.length < PAGE_LIMIT) return out;
    }
  }

  /** The next 100 members of a subtree after a student number (null: from the start); a resumable walk. */
  pageAfter(scope: Where, afterStudentNo: string | null): Promise<Member[]> {
    return this.page(afterStudentNo === null ? scope : { ...scope, studentNo: cond.after(afterStudentNo) }, {
      limit: PAGE_LIMIT,
      order: BY_NUMBER,
    });
  }

  /** Bound members (with a WeChat identity) under each of these orgs, counted by the database: one aggregate per 100 orgs. */
  async boundUnder(orgIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const $ = this.command().aggregate;
    for (const chunk of slices([...new Set(orgIds)])) {
      const res = (await this.collection()
        .aggregate()
        .match({ orgPath: cond.oneOf(chunk), openid: this.command().neq(null) })
        .unwind('$orgPath')
        .match({ orgPath: cond.oneOf(chunk) })
        .group({ _id: '$orgPath', n: $.sum(1) })
        .limit(chunk.length)
        .end()) as { list: { _id: string; n: number }[] };
      for (const row of res.list) out.set(row._id, row.n);
    }
    return out;
  }

  /** Members of a group follow it to another branch (an org move): one request. */
  moveGroup(groupId: string, branchId: string, orgPath: string[]): Promise<number> {
    return this.updateWhere({ groupId }, { branchId, orgPath });
  }

  /** The new path of a branch's members after a move: one request. */
  setBranchPath(branchId: string, orgPath: string[]): Promise<number> {
    return this.updateWhere({ branchId }, { orgPath });
  }
}

export const members = new MemberRepository();
