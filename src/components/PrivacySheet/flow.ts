/**
 * WeChat's user-privacy flow, registered once for the whole app (src/app.ts): before a privacy API
 * (chooseMedia, chooseMessageFile, the clipboard, saving to the album…) first runs, WeChat calls the
 * listener and the API waits until the person agrees (a button with open-type agreePrivacyAuthorization)
 * or declines. The sheet that asks is the <PrivacySheet /> mounted on the page on top; a page without
 * one declines, so the API fails cleanly instead of hanging.
 */
import Taro from '@tarojs/taro';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** What a mounted sheet is told: the API that asked (e.g. 'chooseMedia'), or null when the request is settled. */
export type SheetListener = (referrer: string | null) => void;

const sheets = new Map<string, SheetListener>();
let pending: Resolve | null = null;

function topPage(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as { route?: string } | undefined;
  return top?.route ?? '';
}

/** Called once from app.ts; does nothing in H5 or on a base library without the flow. */
export function registerPrivacyFlow(): void {
  if (IS_H5 || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve, info) => {
    pending?.({ event: 'disagree' });
    const sheet = sheets.get(topPage());
    if (!sheet) {
      resolve({ event: 'disagree' });
      return;
    }
    pending = resolve;
    resolve({ event: 'exposureAuthorization' });
    sheet(info?.referrer ?? '');
  });
}

/** A sheet mounts for its page; returns the unmount. */
export function attachSheet(page: string, listener: SheetListener): () => void {
  sheets.set(page, listener);
  return () => {
    if (sheets.get(page) === listener) sheets.delete(page);
  };
}

/** The person's answer from the sheet. */
export function answerPrivacy(agree: boolean, buttonId: string): void {
  pending?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
  pending = null;
  for (const listener of sheets.values()) listener(null);
}

/** What the app needs the API for, in the sheet's words. */
export function purposeOf(referrer: string): string {
  if (/chooseMedia|chooseImage|camera/i.test(referrer))
    return '拍摄或选择照片，需要使用你的相机和相册；照片经内容安全审核后，仅在本组织内可见。';
  if (/chooseMessageFile/i.test(referrer)) return '从微信聊天中选择文件（如花名册表格、会议附件），文件仅上传到本活动的云存储。';
  if (/Clipboard/i.test(referrer)) return '把内容复制到剪贴板，方便你粘贴到聊天中。';
  if (/saveImageToPhotosAlbum|saveVideo/i.test(referrer)) return '把图片保存到你的相册。';
  return '使用该功能需要读取或写入相关信息，仅用于本活动。';
}
