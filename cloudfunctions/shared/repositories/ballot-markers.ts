import type { BallotMarker } from '../../../types/evaluate';
import { cond, Repository, slices } from './repository';

/** Who voted is not secret, what they chose is: markers count turnout per unit and answer "did these people vote". */
class BallotMarkerRepository extends Repository<BallotMarker> {
  constructor() {
    super('ballotMarkers');
  }

  /** Voters per unit (target) of an evaluation: one aggregate per 100 units. */
  votedPerUnit(evaluationId: string, unitIds: readonly string[]): Promise<Map<string, number>> {
    return this.countsBy('unitId', unitIds, { evaluationId });
  }

  /** Voters per evaluation and unit, for these evaluations (one aggregate per 100 evaluations): counts only, no marker id. */
  async votedPerEvaluationUnit(evaluationIds: readonly string[]): Promise<{ evaluationId: string; unitId: string; n: number }[]> {
    const out: { evaluationId: string; unitId: string; n: number }[] = [];
    for (const chunk of slices([...new Set(evaluationIds)])) {
      const rows = await this.tally({ evaluationId: cond.oneOf(chunk) }, { evaluationId: 'evaluationId', unitId: 'unitId' });
      for (const r of rows)
        if (r.key.evaluationId && r.key.unitId) out.push({ evaluationId: r.key.evaluationId, unitId: r.key.unitId, n: r.n });
    }
    return out;
  }

  /** Which of these marker ids exist (one request per 100). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    return new Set((await this.byIds(ids)).map((m) => m._id));
  }
}

export const ballotMarkers = new BallotMarkerRepository();
