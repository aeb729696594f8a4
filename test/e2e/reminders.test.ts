import type { Page } from 'playwright-core';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';
import { untilMorning } from '../support/emulator';
import type { LocalClock } from '../../types/app';

// Issue 10 as people live it in local mode: a member taps 提醒我 on the stage timeline and accepts (the consent
// sheet stands in for WeChat's popup), the admin moves the clock a week on 本地工具, the notify timer runs, and
// the member's 本地消息 shows the 点评总结 stage reminder; the admin sees who the reminder did not reach.
const env = useRunningApp();

async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-card');
}

describe('reminders in a phone-sized browser', () => {
  it('a member subscribes, the admin moves the clock a week, the reminder arrives in 本地消息', async () => {
    const member = await phonePage(env.browser);
    await signIn(member, 'demo-2023010104');
    await member.goto(`${env.app.url}/#/pages/home/index`);
    await member.waitForSelector('#home-remind .remind-button, #home-remind');
    await member.waitForSelector('.remind-credits');
    expect(await member.locator('.remind-credits').innerText()).toContain('未开启');
    await member.click('#home-remind');
    await member.waitForSelector('#home-remind-sheet');
    expect(await member.locator('#home-remind-sheet').innerText()).toContain('活动阶段提醒');
    console.log(`consent sheet: ${await screenshot(member, 'remind-consent-sheet')}`);
    await member.click('#home-remind-allow');
    await member.waitForFunction(() => document.querySelector('.remind-credits')?.textContent?.includes('可接收 1 条'));

    await member.goto(`${env.app.url}/#/package-notify/reminders/index`);
    await member.waitForSelector('#reminder-stage .reminder-remaining');
    expect(await member.locator('#reminder-stage .reminder-remaining').innerText()).toContain('还可接收 1 条');
    expect(await member.locator('#reminder-deadline .reminder-remaining').innerText()).toContain('未订阅');
    console.log(`消息提醒: ${await screenshot(member, 'reminders')}`);

    const admin = await phonePage(env.browser);
    await signIn(admin, 'demo-admin');
    await admin.goto(`${env.app.url}/#/package-local/tools/index`);
    await admin.waitForSelector('#clock-advance-week');
    await admin.click('#clock-advance-week');
    await admin.waitForFunction(() => document.querySelector('#clock-result')?.textContent?.includes('notify/notifySender'), undefined, {
      timeout: 60_000,
    });

    // Non-urgent reminders wait out the quiet hours (22:00–07:00 Shanghai): when this runs at night, the week
    // lands at night too, so move on to the morning as the admin would wait for it.
    const clock = (await (await fetch(`${env.app.url}/api/_emulator/clock`)).json()) as LocalClock;
    const wait = untilMorning(new Date(clock.now));
    if (wait > 0) {
      await fetch(`${env.app.url}/api/_emulator/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: wait }),
      });
    }

    await member.goto(`${env.app.url}/#/package-local/inbox/index`);
    await member.waitForSelector('.inbox-message');
    const message = await member.locator('.inbox-message').first().innerText();
    expect(message).toContain('local-tmpl-stage');
    expect(message).toContain('点评总结');
    console.log(`本地消息: ${await screenshot(member, 'reminder-inbox')}`);

    await admin.goto(`${env.app.url}/#/package-notify/unreachable/index?orgId=org-committee`);
    await admin.waitForSelector('#reach-event-0');
    expect(await admin.locator('#reach-event-0').innerText()).toContain('阶段开始');
    await admin.click('#reach-event-0');
    await admin.waitForSelector('#reach-copy');
    const people = await admin.locator('.reach-person').count();
    expect(people).toBeGreaterThan(100);
    expect(await admin.locator('#reach-list').innerText()).toContain('未绑定微信');
    console.log(`提醒送达: ${await screenshot(admin, 'unreachable')}`);
  });
});
