/**
 * @strive-emulator
 *
 * 签署“四带头”承诺 in the weapp, opened from the branch's 小程序码 (onLoad gets the scene): a cadre
 * writes two commitments per lead, signs on the 2D canvas, and the signature image goes up with
 * wx.cloud.uploadFile before pledge.sign records it; the page then shows 已签署 with the stored image.
 */
import type { SessionView } from '../../types/pledge';
import { FOUR_LEADS, FOUR_LEAD_NAMES } from '../../types/models';
import { callAs, emulatorCloud, fetchBytes } from './cloud-bridge';
import { DEMO, PERSONAS } from './personas';
import { assertBuilt, host, installHost, launchApp, openPage, settled, waitFor, wxCloud } from './weapp-host';

assertBuilt();
jest.setTimeout(30_000);
installHost();
host.backend = emulatorCloud(() => PERSONAS.cadre.openid);
launchApp('pages/home/index');

test('a cadre signs with a drawn signature: uploadFile, then pledge.sign, then 已签署 with the image', async () => {
  const { scene } = await callAs<SessionView>(PERSONAS.secretary.openid, 'pledge', 'openSession', {
    branchId: DEMO.branch._id,
    roundKey: DEMO.campaign.rounds[0].key,
  });
  const page = openPage('package-pledge/sign/index', { scene });
  try {
    await waitFor(
      () => page.text().includes('确认签署') && page.text().includes('团干部标准'),
      () => `the form; the page reads ${page.text()}`,
    );
    for (const lead of FOUR_LEADS) {
      for (const i of [0, 1]) {
        const input = await waitFor(() => page.component.querySelector(`#sign-item-${lead}-${i}`), `input ${lead}-${i}`);
        input.dispatchEvent('input', { detail: { value: `我承诺在${FOUR_LEAD_NAMES[lead]}方面做到第${i + 1}条具体要求` } });
      }
    }
    // The pad finds its <canvas type="2d"> node with a selector query after mounting; a finger comes later.
    await waitFor(() => host.answeredQueries.includes('#signature-canvas'), 'the signature pad to find its canvas');
    const canvas = await waitFor(() => page.component.querySelector('#signature-canvas'), 'the signature canvas');
    canvas.dispatchEvent('touchstart', { touches: [{ x: 10, y: 10 }] });
    for (const x of [20, 30, 40, 50, 60]) canvas.dispatchEvent('touchmove', { touches: [{ x, y: x / 2 }] });
    canvas.dispatchEvent('touchend', {});
    await waitFor(() => !page.text().includes('请在此处手写签名'), 'the stroke to register');
    (await waitFor(() => page.component.querySelector('#sign-submit'), 'the submit button')).dispatchEvent('tap');
    await waitFor(
      () => page.text().includes('已签署'),
      () => `已签署; the page reads ${page.text()}`,
    );
    await settled();

    const sign = host.calls.find((c) => c.data.action === 'sign');
    const signature = (sign?.data.payload as { signature?: { kind: string; fileID?: string } } | undefined)?.signature;
    expect(signature?.kind).toBe('image');
    expect(signature?.fileID).toMatch(/\/pledge-signatures\//);
    const { fileList } = await wxCloud().getTempFileURL({ fileList: [signature?.fileID ?? ''] });
    const stored = await fetchBytes(fileList[0].tempFileURL);
    expect([stored.status, stored.body.subarray(1, 4).toString()]).toEqual([200, 'PNG']);
    expect(JSON.stringify(page.component.data)).toContain('/storage/pledge-signatures/');
  } finally {
    await page.close();
  }
});
