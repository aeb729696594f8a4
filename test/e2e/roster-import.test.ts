/**
 * Issue 3 end to end, in a phone-sized chromium against the real `npm start`:
 * (1) the committee admin opens 组织管理 and sees the tree;
 * (2) the secretary of 计科2301班团支部 imports a csv with good and bad rows, reads the report, commits;
 * (3) a fresh WeChat identity binds to one of the imported rows and 我的 shows who they are.
 * Screenshots (test-results/screenshots/): org-tree, org-branch, mine-admin, staff-invite, leaders, mine-secretary,
 * import-report, import-done, members, mine-unbound, bind-error, bound-member.
 */
import type { Page } from 'playwright-core';
import { phonePage, screenshot } from '../support/browser';
import { useRunningApp } from '../support/running-app';

const CSV = [
  '学号,姓名,学院,班级,团小组,是否团员,职务',
  '2023019901,陈新一,计算机学院,计科2301班,第一团小组,是,',
  '2023019902,林新二,计算机学院,计科2301班,第二团小组,是,宣传委员',
  '2023019903,周新三,计算机学院,计科2301班,,否,',
  ',无学号,计算机学院,计科2301班,,是,',
  '2023019905,,计算机学院,计科2301班,,是,',
  '2023019906,错班级,计算机学院,软工2301班,,是,',
  '2023019901,重复者,计算机学院,计科2301班,,是,',
].join('\n');

const env = useRunningApp();

/** Waits until no toast is showing (toasts cover the content), then takes the screenshot. */
async function shot(page: Page, name: string): Promise<string> {
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((el) => {
        const style = getComputedStyle(el);
        return style.display === 'none' || style.opacity === '0';
      }),
    undefined,
    { timeout: 10_000 },
  );
  return screenshot(page, name);
}

async function signInAs(page: Page, openid: string): Promise<void> {
  await page.goto(`${env.app.url}/#/pages/local-login/index`);
  await page.click(`#identity-${openid}`);
  await page.waitForSelector('#whoami-card');
}

