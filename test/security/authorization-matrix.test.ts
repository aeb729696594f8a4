/**
 * The authorisation matrix: every action of every cloud function × every persona × a target inside and
 * outside the persona's scope, through the real router, SDK and emulator. The policy below is written
 * out by hand — it is the rule, not a copy of the code — and the test fails when an action exists
 * without an entry, or when an action's declared access differs from its entry.
 */
import type { Role } from '../../types/models';
import { describeActions, type Access, type ActionTable } from '../../cloudfunctions/shared/router';
import { actions as system } from '../../cloudfunctions/system';
import { actions as org } from '../../cloudfunctions/org';
import { actions as roster } from '../../cloudfunctions/roster';
import { actions as account } from '../../cloudfunctions/account';
import type { Domain } from '../../types/api';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { fixtures, type Fixtures } from './fixtures';

const TABLES: { [D in Domain]?: ActionTable<D> } = { system, org, roster, account };

/** In scope for every persona below (a branch of the 计算机学院); outside for all but the admin. */
const INSIDE = 'org-cs-1';
const OUTSIDE = 'org-fl-1';
type Scope = 'inside' | 'outside';
const TARGET: Record<Scope, string> = { inside: INSIDE, outside: OUTSIDE };

interface Persona {
  openid: string;
  /** Roles this persona holds over each target org, as the demo data defines them. */
  covers: Record<Scope, Role[]>;
}

// Least privileged first: an allowed call may create things, never what a later persona relies on.
const PERSONAS: Record<string, Persona> = {
  anonymous: { openid: '', covers: { inside: [], outside: [] } },
  visitor: { openid: 'demo-visitor', covers: { inside: [], outside: [] } },
  member: { openid: 'demo-2023010104', covers: { inside: ['member'], outside: [] } },
  leader: { openid: 'demo-leader-1', covers: { inside: ['leader'], outside: [] } },
  secretary: { openid: 'demo-2023010101', covers: { inside: ['secretary', 'member'], outside: [] } },
  generalSecretary: { openid: 'demo-general-cs', covers: { inside: ['generalSecretary'], outside: [] } },
  admin: { openid: 'demo-admin', covers: { inside: ['admin'], outside: ['admin'] } },
};

interface Entry {
  access: Access;
  /** Whether the action acts on an org (then inside/outside matter) or on the caller only. */
  targeted: boolean;
  /** A payload acting on (something in) the given org; fresh fixtures so no case disturbs another. */
  payload: (orgId: string, fx: Fixtures) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const ALL_STAFF: Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];
const MANAGERS: Role[] = ['admin', 'generalSecretary', 'secretary'];

const POLICY: Record<string, Entry> = {
  'system.ping': { access: 'public', targeted: false, payload: () => ({}) },
  'system.whoami': { access: 'user', targeted: false, payload: () => ({}) },

  'org.detail': { access: [...ALL_STAFF, 'member'], targeted: true, payload: (orgId) => ({ orgId }) },
  'org.roots': { access: [...ALL_STAFF, 'member'], targeted: false, payload: () => ({}) },
  'org.createOrg': { access: MANAGERS, targeted: true, payload: (orgId) => ({ parentId: orgId, name: '矩阵测试小组' }) },
  'org.renameOrg': { access: MANAGERS, targeted: true, payload: async (orgId, fx) => ({ orgId: await fx.group(orgId), name: '改名小组' }) },
  'org.moveOrg': { access: ['admin'], targeted: true, payload: async (orgId, fx) => ({ orgId: await fx.group(orgId), newParentId: orgId }) },
  'org.archiveOrg': { access: ['admin', 'generalSecretary'], targeted: true, payload: async (orgId, fx) => ({ orgId: await fx.group(orgId) }) },
  'org.restoreOrg': { access: ['admin', 'generalSecretary'], targeted: true, payload: async (orgId, fx) => ({ orgId: await fx.group(orgId) }) },
  'org.assignRole': {
    access: ['admin', 'generalSecretary'],
    targeted: true,
    // A secretary handover on a new branch of the same college: nobody's real grant changes.
    payload: async (orgId, fx) => ({ orgId: await fx.siblingBranch(orgId), role: 'secretary', holderId: await fx.member(orgId) }),
  },
  'org.revokeRole': { access: ['admin', 'generalSecretary'], targeted: true, payload: async (orgId, fx) => ({ grantId: await fx.secretaryGrant(orgId) }) },
  'org.createStaff': { access: ['admin'], targeted: false, payload: () => ({ name: '矩阵老师', title: '辅导员' }) },
  'org.listStaff': { access: ['admin'], targeted: false, payload: () => ({}) },
  'org.setContactPoints': { access: ['admin'], targeted: false, payload: async (orgId, fx) => ({ holderId: await fx.staff(), orgIds: [orgId] }) },
  'org.leadingGroup': { access: ['admin'], targeted: false, payload: () => ({}) },
  'org.auditLog': { access: ALL_STAFF, targeted: true, payload: (orgId) => ({ orgId }) },

  'roster.listMembers': { access: ALL_STAFF, targeted: true, payload: (orgId) => ({ orgId }) },
  'roster.previewImport': { access: MANAGERS, targeted: true, payload: async (orgId, fx) => ({ orgId, fileID: await fx.rosterFile(orgId), fileName: '名单.csv' }) },
  'roster.commitImport': { access: MANAGERS, targeted: true, payload: async (orgId, fx) => ({ jobId: await fx.importJob(orgId) }) },
  'roster.importStatus': { access: MANAGERS, targeted: true, payload: async (orgId, fx) => ({ jobId: await fx.importJob(orgId) }) },
  'roster.template': { access: 'user', targeted: false, payload: () => ({}) },
  'roster.exportRoster': { access: MANAGERS, targeted: true, payload: (orgId) => ({ orgId }) },
  'roster.setCadre': { access: MANAGERS, targeted: true, payload: async (orgId, fx) => ({ memberId: await fx.member(orgId), isCadre: true, post: '组织委员' }) },

  'account.bind': { access: 'user', targeted: false, payload: () => ({ studentNo: '2099999999', name: '无此人' }) },
  'account.redeemInvite': { access: 'user', targeted: false, payload: () => ({ code: 'NOSUCHCD' }) },
  'account.requestRelease': { access: 'user', targeted: false, payload: () => ({ studentNo: '2099999999', name: '无此人' }) },
  'account.release': { access: MANAGERS, targeted: true, payload: async (orgId, fx) => ({ memberId: await fx.member(orgId, true) }) },
  'account.releaseRequests': { access: MANAGERS, targeted: true, payload: (orgId) => ({ orgId }) },
};

