/**
 * 本地工具 (H5 local mode only): the emulator's clock. Shows the emulated time and moves it ahead a day or a
 * week, or back to real time. Deadlines, stages, evaluation windows and timer reminders all follow that
 * clock (emulator/clock.ts), so a demo can walk through a campaign without waiting.
 * Stable ids/classes for e2e:
 *   #tools-page
 *   #local-mode-banner / .local-mode-banner   "本地模式 · 本地工具" (+ #local-clock-shift while ahead)
 *   #clock-now / .clock-now                   emulated time 'YYYY-MM-DD HH:mm'
 *   #clock-offset / .clock-offset             与真实时间一致 | 比真实时间快 …
 *   #clock-advance-day, #clock-advance-week, #clock-reset   +1 天, +1 周, 恢复真实时间
 *   #clock-result / .clock-result             what the last move did (timers that ran)
 *   #tools-unavailable                        shown in the weapp build instead of the clock
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { LocalClockChange, LocalClockMoved } from '@contract/app';
import { describeOffset } from '@/components/LocalModeBanner';
import LocalPage from '@/components/LocalPage';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { changeLocalClock, useLocalClock } from '@/hooks/useLocalClock';
import { formatTime } from '@/utils/date';
import { toastError } from '@/utils/feedback';
import './index.scss';

const DAY_MS = 24 * 3600 * 1000;

/** What a move did, in a line: how far the clock now runs ahead, and the timer runs it caused. */
export function moveSummary(moved: LocalClockMoved): string {
  const where = moved.offsetMs > 0 ? `已拨快至比真实时间快 ${describeOffset(moved.offsetMs)}` : '已恢复真实时间';
  const runs = moved.fired.map((f) => `${f.functionName}/${f.triggerName}`);
  return runs.length > 0 ? `${where}，运行了定时任务：${runs.join('、')}` : `${where}，没有到期的定时任务`;
}

function Clock() {
  const { clock, error, reload } = useLocalClock(true);
  const moving = useAction({ onError: toastError });
  const [result, setResult] = useState('');
  const move = (change: LocalClockChange) =>
    void moving.run(async () => {
      setResult('');
      setResult(moveSummary(await changeLocalClock(change)));
    });
  const offsetMs = clock?.offsetMs ?? 0;

  return (
    <PageFrame loading={!clock && !error} error={error} onRetry={() => void reload()}>
      {clock ? (
        <View className="card tools-clock">
          <Text className="tools-card-title">模拟时间</Text>
          <Text id="clock-now" className="clock-now">
            {formatTime(clock.now)}
          </Text>
          <Text id="clock-offset" className={`clock-offset${offsetMs > 0 ? ' clock-offset-ahead' : ''}`}>
            {offsetMs > 0 ? `比真实时间快 ${describeOffset(offsetMs)}` : '与真实时间一致'}
          </Text>
          <View className="tools-buttons">
            <Button
              id="clock-advance-day"
              className="tools-button"
              type="primary"
              disabled={moving.busy}
              onClick={() => move({ advanceMs: DAY_MS })}
            >
              +1 天
            </Button>
            <Button
              id="clock-advance-week"
              className="tools-button"
              type="primary"
              disabled={moving.busy}
              onClick={() => move({ advanceMs: 7 * DAY_MS })}
            >
              +1 周
            </Button>
          </View>
          <Button
            id="clock-reset"
            className="tools-reset"
            block
            type="default"
            disabled={moving.busy || offsetMs === 0}
            onClick={() => move({ offsetMs: 0 })}
          >
            恢复真实时间
          </Button>
          {result ? (
            <Text id="clock-result" className="clock-result">
              {result}
            </Text>
          ) : null}
          <Text className="tools-note">
            截止日期、活动阶段、评议窗口、定时提醒和数据库的服务器时间都跟随模拟时间；只能拨快，不能早于真实时间。
          </Text>
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function ToolsPage() {
  return (
    <LocalPage
      name="tools"
      feature="本地工具"
      title="本地模式 · 本地工具"
      hint="调整本地模拟环境的时钟，用于演示截止日期和阶段切换；正式版使用真实时间。"
      spaced
    >
      <Clock />
    </LocalPage>
  );
}
