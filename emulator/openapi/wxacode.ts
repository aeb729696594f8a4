import QRCode from 'qrcode';
import type { WxResult } from './wx-result';

/** A QR `scene` holds at most 32 visible characters. */
export const MAX_SCENE_LENGTH = 32;

/** The H5 link the emulator's QR codes carry: <emulator>/#/<page>?scene=<scene>. */
export function sceneLink(baseUrl: string, page: string, scene: string): string {
  return `${baseUrl}/#/${page}?scene=${encodeURIComponent(scene)}`;
}

/** wxacode.getUnlimited: a real PNG QR code of the H5 link (WeChat draws a "sun code"). */
export async function getUnlimited(baseUrl: string, params: Record<string, unknown>): Promise<WxResult> {
  const scene = typeof params.scene === 'string' ? params.scene : params.scene === undefined ? '' : String(params.scene);
  if (!scene || scene.length > MAX_SCENE_LENGTH || !/^[\x21-\x7e]*$/.test(scene)) {
    return { json: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' } };
  }
  const page = typeof params.page === 'string' && params.page ? params.page : 'pages/index/index';
  if (page.startsWith('/')) return { json: { errcode: 41030, errmsg: 'invalid page' } };
  const requested = typeof params.width === 'number' ? params.width : 430;
  const width = Math.min(1280, Math.max(280, Math.round(requested)));
  const png = await QRCode.toBuffer(sceneLink(baseUrl, page, scene), { type: 'png', width, margin: 2 });
  return { binary: png, contentType: 'image/png' };
}
