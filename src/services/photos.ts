/**
 * Photos taken or picked on a phone, compressed there and uploaded with progress.
 *
 * weapp: chooseMedia (≤ 9, sizeType compressed, camera or album) → compressImage when still over 1 MB
 *        (long edge ≈ 1600 px) → Taro.cloud.uploadFile, whose task reports progress.
 * h5:    a picked File → downscaled on a canvas when over 1 MB or 1600 px → POST /api/local/upload by
 *        XMLHttpRequest (fetch reports no upload progress).
 * Thumbnails (activity feeds): the storage cannot resize, so the phone also makes a JPEG with a long edge of
 * THUMB_EDGE — weapp compressImage with compressedWidth/Height, H5 the same canvas path at the smaller size.
 * The server checks folder, bytes and size again; this only saves the phone's data and the secretary's time.
 */
import Taro from '@tarojs/taro';
import { CloudError, getHttpOptions, isRecord } from './cloud';
import type { PickedFile } from './storage';

/** A photo is compressed when it is larger than this, or its long edge than LONG_EDGE. */
export const TARGET_BYTES = 1024 * 1024;
export const LONG_EDGE = 1600;
/** A thumbnail's long edge: a third of a phone screen's width at 3× is about 360 px. */
export const THUMB_EDGE = 360;

/** weapp: takes or picks up to `count` photos; [] when the person cancels. */
export async function choosePhotos(count: number): Promise<PickedFile[]> {
  if (count <= 0) return [];
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((f, i) => ({ kind: 'path', path: f.tempFilePath, name: `photo-${i + 1}.jpg`, size: f.size }));
  } catch {
    return [];
  }
}

function loadImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image'));
    };
    img.src = url;
  });
}

/** The picture redrawn as a JPEG with its long edge at most `edge`; null when it cannot be drawn. */
async function drawJpeg(file: Extract<PickedFile, { kind: 'blob' }>, img: HTMLImageElement, edge: number, quality: number) {
  const scale = Math.min(1, edge / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return blob ? { kind: 'blob' as const, blob, name: file.name.replace(/\.\w+$/, '') + '.jpg', size: blob.size } : null;
}

const canDraw = (): boolean => typeof document !== 'undefined' && typeof URL.createObjectURL === 'function';

async function compressBlob(file: Extract<PickedFile, { kind: 'blob' }>): Promise<PickedFile> {
  if (!canDraw()) return file;
  let img: HTMLImageElement;
  try {
    img = await loadImage(file.blob);
  } catch {
    return file; // the server refuses what is not an image, with a reason
  }
  const long = Math.max(img.naturalWidth, img.naturalHeight);
  if (file.size <= TARGET_BYTES && long <= LONG_EDGE) return file;
  const small = await drawJpeg(file, img, LONG_EDGE, 0.8);
  if (!small || small.size >= file.size) return file;
  return small;
}

/**
 * weapp: compressImage scales by one side and keeps the ratio, so name the long one (a portrait photo
 * given compressedWidth would keep a long edge of 4/3 of it); pictures already smaller keep their size.
 */
async function longSide(path: string, edge: number): Promise<{ compressedWidth: number } | { compressedHeight: number }> {
  const { width, height } = await Taro.getImageInfo({ src: path });
  return width >= height ? { compressedWidth: Math.min(edge, width) } : { compressedHeight: Math.min(edge, height) };
}

/** Compresses a photo that is still large; the original when it is small enough or cannot be compressed. */
export async function compressPhoto(file: PickedFile): Promise<PickedFile> {
  if (file.kind === 'blob') return compressBlob(file);
  if (file.size <= TARGET_BYTES) return file;
  try {
    const res = await Taro.compressImage({ src: file.path, quality: 80, ...(await longSide(file.path, LONG_EDGE)) });
    return { ...file, path: res.tempFilePath };
  } catch {
    return file;
  }
}

/**
 * A thumbnail of the photo: JPEG, long edge THUMB_EDGE (smaller pictures keep their size). Rejects when
 * the phone cannot make one; the photo is then posted without (the feed lists the photo itself).
 */
export async function makeThumb(file: PickedFile): Promise<PickedFile> {
  if (file.kind === 'blob') {
    if (!canDraw()) throw new Error('no canvas');
    const thumb = await drawJpeg(file, await loadImage(file.blob), THUMB_EDGE, 0.7);
    if (!thumb) throw new Error('no thumbnail');
    return thumb;
  }
  const res = await Taro.compressImage({ src: file.path, quality: 70, ...(await longSide(file.path, THUMB_EDGE)) });
  // The size is an estimate (the temp file's is not read): it only weighs the tile's progress.
  return { kind: 'path', path: res.tempFilePath, name: 'thumb.jpg', size: Math.round((file.size * THUMB_EDGE ** 2) / LONG_EDGE ** 2) };
}

/** The extension a photo is stored with. */
function extOf(file: PickedFile): string {
  const m = /\.(jpe?g|png|gif|bmp)$/i.exec(file.kind === 'path' ? file.path : file.name);
  return (m?.[1] ?? 'jpg').toLowerCase();
}

/** A cloud path for a photo in the folder the server will accept it from. */
export function photoPath(folder: string, file: PickedFile): string {
  return `${folder}${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extOf(file)}`;
}

function uploadWeapp(cloudPath: string, filePath: string, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: () => reject(new CloudError('NETWORK', '照片上传失败，请重试')),
    });
    task?.onProgressUpdate?.((p) => onProgress(p.progress / 100));
  });
}

function uploadH5(cloudPath: string, blob: Blob, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${getHttpOptions().baseUrl ?? ''}/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new CloudError('NETWORK', '照片上传失败，请重试'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200 && isRecord(body) && typeof body.fileID === 'string') resolve(body.fileID);
      else if (xhr.status === 401) reject(new CloudError('UNAUTHENTICATED'));
      else reject(new CloudError('NETWORK', '照片上传失败，请重试'));
    };
    xhr.send(blob);
  });
}

/** Uploads one photo to `cloudPath`, reporting progress (0–1); resolves with its fileID. */
export function uploadPhoto(cloudPath: string, file: PickedFile, onProgress: (fraction: number) => void): Promise<string> {
  if (file.kind === 'path') return uploadWeapp(cloudPath, file.path, onProgress);
  return uploadH5(cloudPath, file.blob, onProgress);
}

/** Full-size view of a photo among others (previewImage on both platforms). */
export function previewPhotos(urls: string[], current: string): void {
  void Taro.previewImage({ urls, current });
}
