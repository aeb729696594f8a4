import { z } from 'zod';
import { FIELDS } from '../../types/fields';
import { jobId, memberId, orgId, text, textOf } from '../shared/fields';
import { imports } from '../shared/repositories/imports';
import { members } from '../shared/repositories/members';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { exportRoster, template } from './files';
import { commitImport, previewImport, progressOf } from './import';
import { listMembers, MAX_LIMIT, setCadre } from './members';

/** The job a commit or status call names: its scope org is the target, the job reaches the handler as ctx.loaded. */
const jobTarget = (p: { jobId: string }) => targetOf(imports, p.jobId, '导入任务', (job) => job.scopeOrgId);

const MANAGERS = ['admin', 'generalSecretary', 'secretary'] as const;

/** Roster of a subtree, spreadsheet import in two steps, export, and cadre marks. */
export const actions: ActionTable<'roster'> = {
  listMembers: action({
    schema: z
      .object({
        orgId,
        keyword: textOf(FIELDS.keyword).optional(),
        skip: z.number().int().min(0).max(1_000_000).optional(),
        limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
      })
      .strict(),
    access: ['admin', 'generalSecretary', 'secretary', 'leader'],
    target: (p) => p.orgId,
    handler: (p, ctx) => listMembers(ctx.target, p),
  }),
  previewImport: action({
    schema: z.object({ orgId, fileID: text('文件', { max: 1024 }), fileName: text('文件名', { max: 128 }) }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => previewImport(ctx.target, p, ctx.openid),
  }),
  commitImport: action({
    schema: z.object({ jobId }).strict(),
    access: MANAGERS,
    target: jobTarget,
    handler: (_p, ctx) => commitImport(ctx.loaded, ctx.target, ctx.openid),
  }),
  importStatus: action({
    schema: z.object({ jobId }).strict(),
    access: MANAGERS,
    target: jobTarget,
    handler: async (_p, ctx) => progressOf(ctx.loaded),
  }),
  template: action({
    schema: empty,
    access: 'user',
    handler: () => template(),
  }),
  exportRoster: action({
    schema: z.object({ orgId }).strict(),
    access: MANAGERS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => exportRoster(ctx.target),
  }),
  setCadre: action({
    schema: z
      .object({ memberId, isCadre: z.boolean().describe('是否团干部'), post: textOf(FIELDS.post).nullable() })
      .strict()
      .refine((p) => !p.isCadre || p.post !== null, { message: '请填写职务', path: ['post'] }),
    access: ['secretary', 'generalSecretary', 'admin'],
    target: (p) => targetOf(members, p.memberId, '团员', (m) => m.branchId),
    handler: (p, ctx) => setCadre(ctx, p),
  }),
};

export const main = createMain('roster', actions);
