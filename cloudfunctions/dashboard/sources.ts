/**
 * How each domain feeds 进度看板: one `source()` per count, here. A source counts its facts per org with
 * one database tally (grouped by org and round); the refresh adds each count to the org's row and to every
 * ancestor's, so the tree is summed once, here, for every domain alike.
 *
 * To plug a new domain in (群众评议, 评比表彰, 督促检查): append its fields to ROLLUP_FIELDS and its rates to
 * METRICS (types/dashboard.ts), then append one entry below, e.g.
 *
 *   source('ballots', (c) => ballots.tally({ campaignId: c }, { org: 'orgId', round: 'roundKey' })),
 *
 * Nothing in the domain's write path changes: see refresh.ts for why the roll-up is recounted by a timer.
 */
import type { RollupField } from '../../types/dashboard';
import type { Org, OrgLevel } from '../../types/models';
import { activities } from '../shared/repositories/activities';
import { checkIns } from '../shared/repositories/check-ins';
import { memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { orgPledges } from '../shared/repositories/org-pledges';
import { cond } from '../shared/repositories/repository';
import { reviews } from '../shared/repositories/reviews';

/** A tally row: `org` names the org the facts belong to, `round` the round (absent: every round, e.g. the roster). */
export interface Tallied {
  key: Record<string, string | null>;
  n: number;
}

export interface Source {
  field: RollupField;
  /** Counts for the active campaign, grouped by `org` (and `round` when the facts belong to one). */
  count?: (campaignId: string) => Promise<Tallied[]>;
  /** Counts taken from the tree itself (how many orgs owe something), per org, before summing. */
  fromTree?: (org: Org) => number;
  /** Facts of orgs at other levels are not counted under this field. */
  levels?: readonly OrgLevel[];
  /** Adds 1 per org that has any such fact, instead of the number of facts. */
  presence?: boolean;
}

export const source = (field: RollupField, count: Source['count'], extra: Omit<Source, 'field' | 'count'> = {}): Source => ({
  field,
  count,
  ...extra,
});

const BY_BRANCH = { org: 'branchId' };
const BY_BRANCH_ROUND = { org: 'branchId', round: 'roundKey' };
const BY_ORG_ROUND = { org: 'orgId', round: 'roundKey' };

export const SOURCES: Source[] = [
  // Roster and binding (roster, account): round-independent.
  source('members', () => members.tally({}, BY_BRANCH)),
  source('bound', () => members.tally({ openid: cond.present() }, BY_BRANCH)),
  // 四带头 signatures (pledge): one document per member and round.
  source('signed', (c) => memberPledges.tally({ campaignId: c }, BY_BRANCH_ROUND)),
  // 四好 pledges (campaign): owed by every general branch and branch, one document per org and round.
  { field: 'orgsDue', fromTree: (o) => (o.level === 'general' || o.level === 'branch' ? 1 : 0) },
  source('orgsPledged', (c) => orgPledges.tally({ campaignId: c }, BY_ORG_ROUND), { levels: ['general', 'branch'] }),
  // Activities (fulfil): an archived activity is withdrawn and not counted.
  { field: 'branches', fromTree: (o) => (o.level === 'branch' ? 1 : 0) },
  source('activities', (c) => activities.tally({ campaignId: c, archived: false }, BY_ORG_ROUND)),
  source('branchesActive', (c) => activities.tally({ campaignId: c, archived: false }, BY_ORG_ROUND), {
    levels: ['branch'],
    presence: true,
  }),
  // Check-ins (fulfil): how many, and how many members made at least one.
  source('checkIns', (c) => checkIns.tally({ campaignId: c }, BY_BRANCH_ROUND)),
  source('checkInMembers', (c) => checkIns.tally({ campaignId: c }, BY_BRANCH_ROUND, 'memberId')),
  // 评诺 of members (fulfil): one review per member and round, its scope is the member's branch.
  source('membersReviewed', (c) => reviews.tally({ campaignId: c, subject: 'member' }, { org: 'scopeId', round: 'roundKey' })),
];
