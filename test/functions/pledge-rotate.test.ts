/**
 * 自动更换 (issue 9): the session page asks for a new key every minute; a replaced key keeps working for
 * KEY_GRACE_MS, an automatic key dies at KEY_MAX_AGE_MS whatever the page does, and a member who scanned
 * in time may still sign within SIGN_WINDOW_MS. Time moves on the emulator's clock; nothing sleeps.
 */
import type { FourLead } from '../../types/models';
import {
  KEY_GRACE_MS,
  KEY_MAX_AGE_MS,
  QR_STALE,
  ROTATE_EVERY_MS,
  SIGN_WINDOW_MS,
  type SessionView,
  type SignPageView,
} from '../../types/pledge';
import { seededEmulator, errorCode, okData, type CallResult, SECRETARY, MEMBER } from '../support/emulator';

const env = seededEmulator();
const { emu } = env;

const BRANCH = 'org-cs-1';
const ROUND = 'round-1';
const CADRE = 'demo-2023010102';
const SECOND = 1000;

const openSession = () => emu.call<SessionView>('pledge', 'openSession', { branchId: BRANCH, roundKey: ROUND }, SECRETARY);
const setAuto = (sessionId: string, auto: boolean) => emu.call<SessionView>('pledge', 'setAutoRotate', { sessionId, auto }, SECRETARY);
const tick = (sessionId: string) => emu.call<SessionView>('pledge', 'tickSession', { sessionId }, SECRETARY);
const scan = (scene: string, openid = MEMBER) => emu.call<SignPageView>('pledge', 'scan', { scene }, openid);
const message = (res: CallResult) => (res.result && !res.result.ok ? res.result.message : '');
const cadreItems = (): Record<FourLead, string[]> => ({
  conviction: ['每周参加一次理论学习并撰写心得体会', '每月向党组织汇报一次思想动态'],
  study: ['本学期所有课程成绩保持在八十五分以上', '每周帮助两名同学解答专业课问题'],
  results: ['带领团支部争创五四红旗团支部称号', '组织一次面向全院的专业技能竞赛'],
  morals: ['每月参加不少于四小时的志愿服务活动', '带头践行光盘行动与垃圾分类要求'],
});
async function sign(scene: string, openid: string): Promise<CallResult<{ signedAt: string }>> {
  const { name } = okData(await emu.call<{ name: string }>('system', 'whoami', {}, openid));
  return emu.call('pledge', 'sign', { scene, items: cadreItems(), signature: { kind: 'name', name } }, openid);
}

/** 自动更换 turned on: a fresh automatic key. */
async function autoSession(): Promise<SessionView> {
  const plain = okData(await openSession());
  const on = okData(await setAuto(plain.id, true));
  expect(on).toMatchObject({ auto: true, status: 'open' });
  expect(on.key).not.toBe(plain.key);
  // Turning it on replaced the key on screen at once, without grace (an old screenshot dies now).
  expect(errorCode(await scan(plain.scene))).toBe('CONFLICT');
  return on;
}

describe('pledge: 自动更换 keys', () => {
  it('replaces the key once a minute old; the replaced key works inside its grace and is refused after it', async () => {
    const first = await autoSession();
    expect(okData(await tick(first.id)).key).toBe(first.key); // not a minute old yet

    await emu.advanceClock(ROTATE_EVERY_MS + SECOND);
    const second = okData(await tick(first.id));
    expect(second.key).not.toBe(first.key);
    expect(second.auto).toBe(true);
    expect(new Date(second.issuedAt).getTime()).toBeGreaterThan(new Date(first.issuedAt).getTime());
    // Another page of the same secretary ticking with the old id gets the key now on screen.
    expect(okData(await tick(first.id)).key).toBe(second.key);

    // A scan during the change: the old key, 10 s after it was replaced, is inside the grace.
    await emu.advanceClock(10 * SECOND);
    expect(errorCode(await scan(first.scene))).toBe('OK');

    // Past the grace: refused with the page's own answer; the new key works.
    await emu.advanceClock(KEY_GRACE_MS - 10 * SECOND + SECOND);
    const late = await scan(first.scene);
    expect(errorCode(late)).toBe('CONFLICT');
    expect(message(late)).toBe(QR_STALE);
    expect(errorCode(await scan(second.scene))).toBe('OK');
  });

  it('an automatic key nobody replaces (the page went away) dies at its maximum age', async () => {
    const current = okData(await openSession());
    expect(current.auto).toBe(true);
    const fresh = okData(await tick(current.id)); // the previous test left a key about half a minute old
    await emu.advanceClock(KEY_MAX_AGE_MS - SECOND - (emu.now().getTime() - new Date(fresh.issuedAt).getTime()));
    expect(errorCode(await scan(fresh.scene))).toBe('OK');
    await emu.advanceClock(2 * SECOND);
    expect(message(await scan(fresh.scene))).toBe(QR_STALE);
    // The page comes back: its next tick issues a key that works.
    const back = okData(await tick(fresh.id));
    expect(back.key).not.toBe(fresh.key);
    expect(errorCode(await scan(back.scene))).toBe('OK');
  });

  it('a member who scanned in time may sign within the signing window, not after', async () => {
    const session = okData(await openSession());
    expect(errorCode(await scan(session.scene, CADRE))).toBe('OK');
    await emu.advanceClock(5 * 60 * SECOND); // still writing: the key is long stale for scanning
    expect(message(await scan(session.scene, CADRE))).toBe(QR_STALE);
    expect(errorCode(await sign(session.scene, CADRE))).toBe('OK');

    const later = okData(await tick(session.id));
    await emu.advanceClock(KEY_MAX_AGE_MS + SIGN_WINDOW_MS + SECOND);
    const tooLate = await sign(later.scene, CADRE);
    expect(errorCode(tooLate)).toBe('CONFLICT');
    expect(message(tooLate)).toBe(QR_STALE);
  });

  it('结束签名 ends the grace of replaced keys; turning 自动更换 off keeps the key on screen valid', async () => {
    const a = okData(await tick(okData(await openSession()).id));
    await emu.advanceClock(ROTATE_EVERY_MS + SECOND);
    const b = okData(await tick(a.id));
    expect(errorCode(await scan(a.scene))).toBe('OK'); // inside the grace
    okData(await emu.call('pledge', 'closeSession', { sessionId: b.id }, SECRETARY));
    expect(errorCode(await scan(a.scene))).toBe('CONFLICT');
    expect(message(await scan(a.scene))).not.toBe(QR_STALE);

    const plain = okData(await openSession());
    expect(plain.auto).toBe(false);
    const on = okData(await setAuto(plain.id, true));
    const off = okData(await setAuto(on.id, false));
    expect(off).toMatchObject({ key: on.key, auto: false });
    await emu.advanceClock(10 * 60 * SECOND);
    expect(okData(await tick(off.id)).key).toBe(on.key);
    expect(errorCode(await scan(on.scene))).toBe('OK');
  });
});
