/**
 * What the caller may do, for a page to show only the controls the server will accept. The server stays
 * the authority: this applies the router's own rule (types/scope.ts coveringRoles / heldRoles) to what
 * system.whoami reports, over the access lists of the router tables (ACCESS below;
 * test/component/access.test.ts checks each list against its action's declaration).
 */
import type { OrgDetail } from '@contract/org';
import type { Role } from '@contract/models';
import { coveringRoles, heldRoles, type Principal } from '@contract/scope';
import type { WhoAmI } from '@contract/system';
import { call, type CloudError } from '@/services/cloud';
import { useCloud } from './useCloud';

const MANAGERS = ['admin', 'generalSecretary'] as const;
const SECRETARIES = ['admin', 'generalSecretary', 'secretary'] as const;

/** The roles each gated action accepts, as its router table declares them. */
export const ACCESS = {
  'org.createOrg': SECRETARIES,
  'org.renameOrg': SECRETARIES,
  'org.moveOrg': ['admin'],
  'org.archiveOrg': MANAGERS,
  'org.assignRole': MANAGERS,
  'org.revokeRole': MANAGERS,
  'roster.listMembers': [...SECRETARIES, 'leader'],
  'roster.previewImport': SECRETARIES,
  'roster.exportRoster': SECRETARIES,
  'roster.setCadre': SECRETARIES,
  'account.release': SECRETARIES,
  'account.releaseRequests': SECRETARIES,
  'campaign.saveCampaign': ['admin'],
  'campaign.publishPlan': MANAGERS,
  'campaign.recordMeeting': SECRETARIES,
  'fulfil.postActivity': SECRETARIES,
  'fulfil.checkIn': ['member'],
  'supervise.recordInspection': ['admin', 'generalSecretary', 'leader'],
  'supervise.createDraw': ['admin', 'generalSecretary', 'leader'],
  'supervise.rectifications': [...SECRETARIES, 'leader'],
  'dashboard.view': [...SECRETARIES, 'leader'],
  'evaluate.createEvaluation': MANAGERS,
  'evaluate.turnout': SECRETARIES,
  'commend.openCommendation': ['admin'],
  'commend.nominateMember': ['secretary'],
  'commend.nominateOrg': ['generalSecretary'],
  'commend.forward': ['generalSecretary'],
  'commend.decide': ['admin'],
  'commend.nominations': [...SECRETARIES, 'leader'],
  'commend.publishStory': SECRETARIES,
} as const satisfies Record<string, readonly Role[]>;

export type Gate = keyof typeof ACCESS;

/** Where an org sits in the tree: a grant on it or on any ancestor covers it. */
export interface OrgPlace {
  _id: string;
  ancestors: string[];
}

export function placeOf(detail: Pick<OrgDetail, 'org' | 'ancestors'>): OrgPlace {
  return { _id: detail.org.id, ancestors: detail.ancestors.map((a) => a.id) };
}

/** The router's Principal, rebuilt from whoami (the member's path covers their branch and group). */
export function principalOf(me: WhoAmI): Principal {
  const own = me.roles.find((r) => r.role === 'member');
  return {
    openid: '',
    member: own ? { _id: '', orgPath: me.orgPath.map((o) => o.id), branchId: own.orgId, groupId: null } : null,
    grants: me.roles.flatMap((r) => (r.role === 'member' ? [] : [{ role: r.role, orgId: r.orgId }])),
  };
}

/**
 * The roles under which the caller may call `gate` on the org at `place`, as the router decides; for
 * an action without a target org (or no place given), the accepted roles the caller holds anywhere.
 */
export function rolesFor(me: WhoAmI | null, gate: Gate, place?: OrgPlace | null): Role[] {
  if (!me) return [];
  const allowed: readonly Role[] = ACCESS[gate];
  const principal = principalOf(me);
  return place ? coveringRoles(principal, allowed, place) : heldRoles(principal).filter((r) => allowed.includes(r));
}

/** Staff: bound through a role grant, with no roster entry of their own (no check-ins, no own report). */
export function isStaff(me: WhoAmI | null): boolean {
  return !!me?.bound && !me.roles.some((r) => r.role === 'member');
}

export interface AccessState {
  loading: boolean;
  /** whoami's failure, or the org's (FORBIDDEN when the caller may not even read it). */
  error: CloudError | null;
  reload: () => Promise<void>;
  me: WhoAmI | null;
  /** Not bound yet (whoami says so, or the org's read was refused as NOT_BOUND): the page asks to bind. */
  unbound: boolean;
  /** The org named by `orgId` (null without one, or until loaded). */
  detail: OrgDetail | null;
  rolesFor: (gate: Gate, place?: OrgPlace | null) => Role[];
  can: (gate: Gate, place?: OrgPlace | null) => boolean;
}

/**
 * Loads whoami and, given `orgId`, that org (for its place in the tree) in parallel. `rolesFor` and
 * `can` default to that org; pass another place, or null for an action without a target.
 */
export function useAccess(orgId?: string): AccessState {
  const state = useCloud(async () => {
    const [me, detail] = await Promise.all([
      call('system', 'whoami', {}),
      orgId ? call('org', 'detail', { orgId }) : Promise.resolve(null),
    ]);
    return { me, detail };
  }, [orgId]);
  const me = state.data?.me ?? null;
  const detail = state.data?.detail ?? null;
  const fallback = detail ? placeOf(detail) : null;
  const rolesOf = (gate: Gate, place?: OrgPlace | null) => rolesFor(me, gate, place === undefined ? fallback : place);
  return {
    loading: state.loading && !state.data,
    error: state.data ? null : state.error,
    reload: state.reload,
    me,
    unbound: (!!me && !me.bound) || state.error?.code === 'NOT_BOUND',
    detail,
    rolesFor: rolesOf,
    can: (gate, place) => rolesOf(gate, place).length > 0,
  };
}
