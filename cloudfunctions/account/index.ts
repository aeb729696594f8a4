import { z } from 'zod';
import type { Role } from '../../types/models';
import { id } from '../shared/fields';
import { createMain, targetOf, type ActionTable } from '../shared/router';
import { bind, redeemInvite } from './bind';
import { listReleaseRequests, memberFor, release, requestRelease } from './release';

const RELEASERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary'];
const studentNo = z.string().trim().min(1).max(32);
const personName = z.string().trim().min(1).max(30);

/** Binding a WeChat identity: roster members by number + name, staff by invite code; releases. */
export const actions: ActionTable<'account'> = {
  bind: {
    schema: z.object({ studentNo, name: personName }).strict(),
    access: 'user',
    handler: (p, ctx) => bind(ctx, p.studentNo, p.name),
  },
  redeemInvite: {
    schema: z.object({ code: z.string().trim().min(4).max(16) }).strict(),
    access: 'user',
    handler: (p, ctx) => redeemInvite(ctx, p.code),
  },
  requestRelease: {
    schema: z.object({ studentNo, name: personName, note: z.string().trim().max(200).optional() }).strict(),
    access: 'user',
    handler: (p, ctx) => requestRelease(ctx, p.studentNo, p.name, p.note ?? ''),
  },
  release: {
    schema: z.object({ memberId: id }).strict(),
    access: RELEASERS,
    target: async (p, ctx) => (await memberFor(ctx, p.memberId)).branchId,
    handler: (p, ctx) => release(ctx, p.memberId),
  },
  releaseRequests: {
    schema: z.object({ orgId: id }).strict(),
    access: RELEASERS,
    target: (p) => p.orgId,
    // The router has read and authorised the org: the handler reuses it.
    handler: async (_p, ctx) => listReleaseRequests(targetOf(ctx)),
  },
};

export const main = createMain('account', actions);
