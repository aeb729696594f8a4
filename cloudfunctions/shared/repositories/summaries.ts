import type { Summary } from '../../../types/fulfil';
import { Repository } from './repository';

/** One stage summary per org and round. */
export const summaryId = (campaignId: string, roundKey: string, orgId: string): string => `${campaignId}:${roundKey}:${orgId}`;

class SummaryRepository extends Repository<Summary> {
  constructor() {
    super('summaries');
  }

  /** The summaries of a parent's child orgs in a round, 100 per request. */
  ofChildren(campaignId: string, roundKey: string, parentId: string): Promise<Summary[]> {
    return this.all({ campaignId, roundKey, parentId }, { field: 'orgId', direction: 'asc' });
  }

  /** Every summary of a round in the org's subtree (its own included), 100 per request. */
  inSubtree(campaignId: string, roundKey: string, orgId: string): Promise<Summary[]> {
    return this.all({ campaignId, roundKey, orgPath: orgId });
  }

  /** The summary holding the photo a content-check verdict names. */
  byTrace(traceId: string): Promise<Summary | null> {
    return this.first({ 'photos.traceId': traceId });
  }
}

export const summaries = new SummaryRepository();
