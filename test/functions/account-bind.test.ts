import type { BindResult, ReleaseRequestView } from '../../types/account';
import type { Member, RoleGrant, Staff } from '../../types/models';
import type { OrgView } from '../../types/org';
import type { WhoAmI } from '../../types/system';
import { seededEmulator, type CallResult, okData, errorCode } from '../support/emulator';

const env = seededEmulator();
const { emu, find } = env;

const message = (res: CallResult) => (res.result && !res.result.ok ? res.result.message : '');
const member = async (id: string) => (await find<Member>('members', { _id: id }))[0];

// Unbound demo entries: members 7..25 of each branch. m-2023010110 is in org-cs-1.
async function nameOf(studentNo: string): Promise<string> {
  return (await member(`m-${studentNo}`)).name;
}

describe('account.bind', () => {
  it('binds a roster entry by number and name and tells whoami', async () => {
    const name = await nameOf('2023010110');
    const res = await emu.call<BindResult>('account', 'bind', { studentNo: '2023010110', name: ` ${name} ` }, 'wx-alice');
    expect(okData(res)).toEqual({ memberId: 'm-2023010110', name, branchName: '计科2301班团支部' });
    console.log(`account.bind database requests (success): ${res.dbRequests}`);
    expect(res.dbRequests).toBeLessThanOrEqual(8);
    expect((await member('m-2023010110')).openid).toBe('wx-alice');
    const me = okData(await emu.call<WhoAmI>('system', 'whoami', {}, 'wx-alice'));
    expect(me).toMatchObject({ bound: true, studentNo: '2023010110' });
    const [entry] = await find<{ actor: string; action: string; before: unknown; after: unknown }>('audit', {
      target: 'm-2023010110',
      action: 'bind',
    });
    expect(entry).toMatchObject({ actor: 'wx-alice', before: { openid: null }, after: { openid: 'wx-alice' } });
    // Binding again with the same identity is harmless.
    expect(okData(await emu.call<BindResult>('account', 'bind', { studentNo: '2023010110', name }, 'wx-alice')).memberId).toBe(
      'm-2023010110',
    );
  });

  it('answers a wrong name and an unknown number with the same message', async () => {
    const wrongName = await emu.call('account', 'bind', { studentNo: '2023010111', name: '不是我' }, 'wx-bob');
    const unknown = await emu.call('account', 'bind', { studentNo: '1999999999', name: '不是我' }, 'wx-bob');
    expect(wrongName.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '学号或姓名与花名册不一致' });
    expect(unknown.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '学号或姓名与花名册不一致' });
    console.log(`account.bind database requests (wrong name): ${wrongName.dbRequests}`);
  });

  it('refuses an entry bound to someone else, naming the branch secretary', async () => {
    const name = await nameOf('2023010110');
    const res = await emu.call('account', 'bind', { studentNo: '2023010110', name }, 'wx-mallory');
    expect(errorCode(res)).toBe('CONFLICT');
    const secretary = (await find<RoleGrant>('roles', { orgId: 'org-cs-1', role: 'secretary' }))[0].name;
    expect(message(res)).toContain(`团支部书记 ${secretary} 解绑`);
    expect((await member('m-2023010110')).openid).toBe('wx-alice');
  });

  it('refuses a caller already bound to another entry', async () => {
    const name = await nameOf('2023010112');
    const res = await emu.call('account', 'bind', { studentNo: '2023010112', name }, 'wx-alice');
    expect(res.result).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((await member('m-2023010112')).openid).toBeNull();
  });

  it('binds once when two people race for the same entry', async () => {
    const name = await nameOf('2023010113');
    const results = await Promise.all(
      ['wx-r1', 'wx-r2', 'wx-r3'].map((o) => emu.call('account', 'bind', { studentNo: '2023010113', name }, o)),
    );
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
  });

  it('mirrors the openid onto the grants of a member who binds (a newly appointed secretary)', async () => {
    okData(await emu.call('org', 'assignRole', { orgId: 'org-cs-3', role: 'secretary', holderId: 'm-2023010314' }, 'demo-admin'));
    expect(errorCode(await emu.call('org', 'detail', { orgId: 'org-cs-3' }, 'wx-new-sec'))).toBe('NOT_BOUND');
    okData(await emu.call('account', 'bind', { studentNo: '2023010314', name: await nameOf('2023010314') }, 'wx-new-sec'));
    expect((await find<RoleGrant>('roles', { holderId: 'm-2023010314' }))[0].openid).toBe('wx-new-sec');
    expect(errorCode(await emu.call('org', 'detail', { orgId: 'org-cs-3' }, 'wx-new-sec'))).toBe('OK');
  });

  it('locks an identity out from the 6th of 20 rapid wrong guesses, even for a correct one', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 20; i++)
      codes.push(errorCode(await emu.call('account', 'bind', { studentNo: `20230101${String(50 + i)}`, name: '猜一猜' }, 'wx-guesser')));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_ARGUMENT'));
    expect(codes.slice(5)).toEqual(Array(15).fill('RATE_LIMITED'));
    const correct = await emu.call('account', 'bind', { studentNo: '2023010115', name: await nameOf('2023010115') }, 'wx-guesser');
    expect(correct.result).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((await member('m-2023010115')).openid).toBeNull();
    // Other identities are not affected.
    expect(errorCode(await emu.call('account', 'bind', { studentNo: '2023010115', name: await nameOf('2023010115') }, 'wx-honest'))).toBe(
      'OK',
    );
  });

  it('counts parallel wrong guesses exactly: 5 refusals as wrong, the rest rate-limited', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => emu.call('account', 'bind', { studentNo: `20230201${10 + i}`, name: '猜' }, 'wx-parallel')),
    );
    const counts = results.map(errorCode).reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});
    expect(counts).toEqual({ INVALID_ARGUMENT: 5, RATE_LIMITED: 7 });
  });

  it('forgets earlier failures after a successful bind', async () => {
    for (let i = 0; i < 4; i++)
      expect(errorCode(await emu.call('account', 'bind', { studentNo: '2023010116', name: '错' }, 'wx-clumsy'))).toBe('INVALID_ARGUMENT');
    okData(await emu.call('account', 'bind', { studentNo: '2023010116', name: await nameOf('2023010116') }, 'wx-clumsy'));
    expect(await find('bindAttempts', { _id: 'wx-clumsy' })).toHaveLength(0);
  });

  it('refuses bad input before anything else', async () => {
    expect((await emu.call('account', 'bind', { studentNo: '', name: 'x' }, 'wx-x')).result).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'studentNo',
    });
    expect((await emu.call('account', 'bind', { studentNo: '1', name: 'x', openid: 'demo-admin' }, 'wx-x')).result).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'openid',
    });
    expect(errorCode(await emu.call('account', 'bind', { studentNo: '1', name: 'x' }))).toBe('UNAUTHENTICATED');
  });
});

