/**
 * The people the simulated weapp is opened as: one per kind of user, all around one branch of the demo
 * university (scripts/demo-data.ts, what startTestEmulator seeds), picked from the seed by what they
 * hold rather than by hard-coded ids. Their openids are the ones local mode signs in with
 * (emulator/local/identities.ts: every `demo-` openid, plus the unbound visitor).
 */
import { VISITOR_OPENID } from '../../emulator/local/identities';
import { demoData } from '../../scripts/demo-data';
import type { Member, Org } from '../../types/models';

export const PERSONA_KEYS = ['admin', 'generalSecretary', 'secretary', 'cadre', 'member', 'visitor', 'leader'] as const;
export type PersonaKey = (typeof PERSONA_KEYS)[number];

export interface Persona {
  key: PersonaKey;
  /** Chinese label for test names. */
  label: string;
  openid: string;
  /** The name the app shows for them (null for the unbound visitor). */
  name: string | null;
}

const data = demoData();

function only<T>(items: T[], what: string): T {
  const [first] = items;
  if (!first) throw new Error(`the demo data has no ${what}`);
  return first;
}

const orgById = new Map(data.orgs.map((o) => [o._id, o]));
const org = (id: string): Org =>
  only(
    [orgById.get(id)].filter((o): o is Org => !!o),
    `org ${id}`,
  );

const adminGrant = only(
  data.roles.filter((r) => r.role === 'admin'),
  'admin',
);
const committee = org(adminGrant.orgId);
/** The first branch that has a secretary and is a leader's contact point: everyone's home branch here. */
const secretaryGrant = only(
  data.roles.filter((r) => r.role === 'secretary' && data.roles.some((l) => l.role === 'leader' && l.orgId === r.orgId)),
  'secretary of a contact point',
);
const branch = org(secretaryGrant.orgId);
const college = org(branch.parentId ?? '');
const generalGrant = only(
  data.roles.filter((r) => r.role === 'generalSecretary' && r.orgId === college._id),
  'general secretary of the college',
);
const leaderGrant = only(
  data.roles.filter((r) => r.role === 'leader' && r.orgId === branch._id),
  'leader',
);
const branchMembers = data.members.filter((m) => m.branchId === branch._id && m.openid);
const holders = new Set(data.roles.map((r) => r.openid));
const secretaryMember = only(
  branchMembers.filter((m) => m.openid === secretaryGrant.openid),
  'secretary member',
);
const cadre = only(
  branchMembers.filter((m) => m.isCadre && !holders.has(m.openid)),
  'cadre without a role',
);
const member = only(
  branchMembers.filter((m) => !m.isCadre && m.isLeagueMember && !holders.has(m.openid)),
  'plain member',
);
const staffName = (openid: string | null) => data.staff.find((s) => s.openid === openid)?.name ?? null;

function person(key: PersonaKey, label: string, openid: string | null, name: string | null): Persona {
  if (!openid) throw new Error(`persona ${key} has no openid in the demo data`);
  return { key, label, openid, name };
}

export const PERSONAS: Record<PersonaKey, Persona> = {
  admin: person('admin', '校团委管理员', adminGrant.openid, staffName(adminGrant.openid)),
  generalSecretary: person('generalSecretary', '团总支书记', generalGrant.openid, staffName(generalGrant.openid)),
  secretary: person('secretary', '团支部书记', secretaryMember.openid, secretaryMember.name),
  cadre: person('cadre', '团干部', cadre.openid, cadre.name),
  member: person('member', '团员', member.openid, member.name),
  visitor: person('visitor', '未绑定访客', VISITOR_OPENID, null),
  leader: person('leader', '领导小组成员', leaderGrant.openid, staffName(leaderGrant.openid)),
};

/** The orgs and people of the demo data the pages are opened on. */
export const DEMO = {
  data,
  committee,
  college,
  branch,
  /** A college outside everyone's scope but the admin's. */
  otherCollege: only(
    data.orgs.filter(
      (o) => o.level === 'general' && o._id !== college._id && !data.roles.some((r) => r.orgId === o._id && r.role === 'leader'),
    ),
    'other college',
  ),
  groups: data.orgs.filter((o) => o.parentId === branch._id),
  branchMembers: data.members.filter((m): m is Member => m.branchId === branch._id),
  campaign: only(data.campaigns, 'campaign'),
  staff: data.staff,
  leaders: data.staff.filter((s) => data.roles.some((r) => r.role === 'leader' && r.holderId === s._id)),
};
