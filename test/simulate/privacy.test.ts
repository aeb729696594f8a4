/**
 * @strive-emulator
 *
 * WeChat's user-privacy flow across pages. wx.onNeedPrivacyAuthorization keeps one listener for the whole
 * app: the last one registered. The app registers it once (src/app.ts → PrivacySheet/flow.ts) and hands
 * each request to the <PrivacySheet /> of the page in front, so after 发布活动 has closed, 导入花名册's
 * chooseMessageFile still gets a sheet the person can answer (issue 9; this was a known bug).
 */
import { emulatorCloud } from './cloud-bridge';
import { DEMO, PERSONAS } from './personas';
import { assertBuilt, dismissPrivacyRequests, host, installHost, launchApp, openPage, waitFor } from './weapp-host';

assertBuilt();
jest.setTimeout(30_000);
installHost();
host.backend = emulatorCloud(() => PERSONAS.secretary.openid);
launchApp('pages/mine/index');

test('after 发布活动, 导入花名册 asks for privacy consent with a sheet the person can answer', async () => {
  const post = openPage('package-fulfil/post/index', { orgId: DEMO.branch._id, roundKey: DEMO.campaign.rounds[0].key });
  await waitFor(() => post.text().includes('发布活动'), 'the 发布活动 form');
  await post.close();

  host.picks.push({ name: '花名册.csv', content: Buffer.from('学号,姓名,学院,班级\n', 'utf8') });
  const page = openPage('package-admin/import/index', { orgId: DEMO.branch._id });
  try {
    const pick = await waitFor(
      () => page.text().includes('从微信聊天中选择表格') && page.component.querySelector('#import-pick'),
      'the pick card',
    );
    pick.dispatchEvent('tap');
    await waitFor(() => host.privacy.asked.includes('chooseMessageFile'), 'WeChat to ask for consent');
    await waitFor(() => page.component.querySelector('#privacy-agree'), 'a privacy sheet on 导入花名册', 3000);
  } finally {
    // The picker still waits for consent nobody can give: dismiss it, as closing WeChat's popup would.
    dismissPrivacyRequests();
    await page.close();
  }
});