describe('release', () => {
  it('lets the owner ask for release, the secretary see and release it, and the owner rebind', async () => {
    const name = await nameOf('2023010110'); // bound to wx-alice above
    const asked = okData(
      await emu.call<{ requested: true; secretaryName: string | null }>(
        'account',
        'requestRelease',
        { studentNo: '2023010110', name, note: '我换了手机' },
        'wx-real',
      ),
    );
    const secretary = (await find<RoleGrant>('roles', { orgId: 'org-cs-1', role: 'secretary' }))[0].name;
    expect(asked).toEqual({ requested: true, secretaryName: secretary });
    okData(await emu.call('account', 'requestRelease', { studentNo: '2023010110', name, note: '再问一次' }, 'wx-real'));
    expect(errorCode(await emu.call('account', 'requestRelease', { studentNo: '2023010110', name: '别人' }, 'wx-real'))).toBe(
      'INVALID_ARGUMENT',
    );

    const list = okData(await emu.call<ReleaseRequestView[]>('account', 'releaseRequests', { orgId: 'org-cs-1' }, 'demo-2023010101'));
    expect(list).toEqual([expect.objectContaining({ memberId: 'm-2023010110', studentNo: '2023010110', name, note: '我换了手机' })]);
    expect(okData(await emu.call<ReleaseRequestView[]>('account', 'releaseRequests', { orgId: 'org-cs' }, 'demo-general-cs'))).toHaveLength(
      1,
    );
    expect(errorCode(await emu.call('account', 'releaseRequests', { orgId: 'org-cs-1' }, 'demo-2023010104'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('account', 'release', { memberId: 'm-2023010110' }, 'demo-2023010201'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('account', 'release', { memberId: 'm-2023010110' }, 'demo-general-em'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('account', 'release', { memberId: 'm-0000' }, 'demo-admin'))).toBe('NOT_FOUND');

    expect(okData(await emu.call('account', 'release', { memberId: 'm-2023010110' }, 'demo-2023010101'))).toEqual({ released: true });
    expect((await member('m-2023010110')).openid).toBeNull();
    expect(okData(await emu.call<ReleaseRequestView[]>('account', 'releaseRequests', { orgId: 'org-cs-1' }, 'demo-2023010101'))).toEqual(
      [],
    );
    expect(errorCode(await emu.call('system', 'whoami', {}, 'wx-alice'))).toBe('OK');
    expect(okData(await emu.call<WhoAmI>('system', 'whoami', {}, 'wx-alice')).bound).toBe(false);
    const [entry] = await find<{ actor: string; before: unknown; after: unknown }>('audit', { target: 'm-2023010110', action: 'release' });
    expect(entry).toMatchObject({
      actor: 'demo-2023010101',
      before: { openid: 'wx-alice' },
      after: expect.objectContaining({ openid: null }),
    });

    expect(okData(await emu.call<BindResult>('account', 'bind', { studentNo: '2023010110', name }, 'wx-real')).memberId).toBe(
      'm-2023010110',
    );
  });

  it('releases a secretary: their grant loses the identity too', async () => {
    okData(await emu.call('account', 'release', { memberId: 'm-2023010301' }, 'demo-general-cs'));
    const grants = await find<RoleGrant>('roles', { holderId: 'm-2023010301' });
    expect(grants.every((g) => g.openid === null)).toBe(true);
    expect(errorCode(await emu.call<OrgView[]>('org', 'roots', {}, 'demo-2023010301'))).toBe('NOT_BOUND');
  });
});

describe('account.redeemInvite', () => {
  it('binds a staff account with its invite code once, and its grants follow', async () => {
    okData(await emu.call('org', 'setContactPoints', { holderId: 's-invited', orgIds: ['org-fl-1'] }, 'demo-admin'));
    const res = await emu.call<{ name: string; title: string }>('account', 'redeemInvite', { code: ' demo2026 ' }, 'wx-sun');
    expect(okData(res)).toEqual({ name: '孙老师', title: '外国语学院团总支副书记' });
    const s = (await find<Staff>('staff', { _id: 's-invited' }))[0];
    expect(s).toMatchObject({ openid: 'wx-sun', inviteCode: null });
    expect((await find<RoleGrant>('roles', { holderId: 's-invited' }))[0].openid).toBe('wx-sun');
    expect(okData(await emu.call<OrgView[]>('org', 'roots', {}, 'wx-sun')).map((o) => o.id)).toEqual(['org-fl-1']);
    expect(errorCode(await emu.call('account', 'redeemInvite', { code: 'DEMO2026' }, 'wx-other'))).toBe('INVALID_ARGUMENT');
    const [entry] = await find<{ action: string; after: unknown }>('audit', { target: 's-invited', action: 'redeemInvite' });
    expect(entry.after).toEqual({ openid: 'wx-sun', inviteCode: null });
  });

  it('redeems a code the admin just created, and rate-limits guessing', async () => {
    const created = okData(
      await emu.call<{ id: string; inviteCode: string }>('org', 'createStaff', { name: '吴老师', title: '辅导员' }, 'demo-admin'),
    );
    expect(okData(await emu.call('account', 'redeemInvite', { code: created.inviteCode }, 'wx-wu'))).toEqual({
      name: '吴老师',
      title: '辅导员',
    });
    const codes: string[] = [];
    for (let i = 0; i < 7; i++)
      codes.push(errorCode(await emu.call('account', 'redeemInvite', { code: `ZZZZZZZ${i + 2}` }, 'wx-code-guesser')));
    expect(codes).toEqual([...Array(5).fill('INVALID_ARGUMENT'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});
