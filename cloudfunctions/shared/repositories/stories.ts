import type { Story } from '../../../types/commend';
import { Repository } from './repository';

class StoryRepository extends Repository<Story> {
  constructor() {
    super('stories');
  }

  /** One page of the 先进典型 feed: stories not archived, newest first, before the cursor (a posting time). */
  feedPage(before: Date | null, limit: number): Promise<Story[]> {
    const filter: Record<string, unknown> = { archived: false };
    if (before) filter.postedAt = this.command().lt(before);
    return this.page(filter, { limit, order: { field: 'postedAt', direction: 'desc' } });
  }

  /** The story holding the photo a content-check verdict names. */
  byTrace(traceId: string): Promise<Story | null> {
    return this.first({ 'photos.traceId': traceId });
  }
}

export const stories = new StoryRepository();
