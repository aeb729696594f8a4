import { z } from 'zod';
import type { Role } from '../../types/models';
import { FIELDS } from '../../types/fields';
import { memberId, orgId, textOf } from '../shared/fields';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { bind, redeemInvite } from './bind';
import { members } from '../shared/repositories/members';
import { listReleaseRequests, release, requestRelease } from './release';

const RELEASERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary'];
const studentNo = textOf(FIELDS.studentNo);
const personName = textOf(FIELDS.personName);

/** Binding a WeChat identity: roster members by number + name, staff by invite code; releases. */
export const actions: ActionTable<'account'> = {
  bind: action({
    schema: z.object({ studentNo, name: personName }).strict(),
    access: 'user',
    handler: (p, ctx) => bind(ctx, p.studentNo, p.name),
  }),
  redeemInvite: action({
    schema: z.object({ code: textOf(FIELDS.inviteCode) }).strict(),
    access: 'user',
    handler: (p, ctx) => redeemInvite(ctx, p.code),
  }),
  requestRelease: action({
    schema: z.object({ studentNo, name: personName, note: textOf(FIELDS.releaseNote).optional() }).strict(),
    access: 'user',
    handler: (p, ctx) => requestRelease(ctx, p.studentNo, p.name, p.note ?? ''),
  }),
  release: action({
    schema: z.object({ memberId }).strict(),
    access: RELEASERS,
    target: (p) => targetOf(members, p.memberId, '团员', (m) => m.branchId),
    handler: (_p, ctx) => release(ctx),
  }),
  releaseRequests: action({
    schema: z.object({ orgId }).strict(),
    access: RELEASERS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => listReleaseRequests(ctx.target),
  }),
};

export const main = createMain('account', actions);
