/**
 * 提醒我 (components/RemindButton) against a real HTTP server: in H5 local mode the consent sheet stands in for
 * WeChat's popup (emulator first, then the ledger); in the weapp, Taro.requestSubscribeMessage is called inside
 * the tap itself, before anything is awaited (WeChat refuses the popup otherwise), then the ledger records it.
 */
import { render, waitFor } from '@testing-library/react';
import type { MyReminders, TemplateKey } from '../../types/notify';
import RemindButton from '../../src/components/RemindButton';
import { apiServerPerTest, byId, click, success } from './helpers';
import Taro from './taro-shim';

const server = apiServerPerTest();

const reminders = (stage: number): MyReminders => ({
  templates: (['stage', 'deadline', 'task', 'result'] as TemplateKey[]).map((key) => ({
    key,
    title: key === 'stage' ? '活动阶段提醒' : key,
    description: '',
    templateId: `local-tmpl-${key}`,
    remaining: key === 'stage' ? stage : 0,
    events: [],
  })),
});

beforeEach(async () => {
  let credits = 0;
  server.handle('/api/functions/notify', (body) => {
    const action = (body as { action: string }).action;
    if (action === 'recordConsent') credits += 1;
    return success(reminders(credits));
  });
  server.handle('/api/_emulator/subscribe', { body: { errMsg: 'requestSubscribeMessage:ok', 'local-tmpl-stage': 'accept' } });
});
afterEach(async () => {
  (globalThis as { IS_H5?: boolean }).IS_H5 = true;
});

const posted = () => server.received.filter((r) => r.method === 'POST').map((r) => `${r.url} ${JSON.stringify(r.body)}`);

test('H5: the consent sheet asks for the stage template; 允许 grants it in the emulator, then records it', async () => {
  render(<RemindButton id="r" kinds={['stageStart']} />);
  await waitFor(() => expect(document.querySelector('.remind-credits')?.textContent).toBe('未开启'));
  click('r');
  await waitFor(() => expect(byId('r-sheet')).not.toBeNull());
  expect(byId('r-item-stage')?.textContent).toContain('活动阶段提醒');
  expect(byId('r-item-deadline')).toBeNull();
  click('r-allow');
  await waitFor(() => expect(document.querySelector('.remind-credits')?.textContent).toBe('可接收 1 条'));
  expect(byId('r-sheet')).toBeNull();
  expect(posted()).toEqual([
    '/api/functions/notify {"action":"myReminders","payload":{}}',
    '/api/_emulator/subscribe {"tmplIds":["local-tmpl-stage"],"answers":{"local-tmpl-stage":"accept"}}',
    '/api/functions/notify {"action":"recordConsent","payload":{"accepted":["stage"]}}',
  ]);
});

test('weapp: requestSubscribeMessage runs inside the tap, before any await; only accepted templates are recorded', async () => {
  render(<RemindButton id="r" kinds={['signingOpen', 'pledgeDue3d']} />);
  await waitFor(() => expect(document.querySelector('.remind-credits')?.textContent).toBe('未开启'));
  (globalThis as { IS_H5?: boolean }).IS_H5 = false;
  const request = jest.fn(() =>
    Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'local-tmpl-task': 'accept', 'local-tmpl-deadline': 'reject' }),
  );
  (Taro as unknown as { requestSubscribeMessage: typeof request }).requestSubscribeMessage = request;
  click('r');
  // Synchronously, in the same tap: nothing was awaited before it.
  expect(request).toHaveBeenCalledTimes(1);
  expect(request.mock.calls[0]).toEqual([{ tmplIds: ['local-tmpl-deadline', 'local-tmpl-task'] }]);
  await waitFor(() => expect(posted()).toHaveLength(2));
  expect(posted()[1]).toBe('/api/functions/notify {"action":"recordConsent","payload":{"accepted":["task"]}}');
});
