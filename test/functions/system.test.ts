import type { WhoAmI } from '../../types/system';
import { seededEmulator } from '../support/emulator';

const env = seededEmulator();
const { emu } = env;

describe('system.ping', () => {
  it('answers anyone, signed in or not', async () => {
    const res = await emu.call('system', 'ping');
    expect(res.status).toBe(200);
    expect(res.result).toMatchObject({ ok: true, data: { pong: true } });
    expect(res.dbRequests).toBe(0);
  });
});

describe('system.whoami', () => {
  it('tells a bound member their name, org path from the committee down, and roles', async () => {
    const res = await emu.call<WhoAmI>('system', 'whoami', {}, 'demo-2023010104');
    expect(res.result?.ok).toBe(true);
    if (!res.result?.ok) return;
    const me = res.result.data;
    expect(me.bound).toBe(true);
    expect(me.studentNo).toBe('2023010104');
    expect(me.orgPath.map((o) => o.name)).toEqual(['校团委', '计算机学院团总支', '计科2301班团支部', '第二团小组']);
    expect(me.roles).toEqual([{ role: 'member', orgId: 'org-cs-1', orgName: '计科2301班团支部' }]);
  });

  it('shows a branch secretary both the secretary role and membership', async () => {
    const res = await emu.call<WhoAmI>('system', 'whoami', {}, 'demo-2023010101');
    if (!res.result?.ok) throw new Error(JSON.stringify(res.body));
    expect(res.result.data.post).toBe('团支书');
    expect(res.result.data.roles.map((r) => r.role).sort()).toEqual(['member', 'secretary']);
  });

  it('shows a leader each contact point', async () => {
    const res = await emu.call<WhoAmI>('system', 'whoami', {}, 'demo-leader-1');
    if (!res.result?.ok) throw new Error(JSON.stringify(res.body));
    expect(res.result.data.name).toBe('赵书记');
    expect(
      res.result.data.roles
        .filter((r) => r.role === 'leader')
        .map((r) => r.orgName)
        .sort(),
    ).toEqual(['计科2301班团支部', '金融2301班团支部']);
  });

  it('costs three database requests: member, grants, and the orgs in one batch', async () => {
    const res = await emu.call('system', 'whoami', {}, 'demo-admin');
    expect(res.result?.ok).toBe(true);
    expect(res.dbRequests).toBe(3);
  });

  it('tells an unbound WeChat user they are not bound yet', async () => {
    const res = await emu.call<WhoAmI>('system', 'whoami', {}, 'demo-visitor');
    expect(res.result).toMatchObject({ ok: true, data: { bound: false, name: null, orgPath: [], roles: [] } });
  });

  it('refuses a call without a WeChat identity', async () => {
    const res = await emu.call('system', 'whoami');
    expect(res.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('ignores an identity smuggled in the payload: it is refused, not believed', async () => {
    const res = await emu.call('system', 'whoami', { openid: 'demo-admin' }, 'demo-visitor');
    expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'openid' });
  });
});

describe('bad input to the function', () => {
  it('answers an unknown action with UNKNOWN_ACTION', async () => {
    const res = await emu.call('system', 'format', {}, 'demo-admin');
    expect(res.result).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('answers an unknown function with FUNCTION_NOT_FOUND', async () => {
    const res = await emu.call('nope', 'ping');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('FUNCTION_NOT_FOUND');
  });
});
