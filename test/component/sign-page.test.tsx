/** The 四带头 sign page's states against a real HTTP server: invalid QR, unbound → bind with redirect, waiting for cadres, the form. */
import { render, waitFor } from '@testing-library/react';
import SignPage from '../../src/package-pledge/sign';
import type { SignPageView } from '../../types/pledge';
import { apiServerPerTest, byId, failure, success } from './helpers';
import { redirectTo, setRouterParams } from './taro-shim';

const server = apiServerPerTest();
const SCENE = 'k=AbCdEf123456';

beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => null });
});

beforeEach(async () => {
  redirectTo.mockClear();
  // as a 小程序码 hands it over: URL-encoded
  setRouterParams({ scene: encodeURIComponent(SCENE) });
  server.handle(
    '/api/functions/system',
    success({ bound: true, name: '张敏', studentNo: '2023010104', isCadre: false, post: null, orgPath: [], roles: [] }),
  );
  server.handle(
    '/api/functions/campaign',
    success({
      campaign: {
        id: 'campaign-demo',
        title: 't',
        phases: [],
        stages: [],
        rounds: [],
        rules: { member: { itemsPerLead: 1, minLength: 4 }, cadre: { itemsPerLead: 2, minLength: 10 } },
      },
      today: '2026-11-24',
      currentStage: 'pledge',
      currentRound: null,
      todos: [],
    }),
  );
});

const view = (over: Partial<SignPageView> = {}): SignPageView => ({
  sessionKey: 'AbCdEf123456',
  branchId: 'org-cs-1',
  branchName: '计科2301班团支部',
  roundKey: 'round-1',
  theme: '牢记宗旨为民服务、庆祝建党90周年',
  deadline: '2999-12-31',
  isCadre: false,
  rule: { itemsPerLead: 1, minLength: 4 },
  cadresPending: 0,
  mine: null,
  ...over,
});

test('an expired or invalid QR shows a full-page message', async () => {
  server.handle('/api/functions/pledge', failure('NOT_FOUND', '二维码已失效'));
  render(<SignPage />);
  await waitFor(() => expect(byId('sign-invalid')).not.toBeNull());
  expect(byId('sign-invalid')?.textContent).toContain('二维码无效或已过期');
  expect(server.received[0].body).toEqual({ action: 'scan', payload: { scene: SCENE } });
});

test('a rotated session (CONFLICT) is also an invalid QR; a foreign scene is refused without a request', async () => {
  server.handle('/api/functions/pledge', failure('CONFLICT', '签名已结束'));
  const first = render(<SignPage />);
  await waitFor(() => expect(byId('sign-invalid')).not.toBeNull());
  first.unmount();

  const before = server.received.length;
  setRouterParams({ scene: 'something-else' });
  render(<SignPage />);
  await waitFor(() => expect(byId('sign-invalid')).not.toBeNull());
  expect(server.received.length).toBe(before);
});

test('an unbound visitor is sent to 实名绑定 with a redirect back to this scene', async () => {
  server.handle('/api/functions/pledge', failure('NOT_BOUND', ''));
  render(<SignPage />);
  await waitFor(() => expect(redirectTo).toHaveBeenCalled());
  const url = (redirectTo.mock.calls[0][0] as { url: string }).url;
  expect(url).toBe(`/pages/bind/index?redirect=${encodeURIComponent(`/package-pledge/sign/index?scene=${encodeURIComponent(SCENE)}`)}`);
  expect(byId('sign-unbound')).not.toBeNull();
});

test('another branch’s QR shows a message', async () => {
  server.handle('/api/functions/pledge', failure('FORBIDDEN', ''));
  render(<SignPage />);
  await waitFor(() => expect(byId('sign-forbidden')).not.toBeNull());
});

test('members wait while cadres have not signed; cadres see 团干部标准 and one input per required item', async () => {
  server.handle('/api/functions/pledge', success(view({ cadresPending: 2 })));
  const first = render(<SignPage />);
  await waitFor(() => expect(byId('sign-waiting')).not.toBeNull());
  expect(byId('sign-waiting-count')?.textContent).toContain('2');
  expect(byId('sign-form')).toBeNull();
  first.unmount();

  server.handle('/api/functions/pledge', success(view({ cadresPending: 2, isCadre: true, rule: { itemsPerLead: 2, minLength: 10 } })));
  render(<SignPage />);
  await waitFor(() => expect(byId('sign-form')).not.toBeNull());
  expect(byId('sign-cadre-tag')?.textContent).toBe('团干部标准');
  expect(byId('sign-rule-hint')?.textContent).toContain('10');
  expect(byId('sign-item-conviction-1')).not.toBeNull();
  expect(byId('sign-item-conviction-2')).toBeNull();
  expect(document.querySelectorAll('.sign-lead-name')).toHaveLength(4);
});

test('a signed pledge shows 已签署 with the signature and the time', async () => {
  server.handle(
    '/api/functions/pledge',
    success(
      view({
        mine: {
          items: { conviction: ['坚定信念'], study: ['刻苦学习'], results: ['争创佳绩'], morals: ['弘扬新风'] },
          signatureUrl: 'http://x/sig.png',
          signedAt: '2026-11-24T02:28:00.000Z',
        },
      }),
    ),
  );
  render(<SignPage />);
  await waitFor(() => expect(byId('sign-done')).not.toBeNull());
  expect(byId('sign-done-time')?.textContent).toContain('2026-11-24 10:28');
  expect(byId('sign-signature-image')).not.toBeNull();
  expect(byId('sign-resign')).not.toBeNull();
});
