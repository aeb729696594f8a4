import type { Plan } from '../../../types/models';
import { Repository } from './repository';

/** The id of an org's plan in a campaign: one plan per org, republishing replaces it. */
export const planId = (campaignId: string, orgId: string): string => `${campaignId}:${orgId}`;

class PlanRepository extends Repository<Plan> {
  constructor() {
    super('plans');
  }
}

export const plans = new PlanRepository();
