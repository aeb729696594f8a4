/**
 * An event's audience, a page at a time from a cursor kept on the event: roster members (a subtree, those who have
 * not signed a round, or a list) or the holders of roles on orgs (roster members and staff accounts alike).
 */
import type { Member, Org } from '../../types/models';
import type { NotifyEvent } from '../../types/notify';
import { lineage } from '../../types/scope';
import { memberPledgeId, memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { orgPledgeId, orgPledges } from '../shared/repositories/org-pledges';
import { orgs } from '../shared/repositories/orgs';
import { PAGE_LIMIT } from '../shared/repositories/repository';
import { roles } from '../shared/repositories/roles';
import { summaries, summaryId } from '../shared/repositories/summaries';

/** One person a job goes to: `id` keys the job (a member id, or a grant's holderId). */
export interface Recipient {
  id: string;
  name: string;
  studentNo: string;
  openid: string | null;
  orgPath: string[];
}

export interface AudiencePage {
  people: Recipient[];
  cursor: string | null;
  last: boolean;
}

const ofMember = (m: Member): Recipient => ({ id: m._id, name: m.name, studentNo: m.studentNo, openid: m.openid, orgPath: m.orgPath });

/** The next page of the event's audience after its cursor; the new cursor; whether it was the last page. */
export async function audiencePage(event: NotifyEvent): Promise<AudiencePage> {
  const { audience } = event;
  if (audience.holders) return holderPage(event);
  if (audience.memberIds) {
    const from = Number(event.cursor ?? 0);
    const page = await members.byIds(audience.memberIds.slice(from, from + PAGE_LIMIT));
    return { people: page.map(ofMember), cursor: String(from + PAGE_LIMIT), last: from + PAGE_LIMIT >= audience.memberIds.length };
  }
  const page = await members.pageAfter(audience.orgId ? { orgPath: audience.orgId } : {}, event.cursor);
  const cursor = page.length > 0 ? page[page.length - 1].studentNo : event.cursor;
  let people = page;
  if (audience.unsigned && page.length > 0) {
    const { campaignId, roundKey } = audience.unsigned;
    const signed = await memberPledges.byIds(page.map((m) => memberPledgeId(campaignId, roundKey, m._id)));
    const done = new Set(signed.map((p) => p.memberId));
    people = page.filter((m) => !done.has(m._id));
  }
  return { people: people.map(ofMember), cursor, last: page.length < PAGE_LIMIT };
}

/**
 * Role holders, 100 grants per page (cursor: the last grant id), on live orgs of the subtree, optionally only on orgs
 * without the round's 四好 pledge. The openid is the one the grant mirrors (bind and redeemInvite keep it), so staff
 * accounts are reached too; a roster holder's student number is looked up for the unreachable list.
 */
async function holderPage(event: NotifyEvent): Promise<AudiencePage> {
  const { orgId, holders } = event.audience;
  if (!holders) return { people: [], cursor: event.cursor, last: true };
  const grants = await roles.pageAfter(holders.roles, event.cursor);
  const cursor = grants.length > 0 ? grants[grants.length - 1]._id : event.cursor;
  const last = grants.length < PAGE_LIMIT;
  if (grants.length === 0) return { people: [], cursor, last };

  const orgIds = [...new Set(grants.map((g) => g.orgId))];
  const { unsubmitted, unsummarised } = holders;
  const [found, submitted, rostered, summarised] = await Promise.all([
    orgs.byIds(orgIds),
    unsubmitted ? orgPledges.byIds(orgIds.map((id) => orgPledgeId(unsubmitted.campaignId, unsubmitted.roundKey, id))) : Promise.resolve([]),
    members.byIds(grants.map((g) => g.holderId)),
    unsummarised ? summaries.byIds(orgIds.map((id) => summaryId(unsummarised.campaignId, unsummarised.roundKey, id))) : Promise.resolve([]),
  ]);
  const pledged = new Set(submitted.map((p) => p.orgId));
  const reported = new Set(summarised.map((s) => s.orgId));
  // A stage summary is written by branches and general branches only.
  const owesSummary = (o: Org) => !unsummarised || (!reported.has(o._id) && (o.level === 'branch' || o.level === 'general'));
  const inScope = (o: Org) => !o.archived && !pledged.has(o._id) && owesSummary(o) && (orgId === null || lineage(o).includes(orgId));
  const orgOf = new Map(found.filter(inScope).map((o) => [o._id, o]));
  const studentNoOf = new Map(rostered.map((m) => [m._id, m.studentNo]));

  // One job per person: a holder of two grants (say two branches) is reached once, for the first.
  const people = new Map<string, Recipient>();
  for (const g of grants) {
    const org = orgOf.get(g.orgId);
    if (!org || people.has(g.holderId)) continue;
    people.set(g.holderId, {
      id: g.holderId,
      name: g.name,
      studentNo: studentNoOf.get(g.holderId) ?? '',
      openid: g.openid,
      orgPath: lineage(org),
    });
  }
  return { people: [...people.values()], cursor, last };
}
