/**
 * @strive-emulator
 *
 * wx.cloud.uploadFile and wx.cloud.getTempFileURL of the simulated weapp reach the emulator's storage:
 * 导入花名册 picks a spreadsheet from a chat, uploads it, and the roster function reads what arrived;
 * 发布活动 uploads a photo (after the privacy sheet) with progress and posts the activity; a temp URL
 * serves the same bytes; 51 files in one getTempFileURL are refused, as CloudBase refuses them.
 */
import { fetchBytes, emulatorCloud } from './cloud-bridge';
import { DEMO, PERSONAS } from './personas';
import { PNG } from 'pngjs';
import { assertBuilt, host, installHost, launchApp, openPage, waitFor, wxCloud } from './weapp-host';

assertBuilt();
jest.setTimeout(30_000);
installHost();
host.backend = emulatorCloud(() => PERSONAS.secretary.openid);
launchApp('pages/mine/index');

const { branch, college } = DEMO;
const existing = DEMO.branchMembers[5];
const csv = [
  '学号,姓名,学院,班级',
  `${existing.studentNo},${existing.name},${college.name.replace(/团总支$/, '')},${branch.name.replace(/团支部$/, '')}`,
  `2099123401,测试同学,${college.name.replace(/团总支$/, '')},${branch.name.replace(/团支部$/, '')}`,
].join('\n');

/** A small photo: a colour gradient, so it is no blank image. */
function photoPng(): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < png.data.length; i += 4) {
    const p = i / 4;
    png.data[i] = (p * 7) % 256;
    png.data[i + 1] = (p * 3) % 256;
    png.data[i + 2] = 180;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

test('导入花名册: a spreadsheet from a chat goes up with wx.cloud.uploadFile and imports', async () => {
  // The person agreed to the privacy guide before (发布活动 below walks through the sheet).
  host.privacy = { agreed: true, asked: [] };
  host.picks.push({ name: '花名册.csv', content: Buffer.from(csv, 'utf8') });
  const page = openPage('package-admin/import/index', { orgId: branch._id });
  try {
    const pick = await waitFor(
      () => page.text().includes('从微信聊天中选择表格') && page.component.querySelector('#import-pick'),
      'the pick card',
    );
    pick.dispatchEvent('tap');
    await waitFor(
      () => page.text().includes('确认导入 2 行'),
      () => `the report; the page reads ${page.text().slice(0, 600)}`,
    );

    const preview = host.calls.find((c) => c.data.action === 'previewImport');
    const fileID = (preview?.data.payload as { fileID?: string } | undefined)?.fileID ?? '';
    expect(fileID).toMatch(new RegExp(`^cloud://.+/roster-imports/${branch._id}/\\d{8}-[a-z0-9]+-.+\\.csv$`));
    const { fileList } = await wxCloud().getTempFileURL({ fileList: [fileID] });
    expect(fileList[0].status).toBe(0);
    expect((await fetchBytes(fileList[0].tempFileURL)).body.toString('utf8')).toBe(csv);

    (await waitFor(() => page.component.querySelector('#import-commit'), 'the commit button')).dispatchEvent('tap');
    await waitFor(
      () => page.text().includes('新增 1 人，更新 0 人，无变化 1 人'),
      () => `the summary; the page reads ${page.text().slice(0, 600)}`,
    );
  } finally {
    await page.close();
  }
});

test('发布活动: a photo waits for the privacy sheet, goes up as an UploadTask, and the activity reaches the feed', async () => {
  host.privacy = { agreed: false, asked: [] };
  host.picks.push({ name: 'photo.png', content: photoPng() });
  const round = DEMO.campaign.rounds[0].key;
  const page = openPage('package-fulfil/post/index', { orgId: branch._id, roundKey: round });
  try {
    const add = await waitFor(() => page.component.querySelector('#post-photos-add'), 'the add-photo tile');
    add.dispatchEvent('tap');
    // chooseMedia is a privacy API: WeChat asks the page's sheet first and waits for 同意.
    const agree = await waitFor(() => page.component.querySelector('#privacy-agree'), 'the privacy sheet');
    expect(host.privacy.asked).toEqual(['chooseMedia']);
    agree.dispatchEvent('tap');
    await waitFor(
      () => page.text().includes('已上传'),
      () => `the uploaded tile; the page reads ${page.text().slice(0, 400)}`,
    );

    const type = async (selector: string, value: string) =>
      (await waitFor(() => page.component.querySelector(selector), selector)).dispatchEvent('input', { detail: { value } });
    await type('#post-title', '社区志愿服务');
    await type('#post-body', '全班到社区开展志愿服务，帮助老人学习使用智能手机。');
    (await waitFor(() => page.component.querySelector('#post-good-activities'), 'a 四好 tag')).dispatchEvent('tap');
    (await waitFor(() => page.component.querySelector('#post-submit'), 'the submit button')).dispatchEvent('tap');
    await waitFor(
      () => host.navigations.some((n) => n.api === 'redirectTo' && n.url.startsWith('/package-fulfil/feed/index')),
      () => `the redirect to the feed; the page reads ${page.text().slice(0, 600)}; failed: ${host.callFailures.join(' | ')}`,
    );
    const posted = host.calls.find((c) => c.data.action === 'postActivity')?.data.payload as { photos?: string[] } | undefined;
    expect(posted?.photos).toEqual([expect.stringMatching(/^cloud:\/\/.+\.png$/)]);
  } finally {
    await page.close();
  }
  const feed = openPage('package-fulfil/feed/index', { orgId: branch._id });
  try {
    await waitFor(
      () => feed.text().includes('社区志愿服务'),
      () => `the activity in the feed; it reads ${feed.text().slice(0, 400)}`,
    );
  } finally {
    await feed.close();
  }
});

test('wx.cloud.getTempFileURL: a missing file gets a failed item, and 51 files are refused', async () => {
  const missing = 'cloud://strive-dev.7374-strive-dev/nowhere/none.png';
  const { fileList } = await wxCloud().getTempFileURL({ fileList: [missing] });
  expect(fileList).toEqual([expect.objectContaining({ fileID: missing, status: -1, tempFileURL: '' })]);
  const many = Array.from({ length: 51 }, (_, i) => `cloud://strive-dev.7374-strive-dev/x/${i}.png`);
  await expect(wxCloud().getTempFileURL({ fileList: many })).rejects.toMatchObject({
    errMsg: expect.stringMatching(/^cloud\.getTempFileURL:fail .*50/),
  });
});
