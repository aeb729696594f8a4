import type { BallotMarker } from '../../../types/evaluate';
import { Repository } from './repository';

/** Who voted is not secret, what they chose is: markers count turnout per unit and answer "did these people vote". */
class BallotMarkerRepository extends Repository<BallotMarker> {
  constructor() {
    super('ballotMarkers');
  }

  /** Voters per unit (target) of an evaluation: one aggregate per 100 units. */
  votedPerUnit(evaluationId: string, unitIds: readonly string[]): Promise<Map<string, number>> {
    return this.countsBy('unitId', unitIds, { evaluationId });
  }

  /** Which of these marker ids exist (one request per 100). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    return new Set((await this.byIds(ids)).map((m) => m._id));
  }
}

export const ballotMarkers = new BallotMarkerRepository();
