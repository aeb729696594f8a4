/**
 * @strive-emulator
 *
 * wx.cloud.uploadFile and wx.cloud.getTempFileURL of the simulated weapp reach the emulator's storage:
 * 导入花名册 picks a spreadsheet from a chat, uploads it, and the roster function reads what arrived;
 * a temp URL serves the same bytes; 51 files in one getTempFileURL are refused, as CloudBase refuses them.
 */
import { fetchBytes, emulatorCloud } from './cloud-bridge';
import { DEMO, PERSONAS } from './personas';
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

test('导入花名册: a spreadsheet from a chat goes up with wx.cloud.uploadFile and imports', async () => {
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

test('wx.cloud.getTempFileURL: a missing file gets a failed item, and 51 files are refused', async () => {
  const missing = 'cloud://strive-dev.7374-strive-dev/nowhere/none.png';
  const { fileList } = await wxCloud().getTempFileURL({ fileList: [missing] });
  expect(fileList).toEqual([expect.objectContaining({ fileID: missing, status: -1, tempFileURL: '' })]);
  const many = Array.from({ length: 51 }, (_, i) => `cloud://strive-dev.7374-strive-dev/x/${i}.png`);
  await expect(wxCloud().getTempFileURL({ fileList: many })).rejects.toMatchObject({
    errMsg: expect.stringMatching(/^cloud\.getTempFileURL:fail .*50/),
  });
});