const REFUSALS = ['UNAUTHENTICATED', 'NOT_BOUND', 'FORBIDDEN'];

function expectedRefusal(persona: Persona, entry: Entry, scope: Scope): string | null {
  if (entry.access === 'public') return null;
  if (!persona.openid) return 'UNAUTHENTICATED';
  if (entry.access === 'user') return null;
  const allowed = entry.access;
  const held = entry.targeted ? persona.covers[scope] : [...new Set([...persona.covers.inside, ...persona.covers.outside])];
  if (held.some((r) => allowed.includes(r))) return null;
  return persona.covers.inside.length === 0 && persona.covers.outside.length === 0 ? 'NOT_BOUND' : 'FORBIDDEN';
}

const declared = (Object.entries(TABLES) as [Domain, ActionTable<Domain>][]).flatMap(([domain, table]) =>
  describeActions(table).map((d) => ({ key: `${domain}.${d.action}`, domain, ...d })),
);

describe('the policy covers every action', () => {
  it('has an entry for each declared action, and no stale entries', () => {
    expect(declared.map((d) => d.key).sort()).toEqual(Object.keys(POLICY).sort());
  });

  it.each(declared.map((d) => [d.key, d] as const))('%s declares the access and target the policy states', (key, d) => {
    const entry = POLICY[key];
    const sorted = (a: Access) => (Array.isArray(a) ? [...a].sort() : a);
    expect(sorted(d.access)).toEqual(sorted(entry.access));
    if (Array.isArray(entry.access)) expect(d.hasTarget).toBe(entry.targeted);
  });
});

describe('every action × persona × scope', () => {
  let emu: TestEmulator;
  let fx: Fixtures;
  beforeAll(async () => {
    emu = await startTestEmulator();
    fx = fixtures();
  });
  afterAll(() => emu?.close());

  const cases = declared.flatMap((d) =>
    Object.entries(PERSONAS).flatMap(([name, persona]) =>
      (['outside', 'inside'] as Scope[]).map((scope) => [d.key, name, scope, persona, d.domain, d.action] as const),
    ),
  );

  it(`${cases.length} cases: allowed calls are not refused, refused calls are refused with the right code`, async () => {
    const wrong: string[] = [];
    for (const [key, name, scope, persona, domain, action] of cases) {
      const entry = POLICY[key];
      if (!entry) continue; // reported by the coverage test above
      const payload = await entry.payload(TARGET[scope], fx);
      const res = await emu.call(domain, action, payload, persona.openid || undefined);
      const code = res.result && !res.result.ok ? res.result.code : null;
      const expected = expectedRefusal(persona, entry, scope);
      const refused = code !== null && REFUSALS.includes(code);
      if (expected === null ? refused || code === 'INTERNAL' : code !== expected) {
        wrong.push(`${key} as ${name} (${scope}): expected ${expected ?? 'allowed'}, got ${code ?? 'ok'}`);
      }
    }
    console.log(`authorisation matrix: ${declared.length} actions × ${Object.keys(PERSONAS).length} personas × 2 scopes = ${cases.length} cases, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  });
});
