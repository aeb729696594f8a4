/** Small pure helpers shared by the 承诺 tab and the pledge sub-package. */
import { SIGN_PAGE } from '@contract/pledge';

/** Roster member id from a student number (whoami carries no member id). */
export function memberIdOf(studentNo: string): string {
  return `m-${studentNo}`;
}

/** Where a member's drawn signature is stored. */
export function signaturePath(campaignId: string, roundKey: string, memberId: string, at: number): string {
  return `pledge-signatures/${campaignId}/${roundKey}/${memberId}/${at}.png`;
}

/** H5 local mode: the link a signing QR code encodes, for a desktop user who cannot scan. */
export function signLink(origin: string, scene: string): string {
  return `${origin}/#/${SIGN_PAGE}?scene=${encodeURIComponent(scene)}`;
}

/** The sign page URL inside the app (navigateTo / redirect target). */
export function signPageUrl(scene: string): string {
  return `/${SIGN_PAGE}?scene=${encodeURIComponent(scene)}`;
}

/** 'YYYY-MM-DD' → 'M月D日' (with the year when it is not the current one). */
export function formatDay(day: string, thisYear = new Date().getFullYear()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return Number(m[1]) === thisYear ? md : `${m[1]}年${md}`;
}

/** An ISO instant as 'YYYY-MM-DD HH:mm' in Shanghai time. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600 * 1000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
