import { z } from 'zod';
import { AppError, notFound } from '../../cloudfunctions/shared/errors';
import { action, createMain, describeActions, type ActionTable } from '../../cloudfunctions/shared/router';
import { empty } from '../../cloudfunctions/shared/validate';
import { actions as systemActions } from '../../cloudfunctions/system';

// Public actions touch neither the identity nor the database, so the router runs in-process here;
// everything that needs the database is tested through the emulator in test/functions.
const table: ActionTable<'system'> = {
  ping: {
    schema: z.object({}).strict() as never,
    access: 'public',
    handler: async () => {
      throw new Error('database password is hunter2');
    },
  },
  whoami: {
    schema: z.object({}).strict() as never,
    access: 'public',
    handler: async () => {
      throw new AppError('CONFLICT', '已被他人修改');
    },
  },
};
const main = createMain('system', table);

describe('the router', () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers an unknown action with UNKNOWN_ACTION', async () => {
    const res = await main({ action: 'dropDatabase' });
    expect(res).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(res.ok === false && res.message).toContain('dropDatabase');
  });

  it('does not treat inherited object keys as actions', async () => {
    expect(await main({ action: 'constructor' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(await main({ action: '__proto__' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('turns a thrown error into INTERNAL with a request id, keeping the stack in the log only', async () => {
    const res = await main({ action: 'ping', payload: {} });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.code).toBe('INTERNAL');
    expect(res.requestId).toMatch(/\w+-\w+/);
    expect(res.message).toContain(res.requestId);
    expect(JSON.stringify(res)).not.toContain('hunter2');
    expect(JSON.stringify(res)).not.toContain('at ');
    const logged = errors.map((l) => JSON.parse(l) as { requestId: string; stack: string });
    expect(logged.some((l) => l.requestId === res.requestId && l.stack.includes('hunter2'))).toBe(true);
  });

  it('passes an AppError through with its own code and message', async () => {
    expect(await main({ action: 'whoami', payload: {} })).toMatchObject({ ok: false, code: 'CONFLICT', message: '已被他人修改' });
  });

  it('refuses a payload that fails its schema before the handler runs', async () => {
    const res = await main({ action: 'ping', payload: { extra: 1 } });
    expect(res).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'extra' });
    expect(errors).toHaveLength(0);
  });

  it('describes every declared action of the system function', () => {
    expect(describeActions(systemActions)).toEqual([
      { action: 'ping', access: 'public', hasTarget: false },
      { action: 'whoami', access: 'user', hasTarget: false },
    ]);
  });
});

describe('action(): the handler context follows what target() returns', () => {
  const byOrg = z.object({ orgId: z.string() }).strict();
  const byJob = z.object({ jobId: z.string() }).strict();

  it('types ctx.target and ctx.loaded per action, and refuses what the router would not supply (checked by tsc)', () => {
    const defs = [
      action({ schema: empty, access: 'user', handler: async (_p, ctx) => ctx.openid }),
      action({ schema: byOrg, access: ['admin'], target: (p) => p.orgId, handler: async (_p, ctx) => ctx.target.name }),
      action({
        schema: byJob,
        access: ['admin'],
        target: async (p) => ({ orgId: 'org-cs', doc: { _id: p.jobId, scopeOrgId: 'org-cs', cursor: 0 } }),
        handler: async (_p, ctx) => ctx.loaded.cursor + ctx.target.ancestors.length,
      }),
      action({
        schema: empty,
        access: 'user',
        // @ts-expect-error -- an action without a target() has no ctx.target
        handler: async (_p, ctx) => ctx.target,
      }),
      action({
        schema: byOrg,
        access: ['admin'],
        target: (p) => p.orgId,
        // @ts-expect-error -- only a target() answering { orgId, doc } hands a document over
        handler: async (_p, ctx) => ctx.loaded,
      }),
      action({
        schema: byOrg,
        access: ['admin'],
        // @ts-expect-error -- target() answers an org id or { orgId, doc }, nothing else
        target: () => 42,
        handler: async () => 1,
      }),
    ];
    expect(defs.map((d) => Boolean(d.target))).toEqual([false, true, true, false, true, true]);
  });

  it('runs target() for every declared target, so a missing document is NOT_FOUND before the handler', async () => {
    let ran = false;
    const main = createMain('system', {
      ping: action({
        schema: empty,
        access: 'public',
        target: async (): Promise<string> => {
          throw notFound('导入任务');
        },
        handler: async () => {
          ran = true;
          return { pong: true as const, serverTime: '' };
        },
      }),
      whoami: table.whoami,
    });
    expect(await main({ action: 'ping', payload: {} })).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '导入任务不存在' });
    expect(ran).toBe(false);
  });
});
