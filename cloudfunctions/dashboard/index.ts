import { z } from 'zod';
import type { Envelope } from '../../types/envelope';
import type { Role } from '../../types/models';
import { isTimerEvent } from '../../types/notify';
import { callerOpenid } from '../shared/cloud';
import { orgId, roundKey } from '../shared/fields';
import { log } from '../shared/log';
import { action, createMain, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { EXPORT_LISTS, type ExportList, type RollupRun } from '../../types/dashboard';
import { exportList } from '../shared/export';
import { refresh } from './refresh';
import { home, screen } from './view';

/** Every org's secretary and every leader (on their contact points) sees progress of their scope. */
const READERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];

/** 进度看板: progress rolled up the tree, recounted every minute by this function's timer. */
export const actions: ActionTable<'dashboard'> = {
  home: action({
    schema: z.object({ roundKey: roundKey.optional() }).strict(),
    access: READERS,
    handler: async (p, ctx) => home(await ctx.caller(), p.roundKey),
  }),
  view: action({
    schema: z.object({ orgId, roundKey: roundKey.optional() }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => screen(ctx.target._id, p.roundKey),
  }),
  refresh: action({
    schema: empty,
    access: ['admin'],
    handler: () => refresh(),
  }),
  exportList: action({
    schema: z
      .object({
        orgId,
        list: z.enum(Object.keys(EXPORT_LISTS) as [ExportList, ...ExportList[]]).describe('名单'),
        roundKey: roundKey.optional(),
      })
      .strict(),
    // Every cadre over the org; each list narrows it (the roster: secretaries only), see shared/export/lists.ts.
    access: READERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => exportList(ctx.target, ctx.roles, p.list, p.roundKey),
  }),
};

const route = createMain('dashboard', actions);

/** The timer trigger (config.json) recounts the roll-up; anything else is an action from the app (see notify/index.ts). */
export async function main(event: unknown): Promise<Envelope<unknown> | RollupRun> {
  if (isTimerEvent(event) && !callerOpenid()) {
    try {
      const run = await refresh();
      log('info', 'dashboard.refresh', { ...run });
      return run;
    } catch (err) {
      log('error', 'dashboard.refresh.failed', { message: (err as Error).message, stack: (err as Error).stack });
      throw err;
    }
  }
  return route(event as Parameters<typeof route>[0]);
}
