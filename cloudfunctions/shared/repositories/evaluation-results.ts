import type { EvaluationResults } from '../../../types/evaluate';
import { Repository } from './repository';

/** The tally of an evaluation, written once at its close (`_id` = the evaluation's id). */
class EvaluationResultRepository extends Repository<EvaluationResults> {
  constructor() {
    super('evaluationResults');
  }
}

export const evaluationResults = new EvaluationResultRepository();
