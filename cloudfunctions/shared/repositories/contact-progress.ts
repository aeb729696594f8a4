/**
 * A read model for a leader's contact points: each org with its round's progress gathered by the database in ONE
 * aggregate over `orgs`: $lookup by equality into members (orgPath / groupId), and with let/pipeline into orgPledges,
 * memberPledges, activities, reviews, rectifications and inspections, each projected to what the screen needs. It
 * reads the `orgs` collection like OrgRepository but answers a different shape; kept apart so the tree's repository
 * stays about the tree. Meant for a handful of orgs (a leader's 联系点, ≤ 50): the pipelines scan their collections
 * per org (bench/supervise.ts: 10 branches beside 30,000 members, 87 ms in the emulator).
 */
import type { FourGood, Org } from '../../../types/models';
import type { Grade } from '../../../types/fulfil';
import type { InspectionKind, Rectification } from '../../../types/supervise';
import { db } from '../cloud';
import { cond, Repository } from './repository';

export interface ProgressRow {
  _id: string;
  name: string;
  level: Org['level'];
  pledge: { items: Record<FourGood, string>; late: boolean; submittedAt: Date }[];
  memberCount: number;
  signedCount: number;
  activityCount: number;
  reviewedCount: number;
  review: { grade: Grade }[];
  rectifications: Pick<
    Rectification,
    '_id' | 'finding' | 'orgId' | 'orgName' | 'deadline' | 'status' | 'escalatedTo' | 'inspectionId' | 'inspectorName' | 'responsible'
  >[];
  lastInspection: { kind: InspectionKind; date: string }[];
}

/** A sub-pipeline of a $lookup (`db.command.aggregate.pipeline()`): in @cloudbase/database 1.4.3, not in its typings. */
interface SubPipeline {
  match(query: unknown): SubPipeline;
  project(fields: Record<string, unknown>): SubPipeline;
  sort(fields: Record<string, 1 | -1>): SubPipeline;
  limit(n: number): SubPipeline;
  done(): unknown[];
}
interface LookupCommands {
  /** `db.command.expr`: an aggregate expression as a query, the way a lookup's pipeline reads its `let` variables. */
  expr(expression: unknown): unknown;
  aggregate: { pipeline(): SubPipeline };
}

class ContactProgressRepository extends Repository<Org> {
  constructor() {
    super('orgs');
  }

  /** Progress of these orgs in a round: one request. */
  async ofOrgs(orgIds: readonly string[], campaignId: string, roundKey: string): Promise<ProgressRow[]> {
    if (orgIds.length === 0) return [];
    const _ = db().command;
    const $ = _.aggregate;
    const lookups = _ as unknown as LookupCommands;
    const pipeline = () => lookups.aggregate.pipeline();
    const expr = (e: unknown) => lookups.expr(e);
    const inRound = [$.eq(['$campaignId', campaignId]), $.eq(['$roundKey', roundKey])];
    const sub = (match: unknown, project: Record<string, unknown>) => pipeline().match(expr(match)).project(project).done();
    const res = (await this.collection()
      .aggregate()
      .match({ _id: cond.oneOf(orgIds) })
      .lookup({
        from: 'orgPledges',
        let: { id: '$_id' },
        pipeline: sub($.and([$.eq(['$orgId', '$$id']), ...inRound]), { _id: 0, items: 1, late: 1, submittedAt: 1 }),
        as: 'pledge',
      })
      // Members by equality (the database matches an id inside orgPath and uses its index): a branch's or a
      // general branch's members have it on their path, a group's name it as their group.
      .lookup({ from: 'members', localField: '_id', foreignField: 'orgPath', as: 'pathMembers' })
      .lookup({ from: 'members', localField: '_id', foreignField: 'groupId', as: 'groupMembers' })
      .addFields({ members: $.concatArrays(['$pathMembers._id', '$groupMembers._id']) })
      .lookup({
        from: 'memberPledges',
        let: { ids: '$members' },
        pipeline: sub($.and([$.in(['$memberId', '$$ids']), ...inRound]), { _id: 1 }),
        as: 'signed',
      })
      .lookup({
        from: 'activities',
        let: { id: '$_id' },
        pipeline: sub($.and([$.in(['$$id', '$orgPath']), $.eq(['$archived', false]), ...inRound]), { _id: 1 }),
        as: 'activities',
      })
      .lookup({
        from: 'reviews',
        let: { ids: '$members' },
        pipeline: sub($.and([$.in(['$subjectId', '$$ids']), ...inRound]), { _id: 1 }),
        as: 'memberReviews',
      })
      .lookup({
        from: 'reviews',
        let: { id: '$_id' },
        pipeline: sub($.and([$.eq(['$subjectId', '$$id']), ...inRound]), { _id: 0, grade: 1 }),
        as: 'review',
      })
      .lookup({
        from: 'rectifications',
        let: { id: '$_id' },
        pipeline: sub($.and([$.in(['$$id', '$orgPath']), $.neq(['$status', 'accepted'])]), {
          _id: 1,
          finding: 1,
          orgId: 1,
          orgName: 1,
          deadline: 1,
          status: 1,
          escalatedTo: 1,
          inspectionId: 1,
          inspectorName: 1,
          responsible: 1,
        }),
        as: 'rectifications',
      })
      .lookup({
        from: 'inspections',
        let: { id: '$_id' },
        pipeline: pipeline()
          .match(expr($.in(['$$id', '$orgPath'])))
          .sort({ date: -1 })
          .limit(1)
          .project({ _id: 0, kind: 1, date: 1 })
          .done(),
        as: 'lastInspection',
      })
      .project({
        name: 1,
        level: 1,
        pledge: 1,
        memberCount: $.size('$members'),
        signedCount: $.size('$signed'),
        activityCount: $.size('$activities'),
        reviewedCount: $.size('$memberReviews'),
        review: 1,
        rectifications: 1,
        lastInspection: 1,
      })
      .limit(orgIds.length)
      .end()) as { list: ProgressRow[] };
    return res.list;
  }
}

export const contactProgress = new ContactProgressRepository();
