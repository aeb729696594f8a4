import { roundOn, stageOn, type Timeline, type Todo } from '../../types/campaign';
import type { Campaign, Org, PledgeRound, StageKey } from '../../types/models';
import type { Caller } from '../shared/caller';
import type { ActionContext } from '../shared/router';
import { meetings } from '../shared/repositories/meetings';
import { memberPledgeId, memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { orgPledgeId, orgPledges } from '../shared/repositories/org-pledges';
import { orgs } from '../shared/repositories/orgs';
import { planId, plans } from '../shared/repositories/plans';
import { activeCampaign } from '../shared/campaign';
import { toCampaignView } from './common';
import { today as todayInShanghai } from '../shared/time';

/** Pages the todos open: 动员部署 in the admin sub-package, the 承诺 tab (四好 and a member's own 四带头), the signing session. */
export const TODO_PAGES = {
  plan: 'package-admin/mobilize/index',
  meeting: 'package-admin/mobilize/index',
  // The 承诺 tab: the app opens tab pages with switchTab, which drops the query.
  orgPledge: 'pages/pledge/index',
  session: 'package-pledge/session/index',
} as const;

const query = (page: string, params: Record<string, string>): string =>
  `${page}?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;

function stageEnd(campaign: Campaign, key: StageKey): string | null {
  return campaign.stages.find((s) => s.key === key)?.end ?? null;
}

/**
 * The round an org's 四好 pledge is due for: the latest round that has started (so a missed deadline
 * shows as overdue until the next round opens; late pledges are still accepted), else the next one.
 */
export function orgPledgeRound(rounds: PledgeRound[], day: string): PledgeRound | null {
  const started = rounds.filter((r) => r.start <= day);
  return started[started.length - 1] ?? roundOn(rounds, day);
}

/**
 * The active campaign as the caller sees it. Reads are batched: the campaign, then one parallel wave
 * (org names, plans, meetings, org pledges, the member's own signature, and two counts per branch a
 * secretary runs), so the number of requests depends on the caller's roles, not on the data.
 */
export async function timeline(ctx: ActionContext): Promise<Timeline> {
  const [caller, campaign] = await Promise.all([ctx.caller(), activeCampaign()]);
  const day = todayInShanghai();
  const currentStage = stageOn(campaign.stages, day);
  const currentRound = roundOn(campaign.rounds, day);
  const pledgeRound = orgPledgeRound(campaign.rounds, day);
  const todos = await todosFor(caller, campaign, day, currentRound, pledgeRound);
  return { campaign: toCampaignView(campaign), today: day, currentStage, currentRound, todos };
}

async function todosFor(
  caller: Caller,
  campaign: Campaign,
  day: string,
  currentRound: PledgeRound | null,
  pledgeRound: PledgeRound | null,
): Promise<Todo[]> {
  const cid = campaign._id;
  const isAdmin = caller.grants.some((g) => g.role === 'admin');
  const grantOrgIds = (role: 'generalSecretary' | 'secretary') => [
    ...new Set(caller.grants.filter((g) => g.role === role).map((g) => g.orgId)),
  ];
  const generalIds = grantOrgIds('generalSecretary');
  const branchIds = grantOrgIds('secretary');
  const committeeId = isAdmin ? (caller.grants.find((g) => g.role === 'admin')?.orgId ?? null) : null;

  const planOrgIds = [...(committeeId ? [committeeId] : []), ...generalIds];
  const pledgeOrgIds = pledgeRound ? [...generalIds, ...branchIds] : [];
  const namedIds = [...new Set([...generalIds, ...branchIds])];
  const member = caller.member;

  const [named, planDocs, meetingDocs, pledgeDocs, ownSignature, branchCounts] = await Promise.all([
    namedIds.length ? orgs.byIds(namedIds) : Promise.resolve<Org[]>([]),
    planOrgIds.length ? plans.byIds(planOrgIds.map((id) => planId(cid, id))) : Promise.resolve([]),
    generalIds.length ? meetings.ofOrgs(cid, generalIds) : Promise.resolve([]),
    pledgeRound && pledgeOrgIds.length
      ? orgPledges.byIds(pledgeOrgIds.map((id) => orgPledgeId(cid, pledgeRound.key, id)))
      : Promise.resolve([]),
    member && currentRound ? memberPledges.count({ _id: memberPledgeId(cid, currentRound.key, member._id) }) : Promise.resolve(0),
    currentRound
      ? Promise.all(
          branchIds.map(async (branchId) => {
            const [signed, total] = await Promise.all([
              memberPledges.count({ campaignId: cid, roundKey: currentRound.key, branchId }),
              members.count({ branchId }),
            ]);
            return { branchId, signed, total };
          }),
        )
      : Promise.resolve([]),
  ]);

  const orgById = new Map(named.map((o) => [o._id, o]));
  const live = (id: string, level: Org['level']): Org | null => {
    const o = orgById.get(id);
    return o && !o.archived && o.level === level ? o : null;
  };
  const hasPlan = new Set(planDocs.map((p) => p.orgId));
  const hasMeeting = new Set(meetingDocs.map((m) => m.orgId));
  const hasPledge = new Set(pledgeDocs.map((p) => p.orgId));
  const todos: Todo[] = [];
  const add = (key: string, text: string, due: string | null, page: string | null) =>
    todos.push({ key, text, due, overdue: due !== null && day > due, page });
  const mobilizeEnd = stageEnd(campaign, 'mobilize');
  // A general branch and a branch each owe the round's 四好 pledge.
  const addOrgPledge = (org: Org) => {
    if (!pledgeRound || hasPledge.has(org._id)) return;
    const page = query(TODO_PAGES.orgPledge, { orgId: org._id, roundKey: pledgeRound.key });
    add(`orgPledge:${pledgeRound.key}:${org._id}`, `提交${org.name}的“四好”承诺`, pledgeRound.deadline, page);
  };

  if (committeeId && !hasPlan.has(committeeId)) {
    add(`plan:${committeeId}`, '发布校团委“党团共建、创先争优”活动实施方案', mobilizeEnd, query(TODO_PAGES.plan, { orgId: committeeId }));
  }
  for (const id of generalIds) {
    const org = live(id, 'general');
    if (!org) continue;
    if (!hasPlan.has(id)) add(`plan:${id}`, `发布${org.name}的活动实施方案`, mobilizeEnd, query(TODO_PAGES.plan, { orgId: id }));
    if (!hasMeeting.has(id)) add(`meeting:${id}`, `召开${org.name}动员部署会并记录`, mobilizeEnd, query(TODO_PAGES.meeting, { orgId: id }));
    addOrgPledge(org);
  }
  for (const id of branchIds) {
    const org = live(id, 'branch');
    if (!org) continue;
    addOrgPledge(org);
    const counts = branchCounts.find((c) => c.branchId === id);
    if (currentRound && counts && counts.signed < counts.total) {
      add(
        `session:${currentRound.key}:${id}`,
        `组织${org.name}团员签署“四带头”承诺（已签 ${counts.signed}/${counts.total} 人）`,
        currentRound.deadline,
        query(TODO_PAGES.session, { branchId: id, roundKey: currentRound.key }),
      );
    }
  }
  if (member && currentRound && ownSignature === 0) {
    // The 承诺 tab tells the member how to sign (scan the branch's QR) and reminds them.
    add(`sign:${currentRound.key}`, '签署“四带头”承诺', currentRound.deadline, TODO_PAGES.orgPledge);
  }
  return todos;
}
