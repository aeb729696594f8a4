import QRCode from 'qrcode';
import type { AppPages } from './app-pages';
import type { WxResult } from './wx-result';

/** A QR `scene` holds at most 32 visible characters. */
export const MAX_SCENE_LENGTH = 32;

/**
 * The characters WeChat accepts in a scene (wxacode.getUnlimited doc: 数字、大小写英文以及部分特殊字符
 * !#$&'()*+,/:;=?@-._~); anything else, `%` included, is refused with 40169.
 */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/;

const INVALID_SCENE = { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' };
/** 41030: the page is not in the released app, starts with "/" or carries a query (WeChat's errcode table). */
const INVALID_PAGE = { errcode: 41030, errmsg: 'invalid page rid: local' };

/** The H5 link the emulator's QR codes carry: <emulator>/#/<page>?scene=<scene>. */
export function sceneLink(baseUrl: string, page: string, scene: string): string {
  return `${baseUrl}/#/${page}?scene=${encodeURIComponent(scene)}`;
}

/**
 * wxacode.getUnlimited: a real PNG QR code of the H5 link (WeChat draws a "sun code"). Refuses what WeChat
 * refuses: a scene that is empty, longer than 32 characters or holds other characters (40169); a page that
 * starts with "/", carries "?", or (check_path true, the default) is not one of the app's pages (41030).
 * Without a page the code opens the app's home page, the first of app.json's pages.
 */
export async function getUnlimited(baseUrl: string, params: Record<string, unknown>, app: AppPages): Promise<WxResult> {
  const scene = typeof params.scene === 'string' ? params.scene : params.scene === undefined ? '' : String(params.scene);
  if (scene.length > MAX_SCENE_LENGTH || !SCENE.test(scene)) return { json: INVALID_SCENE };
  const page = typeof params.page === 'string' && params.page ? params.page : app.home;
  const checkPath = params.check_path !== false;
  if (page.startsWith('/') || page.includes('?')) return { json: INVALID_PAGE };
  if (checkPath && !app.pages.includes(page)) return { json: INVALID_PAGE };
  const requested = typeof params.width === 'number' ? params.width : 430;
  const width = Math.min(1280, Math.max(280, Math.round(requested)));
  const png = await QRCode.toBuffer(sceneLink(baseUrl, page, scene), { type: 'png', width, margin: 2 });
  return { binary: png, contentType: 'image/png' };
}
