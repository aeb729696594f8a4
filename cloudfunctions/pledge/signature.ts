/** Checks a handwritten signature the app uploaded before it is attached to a pledge. */
import { PNG } from 'pngjs';
import { sdk } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { cloudPathOf } from '../shared/storage';

export const SIGNATURE_MAX_BYTES = 200 * 1024;
/** Fewer inked pixels than this is an empty pad (or a stray tap). */
export const MIN_INK_PIXELS = 50;
/** Larger canvases than this are not a phone's signature pad; refusing them also bounds decoding. */
const MAX_PIXELS = 4_000_000;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

export function signatureFolder(campaignId: string, roundKey: string, memberId: string): string {
  return `pledge-signatures/${campaignId}/${roundKey}/${memberId}/`;
}

const refuse = (message: string): AppError => new AppError('INVALID_ARGUMENT', message, 'signature.fileID');

/** Counts pixels that carry ink: not (nearly) transparent and not (nearly) white. */
export function inkedPixels(png: PNG): number {
  const { data } = png;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] < 32) continue;
    if (data[i] > 235 && data[i + 1] > 235 && data[i + 2] > 235) continue;
    n += 1;
  }
  return n;
}

/**
 * The file must sit in the member's own folder for this round, be a PNG or JPEG by its bytes, weigh at
 * most 200 KB, and (PNG) show a drawn signature. One storage download; nothing is written.
 */
export async function checkSignatureImage(fileID: string, folder: string): Promise<void> {
  const path = cloudPathOf(fileID);
  if (!path || !path.startsWith(folder) || path.length === folder.length) throw refuse('签名图片不属于本人，请重新签名');

  let content: unknown;
  try {
    content = ((await sdk().downloadFile({ fileID })) as { fileContent?: unknown }).fileContent;
  } catch {
    throw new AppError('NOT_FOUND', '签名图片不存在或已过期，请重新签名', 'signature.fileID');
  }
  if (!Buffer.isBuffer(content)) throw new AppError('NOT_FOUND', '签名图片不存在或已过期，请重新签名', 'signature.fileID');
  if (content.length > SIGNATURE_MAX_BYTES) throw refuse('签名图片过大（最大 200 KB）');

  const isPng = content.length > 24 && content.subarray(0, 8).equals(PNG_MAGIC);
  const isJpeg = content.length > 3 && content.subarray(0, 3).equals(JPEG_MAGIC);
  if (!isPng && !isJpeg) throw refuse('签名图片格式不正确（仅支持 PNG 或 JPEG）');
  if (isJpeg) return;

  // IHDR width and height sit at bytes 16..23: refuse absurd canvases before inflating anything.
  const width = content.readUInt32BE(16);
  const height = content.readUInt32BE(20);
  if (width === 0 || height === 0 || width * height > MAX_PIXELS) throw refuse('签名图片尺寸不正确');
  let png: PNG;
  try {
    png = PNG.sync.read(content);
  } catch {
    throw refuse('签名图片已损坏，请重新签名');
  }
  if (inkedPixels(png) < MIN_INK_PIXELS) throw refuse('签名为空，请重新签名');
}
