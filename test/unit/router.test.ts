import { z } from 'zod';
import { AppError } from '../../cloudfunctions/shared/errors';
import { createMain, describeActions, type ActionTable } from '../../cloudfunctions/shared/router';
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
