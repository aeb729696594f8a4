/**
 * useAccess's ACCESS lists are the router tables' own declarations (a page shows a control exactly when
 * the router would let the call through), and rolesFor applies the router's scope rule to whoami.
 */
import { describeActions, type ActionTable } from '../../cloudfunctions/shared/router';
import { actions as account } from '../../cloudfunctions/account';
import { actions as campaign } from '../../cloudfunctions/campaign';
import { actions as evaluate } from '../../cloudfunctions/evaluate';
import { actions as fulfil } from '../../cloudfunctions/fulfil';
import { actions as org } from '../../cloudfunctions/org';
import { actions as roster } from '../../cloudfunctions/roster';
import { actions as supervise } from '../../cloudfunctions/supervise';
import { actions as dashboard } from '../../cloudfunctions/dashboard';
import { actions as commend } from '../../cloudfunctions/commend';
import type { Domain } from '../../types/api';
import type { WhoAmI } from '../../types/system';
import { ACCESS, isStaff, rolesFor, type Gate } from '@/hooks/useAccess';

// Only the tables' declarations are read: the roster's spreadsheet library is never called.
jest.mock('exceljs', () => ({}));

const tables: Partial<Record<Domain, ActionTable<never>>> = {
  account: account as unknown as ActionTable<never>,
  campaign: campaign as unknown as ActionTable<never>,
  evaluate: evaluate as unknown as ActionTable<never>,
  fulfil: fulfil as unknown as ActionTable<never>,
  org: org as unknown as ActionTable<never>,
  roster: roster as unknown as ActionTable<never>,
  supervise: supervise as unknown as ActionTable<never>,
  dashboard: dashboard as unknown as ActionTable<never>,
  commend: commend as unknown as ActionTable<never>,
};

test.each(Object.keys(ACCESS) as Gate[])('%s: the roles the router table declares', (gate) => {
  const [domain, name] = gate.split('.') as [Domain, string];
  const table = tables[domain];
  if (!table) throw new Error(`no table for ${domain}`);
  const declared = describeActions(table).find((a) => a.action === name)?.access;
  expect(Array.isArray(declared) ? [...declared].sort() : declared).toEqual([...ACCESS[gate]].sort());
});

const committee = { id: 'c', name: '校团委', level: 'committee' as const };
const college = { id: 'g', name: '计算机学院团总支', level: 'general' as const };
const branch = { id: 'b', name: '计算机2101团支部', level: 'branch' as const };
const branchPlace = { _id: 'b', ancestors: ['c', 'g'] };
const person = (roles: WhoAmI['roles'], member: boolean): WhoAmI => ({
  bound: true,
  name: '张敏',
  studentNo: member ? '2021010203' : null,
  isCadre: false,
  post: null,
  orgPath: member ? [committee, college, branch] : [],
  roles,
});
const member = person([{ role: 'member', orgId: 'b', orgName: branch.name }], true);
const general = person([{ role: 'generalSecretary', orgId: 'g', orgName: college.name }], false);
const leader = person([{ role: 'leader', orgId: 'b', orgName: branch.name }], false);

test('a grant covers the subtree; a member acts as member on their own branch only', () => {
  expect(rolesFor(general, 'fulfil.postActivity', branchPlace)).toEqual(['generalSecretary']);
  expect(rolesFor(general, 'fulfil.postActivity', { _id: 'g2', ancestors: ['c'] })).toEqual([]);
  expect(rolesFor(member, 'roster.listMembers', branchPlace)).toEqual([]);
  expect(rolesFor(leader, 'roster.listMembers', branchPlace)).toEqual(['leader']);
  expect(rolesFor(leader, 'roster.setCadre', branchPlace)).toEqual([]);
  expect(rolesFor(member, 'fulfil.checkIn')).toEqual(['member']);
  expect(rolesFor(general, 'campaign.saveCampaign')).toEqual([]);
  expect(rolesFor(null, 'fulfil.checkIn')).toEqual([]);
});

test('staff are bound through a grant with no roster entry', () => {
  expect([general, leader, member].map(isStaff)).toEqual([true, true, false]);
  expect(isStaff({ ...member, bound: false, roles: [] })).toBe(false);
});
