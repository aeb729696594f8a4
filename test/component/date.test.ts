/** src/utils/date.ts: every date shown in Asia/Shanghai (dayjs, zh-cn), whatever the machine's time zone. */
import dayjs from 'dayjs';
import { formatDate, formatDay, formatTime, today } from '@/utils/date';

test('the app speaks zh-cn', () => {
  expect(dayjs.locale()).toBe('zh-cn');
  expect(dayjs('2026-11-23').format('dddd')).toBe('星期一');
});

test('formatDay: M月D日 within this year, with the year otherwise; anything else as it is', () => {
  expect(formatDay('2026-07-01', 2026)).toBe('7月1日');
  expect(formatDay('2011-07-01', 2026)).toBe('2011年7月1日');
  expect(formatDay('not a day', 2026)).toBe('not a day');
  expect(formatDay('2026-7-1', 2026)).toBe('2026-7-1');
});

test('formatTime and formatDate read an instant in Shanghai (UTC+8), across midnight too', () => {
  expect(formatTime('2026-11-24T02:28:00.000Z')).toBe('2026-11-24 10:28');
  expect(formatTime('2026-11-15T16:30:05.000Z')).toBe('2026-11-16 00:30');
  expect(formatTime('2026-11-15T16:30:05.000Z', { seconds: true })).toBe('2026-11-16 00:30:05');
  expect(formatTime('2026-11-16T00:30:05+08:00', { seconds: true })).toBe('2026-11-16 00:30:05');
  expect(formatDate('2026-11-15T16:30:05.000Z')).toBe('2026-11-16');
  expect(formatDate('2026-11-15T15:59:59.000Z')).toBe('2026-11-15');
  expect(formatTime('garbage')).toBe('garbage');
  expect(formatDate('')).toBe('');
});

test('today is the Shanghai day of the instant given', () => {
  expect(today(new Date('2026-11-15T15:59:59.000Z'))).toBe('2026-11-15');
  expect(today(new Date('2026-11-15T16:00:00.000Z'))).toBe('2026-11-16');
  expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
