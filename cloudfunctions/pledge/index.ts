import { z, type ZodType, type ZodTypeDef } from 'zod';
import type { ActionOf, PayloadOf } from '../../types/api';
import { FOUR_LEADS, type FourLead, type SignSession } from '../../types/models';
import { AppError } from '../shared/errors';
import { signSessions } from '../shared/repositories/sign-sessions';
import { createMain, type ActionContext, type ActionTable } from '../shared/router';
import { closeSession, openSession, rotateSession } from './sessions';
import { sheet } from './sheet';
import { scan, sign } from './signing';

/** A strict schema whose output is exactly the contract's payload for the action. */
type Schema<A extends ActionOf<'pledge'>> = ZodType<PayloadOf<'pledge', A>, ZodTypeDef, unknown>;

const id = z.string().trim().min(1).max(64);
/** Any short string: whether it is one of our scenes is the handler's NOT_FOUND, not a schema error. */
const scene = z.string().max(256);
export const MAX_ITEM_CHARS = 200;
const MAX_ITEMS_PER_LEAD = 10;

const commitments = z.array(z.string().max(MAX_ITEM_CHARS, `每条承诺最多 ${MAX_ITEM_CHARS} 个字`)).max(MAX_ITEMS_PER_LEAD);
const items = z.object(Object.fromEntries(FOUR_LEADS.map((lead) => [lead, commitments])) as Record<FourLead, typeof commitments>).strict();
const signature = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), fileID: z.string().min(1).max(1024) }).strict(),
  z.object({ kind: z.literal('name'), name: z.string().trim().min(1).max(30) }).strict(),
]);

const openSchema: Schema<'openSession'> = z.object({ branchId: id, roundKey: id }).strict();
const sessionSchema: Schema<'rotateSession'> = z.object({ sessionId: id }).strict();
const scanSchema: Schema<'scan'> = z.object({ scene }).strict();
const signSchema: Schema<'sign'> = z.object({ scene, items, signature }).strict();
const sheetSchema: Schema<'sheet'> = z.object({ branchId: id, roundKey: id }).strict();

/** The session the router's target looked up, handed to the handler of the same invocation. */
const sessionsSeen = new WeakMap<ActionContext, SignSession>();

async function sessionTarget(p: { sessionId: string }, ctx: ActionContext): Promise<string> {
  const session = await signSessions.byId(p.sessionId);
  if (!session) throw new AppError('NOT_FOUND', '签署二维码不存在');
  sessionsSeen.set(ctx, session);
  return session.branchId;
}

function seenSession(ctx: ActionContext): SignSession {
  const session = sessionsSeen.get(ctx);
  if (!session) throw new AppError('NOT_FOUND', '签署二维码不存在');
  return session;
}

const SECRETARIES = ['secretary', 'generalSecretary', 'admin'] as const;

/**
 * 四带头 member pledges signed by scanning the branch's QR code. scan and sign take 'user' access and
 * check in the handler: the branch comes from the scanned key, and the answers must tell a dead code,
 * an unbound caller and a member of another branch apart.
 */
export const actions: ActionTable<'pledge'> = {
  openSession: {
    schema: openSchema,
    access: SECRETARIES,
    target: (p) => p.branchId,
    handler: (p, ctx) => openSession(p, ctx.target, ctx.openid),
  },
  rotateSession: {
    schema: sessionSchema,
    access: SECRETARIES,
    target: sessionTarget,
    handler: (_p, ctx) => rotateSession(seenSession(ctx), ctx.target, ctx.openid),
  },
  closeSession: {
    schema: sessionSchema,
    access: SECRETARIES,
    target: sessionTarget,
    handler: (_p, ctx) => closeSession(seenSession(ctx), ctx.target, ctx.openid),
  },
  scan: {
    schema: scanSchema,
    access: 'user',
    handler: (p, ctx) => scan(p, ctx.openid),
  },
  sign: {
    schema: signSchema,
    access: 'user',
    handler: (p, ctx) => sign(p, ctx.openid),
  },
  sheet: {
    schema: sheetSchema,
    access: ['secretary', 'generalSecretary', 'admin', 'leader', 'member'],
    target: (p) => p.branchId,
    handler: (p, ctx) => sheet(p, ctx.target),
  },
};

export const main = createMain('pledge', actions);
