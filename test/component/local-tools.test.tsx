/**
 * 本地工具 (package-local/tools) and the clock's shift where local mode is marked, against a real HTTP server
 * standing in for the emulator's GET/POST /api/_emulator/clock.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describeOffset } from '../../src/components/LocalModeBanner';
import ToolsPage, { moveSummary } from '../../src/package-local/tools';
import MinePage from '../../src/pages/mine';
import type { LocalClock, LocalClockMoved } from '../../types/app';
import { SECRETARY } from '../fixtures/whoami';
import { envelope } from './api-server';
import { apiServerPerTest, byId } from './helpers';
import { navigateTo } from './taro-shim';

const DAY_MS = 24 * 3600 * 1000;
const server = apiServerPerTest();

/** A stand-in for the emulator's clock: GET answers it, POST moves it like emulator/emulator-routes.ts. */
function serveClock(start: LocalClock, fired: LocalClockMoved['fired'] = []): void {
  let clock = start;
  const base = Date.parse(start.now) - start.offsetMs;
  server.handle('/api/_emulator/clock', (body) => {
    if (body && typeof body === 'object') {
      const change = body as { advanceMs?: number; offsetMs?: number };
      const offsetMs = change.advanceMs !== undefined ? clock.offsetMs + change.advanceMs : (change.offsetMs ?? 0);
      clock = { now: new Date(base + offsetMs).toISOString(), offsetMs };
      return { body: { ...clock, fired } };
    }
    return { body: clock };
  });
}

const posts = () => server.received.filter((r) => r.method === 'POST').map((r) => r.body);

test('shows the emulated time in Shanghai; +1 周 moves it, the banner shows the shift, 恢复真实时间 brings it back', async () => {
  // 2026-11-14 02:00 UTC is 10:00 in Shanghai.
  serveClock({ now: '2026-11-14T02:00:00.000Z', offsetMs: 0 }, [
    { functionName: 'reminders', triggerName: 'daily', time: '2026-11-14T18:00:00Z' },
  ]);
  render(<ToolsPage />);
  await waitFor(() => expect(byId('clock-now')?.textContent).toBe('2026-11-14 10:00'));
  expect(byId('local-mode-banner')?.textContent).toContain('本地模式 · 本地工具');
  expect(byId('clock-offset')?.textContent).toBe('与真实时间一致');
  expect(byId('local-clock-shift')).toBeNull();

  fireEvent.click(screen.getByText('+1 周'));
  await waitFor(() => expect(byId('clock-now')?.textContent).toBe('2026-11-21 10:00'));
  expect(posts()).toEqual([{ advanceMs: 7 * DAY_MS }]);
  expect(byId('clock-offset')?.textContent).toBe('比真实时间快 7 天');
  expect(byId('local-clock-shift')?.textContent).toBe('模拟时间 2026-11-21 10:00 · 比真实时间快 7 天');
  expect(byId('clock-result')?.textContent).toBe('已拨快至比真实时间快 7 天，运行了定时任务：reminders/daily');

  fireEvent.click(screen.getByText('+1 天'));
  await waitFor(() => expect(byId('clock-offset')?.textContent).toBe('比真实时间快 8 天'));

  fireEvent.click(screen.getByText('恢复真实时间'));
  await waitFor(() => expect(byId('clock-offset')?.textContent).toBe('与真实时间一致'));
  expect(posts()).toEqual([{ advanceMs: 7 * DAY_MS }, { advanceMs: DAY_MS }, { offsetMs: 0 }]);
  expect(byId('local-clock-shift')).toBeNull();
});

test('an emulator that does not answer: the error, and 重试 reads the clock again', async () => {
  server.handle('/api/_emulator/clock', { status: 500, raw: 'boom' });
  render(<ToolsPage />);
  await screen.findByText('服务器开小差了，请稍后再试');
  serveClock({ now: '2026-11-14T02:00:00.000Z', offsetMs: 0 });
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(byId('clock-now')?.textContent).toBe('2026-11-14 10:00'));
});

test('我的 opens 本地工具 next to 本地消息 and shows the shift under the local-mode note while the clock runs ahead', async () => {
  server.handle('/api/functions/system', { body: envelope(SECRETARY) });
  serveClock({ now: '2026-11-17T02:00:00.000Z', offsetMs: 3 * DAY_MS + 2 * 3600 * 1000 });
  render(<MinePage />);
  await waitFor(() => expect(byId('local-clock-shift')?.textContent).toBe('模拟时间 2026-11-17 10:00 · 比真实时间快 3 天 2 小时'));
  expect(byId('mine-entry-tools')?.textContent).toContain('本地工具');
  fireEvent.click(byId('mine-entry-tools') as HTMLElement);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/package-local/tools/index' });
});

test('offsets and moves in words', () => {
  expect(describeOffset(7 * DAY_MS)).toBe('7 天');
  expect(describeOffset(DAY_MS + 3 * 3600 * 1000 + 59_000)).toBe('1 天 3 小时');
  expect(describeOffset(45 * 60_000)).toBe('45 分钟');
  expect(describeOffset(2 * 3600 * 1000 + 5 * 60_000)).toBe('2 小时 5 分钟');
  expect(describeOffset(1)).toBe('不到 1 分钟');
  expect(moveSummary({ now: '2026-11-14T02:00:00.000Z', offsetMs: 0, fired: [] })).toBe('已恢复真实时间，没有到期的定时任务');
});
