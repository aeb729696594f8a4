/** What several fulfilment actions share: who may see hidden photos, the caller's display name, round checks. */
import type { Campaign, PledgeRound } from '../../types/models';
import type { Caller } from '../shared/caller';
import { activeCampaign, mustRound } from '../shared/campaign';
import { AppError } from '../shared/errors';

/** Roles that post activities and see an org's photos before the content check passed. */
export const SECRETARY_ROLES = ['secretary', 'generalSecretary', 'admin'] as const;

/** The caller holds a secretary's (or the admin's) grant over the org whose lineage is given. */
export function isSecretaryOver(caller: Caller, orgPath: readonly string[]): boolean {
  return caller.grants.some((g) => (SECRETARY_ROLES as readonly string[]).includes(g.role) && orgPath.includes(g.orgId));
}

/** How the caller is named on what they post: their roster name, else the name on their grant. */
export function nameOf(caller: Caller): string {
  return caller.member?.name ?? caller.grants[0]?.name ?? '';
}

/** The running campaign and the named round of it. */
export async function campaignRound(roundKey: string): Promise<{ campaign: Campaign; round: PledgeRound }> {
  const campaign = await activeCampaign();
  return { campaign, round: mustRound(campaign, roundKey) };
}

export function mustNotBeFuture(day: string, today: string): void {
  if (day > today) throw new AppError('INVALID_ARGUMENT', '日期：不能晚于今天', 'date');
}