describe('organisation, roster import and real-name binding', () => {
  it('the admin opens 组织管理 and sees the tree', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-admin');
    await page.click('#mine-entry-org');
    await page.waitForSelector('#org-name');
    expect((await page.locator('#org-name').innerText()).trim()).toBe('校团委');
    await page.waitForSelector('.org-child');
    const children = (await page.locator('.org-child .row-title').allInnerTexts()).map((s) => s.trim());
    expect(children).toEqual(expect.arrayContaining(['计算机学院团总支', '经济管理学院团总支', '外国语学院团总支']));
    expect(Number(await page.locator('#org-member-count').innerText())).toBeGreaterThan(0);

    // One level down: the breadcrumb leads back to the committee.
    await page.click('#org-child-org-cs');
    await page.waitForSelector('#crumb-org-committee');
    expect((await page.locator('#org-name').innerText()).trim()).toBe('计算机学院团总支');
    await page.waitForSelector('#org-child-org-cs-1');
    await page.click('#org-child-org-cs-1');
    await page.waitForSelector('#org-assign-secretary');
    expect(await page.locator('.role-row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('团支部书记')]));
    await shot(page, 'org-branch');
    await page.click('#crumb-org-committee');
    await page.waitForSelector('#org-child-org-cs');
    console.log(`org tree screenshot: ${await shot(page, 'org-tree')}`);
  });

  it('the admin creates, renames, moves and archives a group, and hands a branch over to a new secretary', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-admin');
    await page.click('#mine-entry-org');
    await page.click('#org-child-org-em');
    await page.click('#org-child-org-em-1');
    await page.waitForSelector('#org-create');
    expect((await page.locator('#org-name').innerText()).trim()).toBe('会计2301班团支部');

    // Create a group.
    await page.click('#org-create');
    await page.fill('#org-create-sheet-input input', '第三团小组');
    await shot(page, 'org-create-sheet');
    await page.click('#org-create-sheet-ok');
    await page.waitForSelector('.org-child:has-text("第三团小组")');
    expect(await page.locator('#org-create-sheet').count()).toBe(0);

    // Open it and rename it.
    await page.click('.org-child:has-text("第三团小组")');
    await page.waitForFunction(() => document.getElementById('org-name')?.textContent?.trim() === '第三团小组');
    await page.click('#org-rename');
    await page.fill('#org-rename-sheet-input input', '第三团小组（新）');
    await page.click('#org-rename-sheet-ok');
    await page.waitForFunction(() => document.getElementById('org-name')?.textContent?.trim() === '第三团小组（新）');

    // Move it to 金融2301班团支部: browse 全部 → 校团委 → 经济管理学院团总支 and tick the branch.
    await page.click('#org-move');
    await page.waitForSelector('#org-move-sheet .picker-row');
    await page.click('#picker-row-org-committee .picker-open');
    await page.waitForSelector('#picker-row-org-em');
    await page.click('#picker-row-org-em .picker-open');
    await page.waitForSelector('#picker-row-org-em-2');
    await page.click('#picker-row-org-em-2 .check');
    await shot(page, 'org-move-sheet');
    await page.click('#org-move-sheet-ok');
    await page.click('.taro-model__btn:has-text("移动")');
    await page.waitForSelector('#crumb-org-em-2');
    expect(await page.locator('#org-crumbs').innerText()).toContain('金融2301班团支部');

    // Archive it (asks first), then restore it from the parent with 显示已归档.
    await page.click('#org-archive');
    await page.click('.taro-model__btn:has-text("归档")');
    await page.waitForSelector('#org-archived-tag');
    await page.click('#crumb-org-em-2');
    await page.waitForSelector('#org-child-org-em-2-g1');
    expect(await page.locator('.org-child:has-text("第三团小组（新）")').count()).toBe(0);
    await page.click('#org-show-archived');
    await page.waitForSelector('.org-child.row-archived:has-text("第三团小组（新）")');

    // Secretary handover on 会计2301班团支部: pick a member by 学号.
    await page.click('#crumb-org-em');
    await page.click('#org-child-org-em-1');
    await page.waitForSelector('#org-assign-secretary');
    const before = await page.locator('.role-row:has-text("团支部书记")').innerText();
    await page.click('#org-assign-secretary');
    await page.fill('#holder-search input', '2023020105');
    await page.click('#org-assign-sheet .search-button');
    await page.waitForSelector('#holder-m-2023020105');
    await shot(page, 'org-assign-sheet');
    const newName = (await page.locator('#holder-m-2023020105 .row-title').innerText()).trim();
    await page.click('#holder-m-2023020105');
    await page.click('.taro-model__btn:has-text("交接")');
    await page.waitForFunction(
      (name) =>
        Array.from(document.querySelectorAll('.role-row')).some(
          (r) => r.textContent?.includes(name) && r.textContent.includes('团支部书记'),
        ),
      newName,
    );
    const after = await page.locator('.role-row:has-text("团支部书记")').allInnerTexts();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toEqual(before);
  });

  it('the admin creates a staff account and sees its invite code; the leading group lists contact points', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-admin');
    await page.waitForSelector('#mine-entry-staff');
    await shot(page, 'mine-admin');
    await page.click('#mine-entry-staff');
    await page.waitForSelector('.staff-row');
    await page.click('#staff-create');
    // One field at a time, as a person types: each must hold its text before the next is filled (a fill that lands
    // while the sheet re-renders from the previous field's input can be reset by Taro's controlled H5 input).
    for (const [key, text] of [
      ['name', '周老师'],
      ['title', '计算机学院团总支副书记'],
    ] as const) {
      const selector = `#staff-create-sheet-input-${key} input`;
      for (let attempt = 1; ; attempt++) {
        await page.fill(selector, text);
        const held = await page
          .waitForFunction(([sel, want]) => (document.querySelector(sel) as HTMLInputElement | null)?.value === want, [selector, text], {
            timeout: 2_000,
          })
          .then(() => true)
          .catch(() => false);
        if (held) break;
        if (attempt === 3) throw new Error(`${selector} did not keep “${text}”`);
      }
    }
    // Both fields must hold what was typed before 创建 is tapped.
    await page.waitForFunction(() =>
      ['name', 'title'].every((k) => (document.querySelector(`#staff-create-sheet-input-${k} input`) as HTMLInputElement | null)?.value),
    );
    await page.click('#staff-create-sheet-ok');
    await page.waitForSelector('#staff-created-code, #staff-create-sheet-error');
    expect(await page.locator('#staff-create-sheet-error').count()).toBe(0);
    expect((await page.locator('#staff-created-code').innerText()).trim()).toMatch(/^[A-Z0-9]{6,}$/);
    await shot(page, 'staff-invite');

    await page.goBack();
    await page.waitForSelector('#mine-entry-leaders');
    await page.click('#mine-entry-leaders');
    await page.waitForSelector('.leader-card');
    expect((await page.locator('.contact-point').allInnerTexts()).map((s) => s.trim())).toEqual(
      expect.arrayContaining(['计科2301班团支部']),
    );
    await shot(page, 'leaders');
  });

  it('the branch secretary imports a csv: report with bad rows, then commit until done', async () => {
    const page = await phonePage(env.browser);
    await signInAs(page, 'demo-2023010101');
    await page.waitForSelector('#mine-entry-import');
    expect(await page.locator('#mine-entry-org').count()).toBe(1);
    expect(await page.locator('#mine-entry-staff').count()).toBe(0);
    await shot(page, 'mine-secretary');
    await page.click('#mine-entry-import');
    await page.waitForSelector('#import-org-name');
    expect(await page.locator('#import-org-name').innerText()).toContain('计科2301班团支部');

    await page.setInputFiles('#import-file-input', {
      name: '计科2301班花名册.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.waitForSelector('#import-report', { timeout: 30_000 });
    expect((await page.locator('#import-to-create').innerText()).trim()).toBe('3');
    expect((await page.locator('#import-error-count').innerText()).trim()).toBe('4');
    const lines = (await page.locator('.import-error-row .import-error-line').allInnerTexts()).map((s) => s.trim());
    expect(lines).toEqual(['第 5 行', '第 6 行', '第 7 行', '第 8 行']);
    expect(await page.locator('#import-error-row-5 .import-error-reason').innerText()).toContain('缺少学号');
    expect(await page.locator('#import-error-row-6 .import-error-reason').innerText()).toContain('缺少姓名');
    expect(await page.locator('#import-error-row-8 .import-error-reason').innerText()).toContain('重复');
    console.log(`import report screenshot: ${await shot(page, 'import-report')}`);

    await page.click('#import-commit');
    await page.waitForSelector('#import-done', { timeout: 60_000 });
    expect(await page.locator('#import-done-summary').innerText()).toContain('新增 3 人');
    await shot(page, 'import-done');

    // The roster now lists them.
    await page.click('#import-view-members');
    await page.fill('#members-search input', '陈新一');
    await page.click('#members-search-button');
    await page.waitForFunction(() => document.getElementById('members-total')?.textContent?.includes('“陈新一” 共 1 人'));
    expect(await page.locator('.member-row .member-student-no').innerText()).toContain('2023019901');
    await page.fill('#members-search input', '');
    await page.click('#members-search-button');
    await page.waitForFunction(() => /^共 \d+ 人$/.test(document.getElementById('members-total')?.textContent?.trim() ?? ''));
    expect(await page.locator('#members-total').innerText()).toContain('共 28 人');
    await shot(page, 'members');
  });

  it('a newly imported member binds with 学号 + 姓名 and 我的 shows them', async () => {
    const page = await phonePage(env.browser);
    await page.goto(`${env.app.url}/#/pages/local-login/index`);
    const res = await page.request.post(`${env.app.url}/api/local/sign-in`, { data: { openid: 'e2e-new-member' } });
    expect(res.ok()).toBe(true);
    await page.goto(`${env.app.url}/#/pages/mine/index`);
    await page.waitForSelector('#whoami-unbound');
    await shot(page, 'mine-unbound');
    await page.click('#mine-bind');
    await page.waitForSelector('#bind-form');

    // A wrong name first: the server's message is shown.
    await page.fill('#bind-student-no input', '2023019901');
    await page.fill('#bind-name input', '陈新');
    await page.click('#bind-submit');
    await page.waitForSelector('#bind-error');
    expect((await page.locator('#bind-error').innerText()).length).toBeGreaterThan(0);
    await shot(page, 'bind-error');

    await page.fill('#bind-name input', '陈新一');
    await page.click('#bind-submit');
    await page.waitForSelector('#whoami-org-path', { timeout: 20_000 });
    expect((await page.locator('#whoami-name').innerText()).trim()).toBe('陈新一');
    expect(await page.locator('#whoami-org-path').innerText()).toContain('校团委 / 计算机学院团总支 / 计科2301班团支部');
    expect(await page.locator('#whoami-student-no').innerText()).toContain('2023019901');
    console.log(`bound member screenshot: ${await shot(page, 'bound-member')}`);
  });
});
