import { z } from 'zod';
import type { Role } from '../../types/models';
import { displayName, id } from '../shared/fields';
import { createMain, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { detail, roots } from './tree';
import { archiveOrg, createOrg, moveOrg, renameOrg, restoreOrg } from './manage';
import { assignRole, grantFor, leadingGroup, revokeRole, setContactPoints } from './grants';
import { auditLog, createStaff, listStaff } from './staff';

const READERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];
const ADMIN: readonly Role[] = ['admin'];
const MANAGERS: readonly Role[] = ['admin', 'generalSecretary'];
const assignable = z.enum(['admin', 'generalSecretary', 'secretary', 'leader']);

/** The organisation tree, role grants, staff accounts, the leading group and the audit log. */
export const actions: ActionTable<'org'> = {
  detail: {
    schema: z.object({ orgId: id, includeArchived: z.boolean().optional() }).strict(),
    access: [...READERS, 'member'],
    target: (p) => p.orgId,
    handler: (p, ctx) => detail(ctx, p.orgId, p.includeArchived ?? false),
  },
  roots: {
    schema: empty,
    // Any role anywhere: an unbound caller is told to bind by the router, like every other action.
    access: [...READERS, 'member'],
    handler: async (_p, ctx) => roots(await ctx.caller()),
  },
  createOrg: {
    schema: z.object({ parentId: id, name: displayName }).strict(),
    access: ['admin', 'generalSecretary', 'secretary'],
    target: (p) => p.parentId,
    handler: (p, ctx) => createOrg(ctx, p.parentId, p.name),
  },
  renameOrg: {
    schema: z.object({ orgId: id, name: displayName }).strict(),
    access: ['admin', 'generalSecretary', 'secretary'],
    target: (p) => p.orgId,
    handler: (p, ctx) => renameOrg(ctx, p.orgId, p.name),
  },
  moveOrg: {
    schema: z.object({ orgId: id, newParentId: id }).strict(),
    access: ADMIN,
    target: (p) => p.orgId,
    handler: (p, ctx) => moveOrg(ctx, p.orgId, p.newParentId),
  },
  archiveOrg: {
    schema: z.object({ orgId: id }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => archiveOrg(ctx, p.orgId),
  },
  restoreOrg: {
    schema: z.object({ orgId: id }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => restoreOrg(ctx, p.orgId),
  },
  assignRole: {
    schema: z.object({ orgId: id, role: assignable, holderId: id }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => assignRole(ctx, p.orgId, p.role, p.holderId),
  },
  revokeRole: {
    schema: z.object({ grantId: id }).strict(),
    access: MANAGERS,
    target: async (p, ctx) => (await grantFor(ctx, p.grantId)).orgId,
    handler: (p, ctx) => revokeRole(ctx, p.grantId),
  },
  createStaff: {
    schema: z.object({ name: displayName, title: displayName }).strict(),
    access: ADMIN,
    handler: (p, ctx) => createStaff(ctx, p.name, p.title),
  },
  listStaff: {
    schema: empty,
    access: ADMIN,
    handler: () => listStaff(),
  },
  setContactPoints: {
    schema: z.object({ holderId: id, orgIds: z.array(id).max(50) }).strict(),
    access: ADMIN,
    handler: (p, ctx) => setContactPoints(ctx, p.holderId, p.orgIds),
  },
  leadingGroup: {
    schema: empty,
    access: ADMIN,
    handler: () => leadingGroup(),
  },
  auditLog: {
    schema: z.object({ orgId: id, skip: z.number().int().min(0).max(100_000).optional() }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (p) => auditLog(p.orgId, p.skip ?? 0),
  },
};

export const main = createMain('org', actions);
