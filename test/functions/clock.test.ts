/**
 * One clock (issue 7 §3): the emulator's clock moves a week ahead and the product follows it unchanged,
 * through the real router, wx-server-sdk and emulator with the seeded demo (today: 公开承诺, round 1, whose
 * deadline is 4 days away; 点评总结 starts in 5 days — scripts/demo-data.ts). The functions read the moved
 * time through `new Date()` in their instance and `db.serverDate()`; nothing sleeps, the test process's
 * Date is real.
 */
import type { Timeline } from '../../types/campaign';
import { addDays, shanghaiDay } from '../../types/time';
import { seededEmulator, DAY_MS, okData, GS, SECRETARY, MEMBER } from '../support/emulator';
import { submitOrgPledge } from '../fixtures/campaign';

const env = seededEmulator();
const { emu, find } = env;

const WEEK_MS = 7 * DAY_MS;

const timelineOf = async (openid: string) => okData(await emu.call<Timeline>('campaign', 'timeline', {}, openid));
const submit = (orgId: string, openid: string) => submitOrgPledge(emu, orgId, '承诺', openid);
async function one<T>(coll: string, where: Record<string, unknown>): Promise<T> {
  const found = await find<T>(coll, where);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('the clock moved a week ahead', () => {
  it('campaign.timeline: the stage changes from 公开承诺 (pledge) to 点评总结 (review) and the round from 1 to 2', async () => {
    const before = await timelineOf(MEMBER);
    expect(before.today).toBe(shanghaiDay(new Date()));
    expect(before.currentStage).toBe('pledge');
    expect(before.currentRound?.key).toBe('round-1');

    const moved = await emu.advanceClock(WEEK_MS);
    expect(moved.offsetMs).toBe(WEEK_MS);

    const after = await timelineOf(MEMBER);
    expect(after.today).toBe(addDays(before.today, 7));
    expect(after.today).toBe(shanghaiDay(emu.now()));
    expect(after.currentStage).toBe('review');
    expect(after.currentRound?.key).toBe('round-2');
  });

  it('a deadline passes: round 1 is now late, stamped with the moved time by Date and by db.serverDate()', async () => {
    const real = Date.now();
    const pledge = okData(await submit('org-cs', GS));
    expect(pledge.late).toBe(true);
    const stored = await one<{ submittedAt: Date }>('orgPledges', { _id: pledge.id });
    const audit = await one<{ at: Date }>('audit', { action: 'submitOrgPledge', target: pledge.id });
    for (const at of [stored.submittedAt, audit.at]) {
      expect(at).toBeInstanceOf(Date);
      expect(at.getTime()).toBeGreaterThanOrEqual(real + WEEK_MS);
      expect(at.getTime()).toBeLessThanOrEqual(emu.now().getTime());
    }
  });

  it('back to real time: the pledge stage again, and a pledge made now is on time', async () => {
    const moved = await emu.setClockOffset(0);
    expect(moved.offsetMs).toBe(0);
    expect((await timelineOf(MEMBER)).currentStage).toBe('pledge');
    const pledge = okData(await submit('org-cs-1', SECRETARY));
    expect(pledge.late).toBe(false);
    const audit = await one<{ at: Date }>('audit', { action: 'submitOrgPledge', target: pledge.id });
    expect(Math.abs(audit.at.getTime() - Date.now())).toBeLessThan(60_000);
  });
});
