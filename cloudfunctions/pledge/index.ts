import { z } from 'zod';
import { FOUR_LEADS, type FourLead } from '../../types/models';
import { FIELDS, MAX_ITEMS_PER_LEAD } from '../../types/fields';
import { idOf, roundKey, sessionId, text, textOf } from '../shared/fields';
import { signSessions } from '../shared/repositories/sign-sessions';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { closeSession, openSession, rotateSession, setAutoRotate, tickSession } from './sessions';
import { sheet } from './sheet';
import { scan, sign } from './signing';

const branchId = idOf('团支部');
/** Any short string: whether it is one of our scenes is the handler's NOT_FOUND, not a schema error. */
const scene = text('二维码', { min: 0, max: 256 });

const commitments = z.array(textOf(FIELDS.commitment)).max(MAX_ITEMS_PER_LEAD).describe(FIELDS.commitment.label);
const items = z.object(Object.fromEntries(FOUR_LEADS.map((lead) => [lead, commitments])) as Record<FourLead, typeof commitments>).strict();
const signature = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), fileID: text('签名图片', { max: 1024 }) }).strict(),
  z.object({ kind: z.literal('name'), name: textOf(FIELDS.signatureName) }).strict(),
]);

/** The session a rotate or close names: its branch is the target, the session reaches the handler as ctx.loaded. */
const sessionTarget = (p: { sessionId: string }) => targetOf(signSessions, p.sessionId, '签署二维码', (s) => s.branchId);

const SECRETARIES = ['secretary', 'generalSecretary', 'admin'] as const;

/**
 * 四带头 member pledges signed by scanning the branch's QR code. scan and sign take 'user' access and
 * check in the handler: the branch comes from the scanned key, and the answers must tell a dead code,
 * an unbound caller and a member of another branch apart.
 */
export const actions: ActionTable<'pledge'> = {
  openSession: action({
    schema: z.object({ branchId, roundKey }).strict(),
    access: SECRETARIES,
    target: (p) => p.branchId,
    handler: (p, ctx) => openSession(ctx, p.roundKey),
  }),
  rotateSession: action({
    schema: z.object({ sessionId }).strict(),
    access: SECRETARIES,
    target: sessionTarget,
    handler: (_p, ctx) => rotateSession(ctx),
  }),
  closeSession: action({
    schema: z.object({ sessionId }).strict(),
    access: SECRETARIES,
    target: sessionTarget,
    handler: (_p, ctx) => closeSession(ctx),
  }),
  setAutoRotate: action({
    schema: z.object({ sessionId, auto: z.boolean().describe('自动更换') }).strict(),
    access: SECRETARIES,
    target: sessionTarget,
    handler: (p, ctx) => setAutoRotate(ctx, p.auto),
  }),
  tickSession: action({
    schema: z.object({ sessionId }).strict(),
    access: SECRETARIES,
    target: sessionTarget,
    handler: (_p, ctx) => tickSession(ctx),
  }),
  scan: action({
    schema: z.object({ scene }).strict(),
    access: 'user',
    handler: (p, ctx) => scan(p, ctx.openid),
  }),
  sign: action({
    schema: z.object({ scene, items, signature }).strict(),
    access: 'user',
    handler: (p, ctx) => sign(p, ctx.openid),
  }),
  sheet: action({
    schema: z.object({ branchId, roundKey }).strict(),
    access: ['secretary', 'generalSecretary', 'admin', 'leader', 'member'],
    target: (p) => p.branchId,
    handler: (p, ctx) => sheet(ctx.target, p.roundKey),
  }),
};

export const main = createMain('pledge', actions);
