/** 承诺概况: an org's and its children's key facts for a round (admin's 承诺 tab, a leader's contact points). */
import type { OrgFacts, OrgOverview } from '../../types/campaign';
import type { Org, OrgPledge } from '../../types/models';
import { activeCampaign, mustRound } from '../shared/campaign';
import { memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { orgPledgeId, orgPledges } from '../shared/repositories/org-pledges';
import { orgs } from '../shared/repositories/orgs';
import { iso } from '../shared/time';

const PLEDGING: readonly Org['level'][] = ['general', 'branch'];

/**
 * Requests, whatever the tree's size: the campaign; then in parallel the active subtree (one per 100 orgs),
 * the round's 四好 pledges under the org (one per 100) and the org's own; then one aggregate per 100
 * branches each for members and 四带头 signatures.
 */
export async function orgOverview(org: Org, roundKey: string): Promise<OrgOverview> {
  const campaign = await activeCampaign();
  const round = mustRound(campaign, roundKey);
  const [below, pledgesBelow, own] = await Promise.all([
    orgs.all({ ancestors: org._id, archived: false }, { field: 'order', direction: 'asc' }),
    orgPledges.all({ campaignId: campaign._id, roundKey: round.key, orgAncestors: org._id }),
    orgPledges.byId(orgPledgeId(campaign._id, round.key, org._id)),
  ]);
  const subtree = [org, ...below];
  const branchIds = subtree.filter((o) => o.level === 'branch').map((o) => o._id);
  const [memberCounts, signedCounts] = await Promise.all([
    members.countsBy('branchId', branchIds),
    memberPledges.countsBy('branchId', branchIds, { campaignId: campaign._id, roundKey: round.key }),
  ]);
  const pledgeOf = new Map<string, OrgPledge>(pledgesBelow.map((p) => [p.orgId, p]));
  if (own) pledgeOf.set(org._id, own);

  const facts = (o: Org): OrgFacts => {
    const inside = subtree.filter((x) => x.level === 'branch' && (x._id === o._id || x.ancestors.includes(o._id)));
    const children = below.filter((x) => x.parentId === o._id && PLEDGING.includes(x.level));
    const pledge = pledgeOf.get(o._id);
    return {
      orgId: o._id,
      name: o.name,
      level: o.level,
      pledge: pledge ? { version: pledge.version, late: pledge.late, submittedAt: iso(pledge.submittedAt) } : null,
      memberCount: inside.reduce((n, b) => n + (memberCounts.get(b._id) ?? 0), 0),
      signedCount: inside.reduce((n, b) => n + (signedCounts.get(b._id) ?? 0), 0),
      children: children.length,
      childrenPledged: children.filter((c) => pledgeOf.has(c._id)).length,
    };
  };
  // Groups (团小组) make no pledge and their members are counted in the branch: not listed.
  const children = below.filter((o) => o.parentId === org._id && PLEDGING.includes(o.level));
  return { roundKey: round.key, org: facts(org), children: children.map(facts) };
}
