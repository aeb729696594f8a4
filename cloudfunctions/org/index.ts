import { z } from 'zod';
import type { Role } from '../../types/models';
import { FIELDS } from '../../types/fields';
import { grantId, holderId, idOf, orgId, textOf } from '../shared/fields';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { detail, roots } from './tree';
import { archiveOrg, createOrg, moveOrg, renameOrg, restoreOrg } from './manage';
import { assignRole, leadingGroup, revokeRole, setContactPoints } from './grants';
import { roles } from '../shared/repositories/roles';
import { auditLog, createStaff, listStaff } from './staff';

const READERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];
const ADMIN: readonly Role[] = ['admin'];
const MANAGERS: readonly Role[] = ['admin', 'generalSecretary'];
const assignable = z.enum(['admin', 'generalSecretary', 'secretary', 'leader']).describe('角色');
const orgName = textOf(FIELDS.orgName);

/** The organisation tree, role grants, staff accounts, the leading group and the audit log. */
export const actions: ActionTable<'org'> = {
  detail: action({
    schema: z.object({ orgId, includeArchived: z.boolean().optional() }).strict(),
    access: [...READERS, 'member'],
    target: (p) => p.orgId,
    handler: (p, ctx) => detail(ctx.target, p.includeArchived ?? false),
  }),
  roots: action({
    schema: empty,
    // Any role anywhere: an unbound caller is told to bind by the router, like every other action.
    access: [...READERS, 'member'],
    handler: async (_p, ctx) => roots(await ctx.caller()),
  }),
  createOrg: action({
    schema: z.object({ parentId: idOf('上级组织'), name: orgName }).strict(),
    access: ['admin', 'generalSecretary', 'secretary'],
    target: (p) => p.parentId,
    handler: (p, ctx) => createOrg(ctx, p.name),
  }),
  renameOrg: action({
    schema: z.object({ orgId, name: orgName }).strict(),
    access: ['admin', 'generalSecretary', 'secretary'],
    target: (p) => p.orgId,
    handler: (p, ctx) => renameOrg(ctx, p.name),
  }),
  moveOrg: action({
    schema: z.object({ orgId, newParentId: idOf('新的上级组织') }).strict(),
    access: ADMIN,
    target: (p) => p.orgId,
    handler: (p, ctx) => moveOrg(ctx, p.newParentId),
  }),
  archiveOrg: action({
    schema: z.object({ orgId }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => archiveOrg(ctx),
  }),
  restoreOrg: action({
    schema: z.object({ orgId }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => restoreOrg(ctx),
  }),
  assignRole: action({
    schema: z.object({ orgId, role: assignable, holderId }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => assignRole(ctx, p.role, p.holderId),
  }),
  revokeRole: action({
    schema: z.object({ grantId }).strict(),
    access: MANAGERS,
    target: (p) => targetOf(roles, p.grantId, '任命', (g) => g.orgId),
    handler: (_p, ctx) => revokeRole(ctx),
  }),
  createStaff: action({
    schema: z.object({ name: textOf(FIELDS.personName), title: textOf(FIELDS.staffTitle) }).strict(),
    access: ADMIN,
    handler: (p, ctx) => createStaff(ctx, p.name, p.title),
  }),
  listStaff: action({
    schema: empty,
    access: ADMIN,
    handler: () => listStaff(),
  }),
  setContactPoints: action({
    schema: z.object({ holderId, orgIds: z.array(orgId).max(50).describe('联系点') }).strict(),
    access: ADMIN,
    handler: (p, ctx) => setContactPoints(ctx, p.holderId, p.orgIds),
  }),
  leadingGroup: action({
    schema: empty,
    access: ADMIN,
    handler: () => leadingGroup(),
  }),
  auditLog: action({
    schema: z.object({ orgId, skip: z.number().int().min(0).max(100_000).optional() }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => auditLog(ctx.target, p.skip ?? 0),
  }),
};

export const main = createMain('org', actions);
