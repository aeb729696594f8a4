import type { Plan } from '../../../types/models';
import { db } from '../cloud';
import { Repository } from './repository';

/** The id of an org's plan in a campaign: one plan per org, republishing replaces it. */
export const planId = (campaignId: string, orgId: string): string => `${campaignId}:${orgId}`;

class PlanRepository extends Repository<Plan> {
  constructor() {
    super('plans');
  }

  /** Creates or replaces the plan; publishedAt is the server's clock. */
  async publish(plan: Omit<Plan, 'publishedAt'>): Promise<void> {
    const { _id, ...rest } = plan;
    await this.collection()
      .doc(_id)
      .set({ data: { ...rest, publishedAt: db().serverDate() } });
  }
}

export const plans = new PlanRepository();
