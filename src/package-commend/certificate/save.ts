/**
 * weapp: the certificate drawn onto an offscreen Canvas 2D (text, border and its 小程序码, downloaded first)
 * and saved to the photo album. The privacy flow asks first (the page mounts <PrivacySheet />).
 */
import Taro from '@tarojs/taro';
import type { CertificateView } from '@contract/commend';
import { formatDay } from '@/utils/date';

interface Ctx2D {
  font: string;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  textAlign: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
}
interface OffscreenImage {
  src: string;
  onload: () => void;
  onerror: (err: unknown) => void;
}

const W = 750;
const H = 1060;

export function certificateLines(c: CertificateView): string[] {
  return [`${c.subjectName}${c.subject === 'member' ? `（${c.branchName}）` : ''}：`, `在${c.commendationTitle}中表现突出，被评为`];
}

export async function saveCertificateImage(c: CertificateView): Promise<void> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: W, height: H });
  const ctx = canvas.getContext('2d') as unknown as Ctx2D;
  ctx.fillStyle = '#fffaf0';
  ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = '#c8161d';
  ctx.lineWidth = 10;
  ctx.strokeRect(24, 24, W - 48, H - 48);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#c8161d';
  ctx.font = 'bold 56px sans-serif';
  ctx.fillText('荣 誉 证 书', W / 2, 150);
  ctx.fillStyle = '#1f2329';
  ctx.font = '30px sans-serif';
  certificateLines(c).forEach((line, i) => ctx.fillText(line, W / 2, 260 + i * 52));
  ctx.fillStyle = '#c8161d';
  ctx.font = 'bold 46px sans-serif';
  ctx.fillText(`“${c.awardName}”`, W / 2, 420);
  ctx.fillStyle = '#1f2329';
  ctx.font = '30px sans-serif';
  ctx.fillText('特发此证，以资鼓励。', W / 2, 500);
  ctx.fillText(c.issuer, W / 2, 600);
  ctx.fillText(formatDay(c.issuedOn, 0), W / 2, 650);
  const { tempFilePath } = await Taro.downloadFile({ url: c.qrUrl });
  const image = (canvas as unknown as { createImage(): OffscreenImage }).createImage();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = reject;
    image.src = tempFilePath;
  });
  ctx.drawImage(image, W / 2 - 110, 720, 220, 220);
  ctx.font = '24px sans-serif';
  ctx.fillStyle = '#4e5969';
  ctx.fillText(`验证码 ${c.code} · 扫码验证真伪`, W / 2, 980);
  const out = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' });
  await Taro.saveImageToPhotosAlbum({ filePath: out.tempFilePath });
}
