/**
 * weapp export of the collective sheet: the text (each signer's name, post, commitments, time) drawn
 * onto an offscreen Canvas 2D, saved as an image to the photo album. Signature images are not drawn
 * (they would need every image downloaded into the canvas first); the sheet marks 已签名 instead.
 */
import Taro from '@tarojs/taro';
import { FOUR_LEADS, FOUR_LEAD_NAMES } from '@contract/models';
import type { SheetView } from '@contract/pledge';
import { formatTime } from '@/utils/date';

interface TextCtx {
  font: string;
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
}

const W = 750;
const PAD = 40;

/** Splits text into lines that fit the width. */
export function wrap(ctx: Pick<TextCtx, 'measureText'>, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

function layout(ctx: TextCtx, sheet: SheetView, draw: boolean): number {
  let y = PAD;
  const text = (t: string, size: number, color: string, x = PAD, lineH = size * 1.5): void => {
    ctx.font = `${size}px sans-serif`;
    for (const l of wrap(ctx, t, W - x - PAD)) {
      y += lineH;
      if (draw) {
        ctx.fillStyle = color;
        ctx.fillText(l, x, y - lineH * 0.3);
      }
    }
  };
  text(`${sheet.branchName}“四带头”集体承诺书`, 34, '#c8161d');
  text(`主题：${sheet.theme}`, 24, '#4e5969');
  text(`已签署 ${sheet.signedCount} / ${sheet.total} 人`, 24, '#4e5969');
  y += 12;
  for (const row of sheet.rows) {
    if (!row.signedAt || !row.items) continue;
    y += 16;
    text(`${row.name}${row.post ? `（${row.post}）` : ''}  ${formatTime(row.signedAt)}  已签名`, 26, '#1f2329');
    for (const lead of FOUR_LEADS) text(`${FOUR_LEAD_NAMES[lead]}：${row.items[lead].join('；')}`, 22, '#4e5969', PAD + 20);
  }
  return y + PAD;
}

export async function saveSheetImage(sheet: SheetView): Promise<void> {
  const probe = Taro.createOffscreenCanvas({ type: '2d', width: W, height: 100 });
  const measureCtx = probe.getContext('2d') as unknown as TextCtx;
  const height = Math.ceil(layout(measureCtx, sheet, false));
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: W, height });
  const ctx = canvas.getContext('2d') as unknown as TextCtx;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, height);
  layout(ctx, sheet, true);
  const out = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' });
  await Taro.saveImageToPhotosAlbum({ filePath: out.tempFilePath });
}
