/**
 * Every date the app shows or picks, in Asia/Shanghai with dayjs (zh-cn), whatever the phone's time zone.
 * Shanghai is UTC+8 all year (no daylight saving), so a fixed offset stands in for a time-zone database that
 * a mini-program's JS engine may not carry.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.locale('zh-cn');

const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function inShanghai(at: string | Date): Dayjs {
  return dayjs.utc(at).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

/** Today in Shanghai as 'YYYY-MM-DD' (the form the functions use for days and deadlines). */
export function today(now: Date = new Date()): string {
  return inShanghai(now).format('YYYY-MM-DD');
}

/** A day 'YYYY-MM-DD' as 'M月D日', with the year when it is not this year in Shanghai; anything else as it is. */
export function formatDay(day: string, thisYear: number = Number(today().slice(0, 4))): string {
  const d = dayjs(day, 'YYYY-MM-DD');
  if (!DAY.test(day) || !d.isValid()) return day;
  return d.format(d.year() === thisYear ? 'M月D日' : 'YYYY年M月D日');
}

/** An ISO instant as its Shanghai day 'YYYY-MM-DD'; anything else as it is. */
export function formatDate(iso: string): string {
  const at = inShanghai(iso);
  return at.isValid() ? at.format('YYYY-MM-DD') : iso;
}

/** An ISO instant as 'YYYY-MM-DD HH:mm' (or with ':ss') in Shanghai; anything else as it is. */
export function formatTime(iso: string, options: { seconds?: boolean } = {}): string {
  const at = inShanghai(iso);
  return at.isValid() ? at.format(options.seconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : iso;
}
