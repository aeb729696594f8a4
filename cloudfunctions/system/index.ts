import { action, createMain, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { whoami } from './whoami';

/** Health and identity: the first thing the app asks. */
export const actions: ActionTable<'system'> = {
  ping: action({
    schema: empty,
    access: 'public',
    handler: async () => ({ pong: true as const, serverTime: new Date().toISOString() }),
  }),
  whoami: action({
    schema: empty,
    access: 'user',
    handler: async (_payload, ctx) => whoami(await ctx.caller()),
  }),
};

export const main = createMain('system', actions);
