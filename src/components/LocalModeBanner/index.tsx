/**
 * How local mode is marked: the dashed 本地模式 banner of the local-mode pages, and the emulator clock's
 * shift wherever local mode shows. When the clock runs ahead of real time (moved on 本地工具) a line says
 * by how much and what time the app lives in, so nobody mistakes a moved deadline for a real one.
 * Stable ids/classes for e2e:
 *   #local-mode-banner / .local-mode-banner     the banner (.local-mode-banner-title, .local-mode-banner-hint)
 *   #local-clock-shift / .local-clock-shift     "模拟时间 … · 比真实时间快 7 天" (only while the clock runs ahead)
 */
import { Text, View } from '@tarojs/components';
import { useLocalClock } from '@/hooks/useLocalClock';
import { formatTime } from '@/utils/date';
import './index.scss';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A clock offset in words: '7 天', '1 天 3 小时', '45 分钟' (less than a minute: '不到 1 分钟'). */
export function describeOffset(offsetMs: number): string {
  const days = Math.floor(offsetMs / DAY_MS);
  const hours = Math.floor((offsetMs % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((offsetMs % HOUR_MS) / MINUTE_MS);
  const parts = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', minutes && !days ? `${minutes} 分钟` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '不到 1 分钟';
}

/** The clock's shift, in local mode while the clock runs ahead; nothing otherwise. */
export function LocalClockShift() {
  const { clock } = useLocalClock(IS_H5);
  if (!IS_H5 || !clock || clock.offsetMs <= 0) return null;
  return (
    <Text id="local-clock-shift" className="local-clock-shift">
      {`模拟时间 ${formatTime(clock.now)} · 比真实时间快 ${describeOffset(clock.offsetMs)}`}
    </Text>
  );
}

export default function LocalModeBanner({ title, hint }: { title: string; hint: string }) {
  return (
    <View id="local-mode-banner" className="local-mode-banner">
      <Text className="local-mode-banner-title">{title}</Text>
      <Text className="local-mode-banner-hint">{hint}</Text>
      <LocalClockShift />
    </View>
  );
}
