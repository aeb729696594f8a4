import type { ZodType, ZodTypeDef } from 'zod';
import type { ActionOf, Domain, PayloadOf, ResultOf } from '../../types/api';
import type { Envelope } from '../../types/envelope';
import { ERROR_MESSAGES, type ErrorCode } from '../../types/errors';
import type { Org, Role } from '../../types/models';
import { coveringRoles, heldRoles } from '../../types/scope';
import { loadCaller, type Caller } from './caller';
import { callerOpenid } from './cloud';
import { AppError } from './errors';
import { log, newRequestId } from './log';
import { orgs } from './repositories/orgs';
import { parsePayload } from './validate';

/**
 * Who may call an action: 'public' needs nothing (health checks), 'user' needs a WeChat identity,
 * a list of roles needs one of them over the target org (or anywhere, when the action has no target).
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface ActionContext {
  requestId: string;
  openid: string;
  /** Loaded once per invocation, on first use. */
  caller(): Promise<Caller>;
  /** The allowed roles the caller holds over the target (empty for 'public'/'user'). */
  roles: Role[];
  /** The org the router authorised against, already read: handlers reuse it instead of reading again. */
  target: Org | null;
}

export interface ActionDef<P, R> {
  schema: ZodType<P, ZodTypeDef, unknown>;
  access: Access;
  /** The org this call touches; the router checks the caller's roles against its place in the tree. */
  target?: (payload: P, ctx: ActionContext) => Promise<string | null> | string | null;
  handler: (payload: P, ctx: ActionContext) => Promise<R>;
}

export type ActionTable<D extends Domain> = {
  [A in ActionOf<D>]: ActionDef<PayloadOf<D, A>, ResultOf<D, A>>;
};

interface Event {
  action?: unknown;
  payload?: unknown;
}

function fail(code: ErrorCode, requestId: string, message?: string, field?: string): Envelope<never> {
  return { ok: false, code, message: message ?? ERROR_MESSAGES[code], ...(field ? { field } : {}), requestId };
}

/** Checks access before the handler runs; throws AppError for the caller to see. */
async function authorize<P>(def: ActionDef<P, unknown>, payload: P, ctx: ActionContext): Promise<Role[]> {
  if (def.access === 'public') return [];
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED);
  if (def.access === 'user') return [];

  const caller = await ctx.caller();
  const allowed = def.access;
  const targetId = def.target ? await def.target(payload, ctx) : null;
  let granted: Role[];
  if (targetId) {
    const org = await orgs.byId(targetId);
    if (!org) throw new AppError('NOT_FOUND', '组织不存在');
    ctx.target = org;
    granted = coveringRoles(caller, allowed, org);
  } else {
    granted = heldRoles(caller).filter((r) => allowed.includes(r));
  }
  if (granted.length > 0) return granted;
  if (!caller.member && caller.grants.length === 0) throw new AppError('NOT_BOUND', ERROR_MESSAGES.NOT_BOUND);
  throw new AppError('FORBIDDEN', ERROR_MESSAGES.FORBIDDEN);
}

/**
 * The cloud function entry for a domain: finds the action, validates the payload, authorises the
 * caller, runs the handler and wraps everything in one envelope. No stack ever reaches the client.
 */
export function createMain<D extends Domain>(domain: D, table: ActionTable<D>) {
  const actions = table as unknown as Record<string, ActionDef<unknown, unknown>>;

  return async function main(event: Event): Promise<Envelope<unknown>> {
    const requestId = newRequestId();
    const name = typeof event?.action === 'string' ? event.action : '';
    const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    if (!def) return fail('UNKNOWN_ACTION', requestId, `不支持的操作：${name || '（空）'}`);

    const openid = callerOpenid();
    let cached: Promise<Caller> | null = null;
    const ctx: ActionContext = {
      requestId,
      openid,
      caller: () => (cached ??= loadCaller(openid)),
      roles: [],
      target: null,
    };
    const started = Date.now();
    try {
      const payload = parsePayload(def.schema, event.payload ?? {});
      ctx.roles = await authorize(def, payload, ctx);
      const data = await def.handler(payload, ctx);
      log('info', 'action', { requestId, domain, action: name, ms: Date.now() - started });
      return { ok: true, data, requestId };
    } catch (err) {
      if (err instanceof AppError) {
        log('info', 'action.refused', { requestId, domain, action: name, code: err.code });
        return fail(err.code, requestId, err.message, err.field);
      }
      const e = err instanceof Error ? err : new Error(String(err));
      log('error', 'action.failed', { requestId, domain, action: name, message: e.message, stack: e.stack });
      return fail('INTERNAL', requestId, `${ERROR_MESSAGES.INTERNAL}（请求编号 ${requestId}）`);
    }
  };
}

/** The org a targeted action was authorised against (the router read it before the handler ran). */
export function targetOf(ctx: ActionContext): Org {
  if (!ctx.target) throw new Error('targetOf: the action declares no target');
  return ctx.target;
}

/** The action table's declarations, for the authorisation matrix test and the deploy docs. */
export function describeActions<D extends Domain>(table: ActionTable<D>): { action: string; access: Access; hasTarget: boolean }[] {
  return Object.entries(table as unknown as Record<string, ActionDef<unknown, unknown>>).map(([action, def]) => ({
    action,
    access: def.access,
    hasTarget: Boolean(def.target),
  }));
}
