import type { Ballot, Choice, Scores } from '../../../types/evaluate';
import { Repository } from './repository';

/** One row of the tally: how many counted ballots gave this target this choice, and the score sums. */
export interface TallyRow {
  _id: { targetId: string; choice: Choice | null };
  n: number;
  organisation: number;
  education: number;
  activities: number;
  feedback: number;
}

/**
 * Ballots are read only in bulk, by the database, for the tally: no action returns one, and nothing reads them
 * in stored order (which would follow the order of voting).
 */
class BallotRepository extends Repository<Ballot> {
  constructor() {
    super('ballots');
  }

  /** Counts per target and choice, and score sums per target: one aggregate (≤ 3 rows per target). */
  async marksTally(evaluationId: string, maxRows: number): Promise<TallyRow[]> {
    const $ = this.command().aggregate;
    const res = (await this.collection()
      .aggregate()
      .match({ evaluationId })
      .unwind('$marks')
      .group({
        _id: { targetId: '$marks.targetId', choice: '$marks.choice' },
        n: $.sum(1),
        organisation: $.sum('$marks.scores.organisation'),
        education: $.sum('$marks.scores.education'),
        activities: $.sum('$marks.scores.activities'),
        feedback: $.sum('$marks.scores.feedback'),
      })
      .limit(maxRows)
      .end()) as { list: TallyRow[] };
    return res.list;
  }

  /**
   * The non-empty comments per target, in the order of the ballots' random ids (not of voting): one aggregate, which
   * first keeps only ballots with some comment (most have none).
   */
  async comments(evaluationId: string, targets: number): Promise<Map<string, string[]>> {
    const $ = this.command().aggregate;
    const res = (await this.collection()
      .aggregate()
      .match({ evaluationId, 'marks.comment': this.command().gt('') })
      .unwind('$marks')
      .match({ 'marks.comment': this.command().neq('') })
      .sort({ _id: 1 })
      .group({ _id: '$marks.targetId', comments: $.push('$marks.comment') })
      .limit(targets)
      .end()) as { list: { _id: string; comments: string[] }[] };
    return new Map(res.list.map((r) => [r._id, r.comments]));
  }

  /** Whether a ballot with this receipt exists (counted once the evaluation is closed: see TALLY_GRACE_MS). */
  async hasReceipt(evaluationId: string, receipt: string): Promise<boolean> {
    return (await this.count({ evaluationId, receipt })) > 0;
  }
}

export const ballots = new BallotRepository();
export type { Scores };
