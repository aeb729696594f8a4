import type { MediaVerdict } from '../../../types/fulfil';
import { Repository } from './repository';

/**
 * Verdicts of WeChat's image check that arrived before the document holding their photo was saved
 * (the event can beat the post it belongs to). Keyed by trace id; the post reads them right after its
 * own write and applies them (cloudfunctions/fulfil/media-check.ts).
 */
class MediaVerdictRepository extends Repository<MediaVerdict> {
  constructor() {
    super('mediaVerdicts');
  }

  /** Parks a verdict under its trace id (bookkeeping, not a change people see: no audit). */
  async keep(verdict: MediaVerdict): Promise<void> {
    await this.put(verdict);
  }
}

export const mediaVerdicts = new MediaVerdictRepository();
