import { z, type ZodType, type ZodTypeDef } from 'zod';
import type { ActionOf, PayloadOf } from '../../types/api';
import type { ImportJob, Member } from '../../types/models';
import { AppError } from '../shared/errors';
import { imports } from '../shared/repositories/imports';
import { members } from '../shared/repositories/members';
import { createMain, type ActionContext, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { MAX_POST } from './check';
import { exportRoster, template } from './files';
import { commitImport, previewImport, progressOf } from './import';
import { listMembers, MAX_LIMIT, setCadre } from './members';

/** A strict schema whose output is exactly the contract's payload for the action. */
type Schema<A extends ActionOf<'roster'>> = ZodType<PayloadOf<'roster', A>, ZodTypeDef, unknown>;

const id = z.string().trim().min(1).max(64);

const listSchema: Schema<'listMembers'> = z
  .object({
    orgId: id,
    keyword: z.string().max(32).optional(),
    skip: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
  })
  .strict();

const previewSchema: Schema<'previewImport'> = z
  .object({ orgId: id, fileID: z.string().trim().min(1).max(1024), fileName: z.string().trim().min(1).max(128) })
  .strict();

const jobSchema: Schema<'commitImport'> = z.object({ jobId: id }).strict();

const exportSchema: Schema<'exportRoster'> = z.object({ orgId: id }).strict();

const cadreSchema: Schema<'setCadre'> = z
  .object({ memberId: id, isCadre: z.boolean(), post: z.string().trim().min(1).max(MAX_POST).nullable() })
  .strict()
  .refine((p) => !p.isCadre || p.post !== null, { message: '请填写职务', path: ['post'] });

/**
 * Documents the router's `target` looked up, handed to the handler of the same invocation so the
 * handler does not read them a second time.
 */
const jobsSeen = new WeakMap<ActionContext, ImportJob>();
const membersSeen = new WeakMap<ActionContext, Member>();

async function jobTarget(p: { jobId: string }, ctx: ActionContext): Promise<string> {
  const job = await imports.byId(p.jobId);
  if (!job) throw new AppError('NOT_FOUND', '导入任务不存在');
  jobsSeen.set(ctx, job);
  return job.scopeOrgId;
}

function seenJob(ctx: ActionContext): ImportJob {
  const job = jobsSeen.get(ctx);
  if (!job) throw new AppError('NOT_FOUND', '导入任务不存在');
  return job;
}

const MANAGERS = ['admin', 'generalSecretary', 'secretary'] as const;

/** Roster of a subtree, spreadsheet import in two steps, export, and cadre marks. */
export const actions: ActionTable<'roster'> = {
  listMembers: {
    schema: listSchema,
    access: ['admin', 'generalSecretary', 'secretary', 'leader'],
    target: (p) => p.orgId,
    handler: (p) => listMembers(p),
  },
  previewImport: {
    schema: previewSchema,
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => previewImport(p, ctx.openid),
  },
  commitImport: {
    schema: jobSchema,
    access: MANAGERS,
    target: jobTarget,
    handler: (_p, ctx) => commitImport(seenJob(ctx), ctx.openid),
  },
  importStatus: {
    schema: jobSchema,
    access: MANAGERS,
    target: jobTarget,
    handler: async (_p, ctx) => progressOf(seenJob(ctx)),
  },
  template: {
    schema: empty,
    access: 'user',
    handler: () => template(),
  },
  exportRoster: {
    schema: exportSchema,
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p) => exportRoster(p.orgId),
  },
  setCadre: {
    schema: cadreSchema,
    access: ['secretary', 'generalSecretary', 'admin'],
    target: async (p, ctx) => {
      const member = await members.byId(p.memberId);
      if (!member) throw new AppError('NOT_FOUND', '团员不存在');
      membersSeen.set(ctx, member);
      return member.branchId;
    },
    handler: (p, ctx) => {
      const member = membersSeen.get(ctx);
      if (!member) throw new AppError('NOT_FOUND', '团员不存在');
      return setCadre(member, p, ctx.openid);
    },
  },
};

export const main = createMain('roster', actions);
