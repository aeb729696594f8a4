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
import type { Repository } from './repositories/repository';
import { parsePayload } from './validate';

/**
 * Who may call an action: 'public' needs nothing (health checks), 'user' needs a WeChat identity,
 * a list of roles needs one of them over the target org (or anywhere, when the action has no target).
 */
export type Access = 'public' | 'user' | readonly Role[];

/** What every handler gets. */
export interface ActionContext {
  requestId: string;
  openid: string;
  /** Loaded once per invocation, on first use. */
  caller(): Promise<Caller>;
  /** The allowed roles the caller holds over the target (empty for 'public'/'user'). */
  roles: Role[];
}

/** A handler of an action that declares a target: the org the router read and authorised against. */
export interface TargetContext extends ActionContext {
  target: Org;
}

/** A handler whose target() read a document to find the org (a job, a session, a member): that document. */
export interface LoadedContext<L> extends TargetContext {
  loaded: L;
}

/**
 * What a target() answers: the org's id, or the org's id and the document it read to find it. The
 * document reaches the handler as `ctx.loaded`, typed, so nothing is read twice and no side channel
 * carries it.
 */
export interface Found<L> {
  orgId: string;
  doc: L;
}

type TargetAnswer = string | Found<unknown>;

/**
 * target() of an action that names a document (a job, a session, a member, a grant): reads it, NOT_FOUND
 * naming it when absent, and targets the org it belongs to; the handler gets it as ctx.loaded.
 */
export async function targetOf<T extends { _id: string }>(
  repo: Repository<T>,
  id: string,
  what: string,
  orgOf: (doc: T) => string,
): Promise<Found<T>> {
  const doc = await repo.mustById(id, what);
  return { orgId: orgOf(doc), doc };
}

/** The context a handler gets follows from its target(): none, an org id, or an org id with a document. */
export type HandlerContext<T> = [T] extends [undefined]
  ? ActionContext
  : Awaited<T> extends Found<infer L>
    ? LoadedContext<L>
    : TargetContext;

/** An action as written in a domain's table (see `action()`). */
export interface ActionSpec<P, R, T> {
  schema: ZodType<P, ZodTypeDef, unknown>;
  access: Access;
  /** The org this call touches; the router checks the caller's roles against its place in the tree. */
  target?: (payload: P, ctx: ActionContext) => T;
  handler: (payload: P, ctx: HandlerContext<T>) => Promise<R>;
}

/** An action as the router runs it: the document type of target() is checked in `action()` and erased here. */
export interface ActionDef<P, R> {
  schema: ZodType<P, ZodTypeDef, unknown>;
  access: Access;
  target?: (payload: P, ctx: ActionContext) => TargetAnswer | Promise<TargetAnswer>;
  handler: (payload: P, ctx: ActionContext) => Promise<R>;
}

/**
 * Declares one action. The handler's context is typed by what target() returns: `ctx.target` (the
 * authorised org) when there is a target, and `ctx.loaded` (the document target() read) when it
 * answers `{ orgId, doc }`. The router keeps that promise: it reads the org and passes the document on.
 */
export function action<P, R, T extends TargetAnswer | Promise<TargetAnswer> | undefined = undefined>(
  spec: ActionSpec<P, R, T>,
): ActionDef<P, R> {
  return spec as unknown as ActionDef<P, R>;
}

export type ActionTable<D extends Domain> = {
  [A in ActionOf<D>]: ActionDef<PayloadOf<D, A>, ResultOf<D, A>>;
};

interface Event {
  action?: unknown;
  payload?: unknown;
}

/** The context as the router fills it; handlers see the part their action's type promises. */
interface RunContext extends ActionContext {
  target?: Org;
  loaded?: unknown;
}

function fail(code: ErrorCode, requestId: string, message?: string, field?: string): Envelope<never> {
  return { ok: false, code, message: message ?? ERROR_MESSAGES[code], ...(field ? { field } : {}), requestId };
}

/** Runs target(): reads the org it names and keeps the document it loaded. */
async function resolveTarget<P>(def: ActionDef<P, unknown>, payload: P, ctx: RunContext): Promise<Org | null> {
  if (!def.target) return null;
  const answer = await def.target(payload, ctx);
  const orgId = typeof answer === 'string' ? answer : answer.orgId;
  if (typeof answer !== 'string') ctx.loaded = answer.doc;
  const org = await orgs.mustById(orgId, '组织');
  ctx.target = org;
  return org;
}

/** Checks access before the handler runs; throws AppError for the caller to see. */
async function authorize<P>(def: ActionDef<P, unknown>, payload: P, ctx: RunContext): Promise<Role[]> {
  if (def.access === 'public' || def.access === 'user') {
    if (def.access === 'user' && !ctx.openid) throw new AppError('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED);
    await resolveTarget(def, payload, ctx);
    return [];
  }
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED);
  const allowed = def.access;
  const [caller, org] = await Promise.all([ctx.caller(), resolveTarget(def, payload, ctx)]);
  const granted = org ? coveringRoles(caller, allowed, org) : heldRoles(caller).filter((r) => allowed.includes(r));
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
    const ctx: RunContext = {
      requestId,
      openid,
      caller: () => (cached ??= loadCaller(openid)),
      roles: [],
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

/** The action table's declarations, for the authorisation matrix test and the deploy docs. */
export function describeActions<D extends Domain>(table: ActionTable<D>): { action: string; access: Access; hasTarget: boolean }[] {
  return Object.entries(table as unknown as Record<string, ActionDef<unknown, unknown>>).map(([action, def]) => ({
    action,
    access: def.access,
    hasTarget: Boolean(def.target),
  }));
}
