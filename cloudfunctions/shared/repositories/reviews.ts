import type { Review } from '../../../types/fulfil';
import { cond, Repository } from './repository';

/** One review per subject (member or org) and round. */
export const reviewId = (campaignId: string, roundKey: string, subjectId: string): string => `${campaignId}:${roundKey}:${subjectId}`;

class ReviewRepository extends Repository<Review> {
  constructor() {
    super('reviews');
  }

  /** Reviews of some levels in a round (a branch's members, a parent's child orgs), 100 per request. */
  inScopes(campaignId: string, roundKey: string, scopeIds: readonly string[]): Promise<Review[]> {
    return this.all({ campaignId, roundKey, scopeId: cond.oneOf(scopeIds) });
  }
}

export const reviews = new ReviewRepository();
