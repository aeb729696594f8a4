/**
 * Photos of activities and check-ins: accepted only from the owner's upload folder, as images by their
 * bytes and at most 10 MB; sent to WeChat's asynchronous image check; shown to others only once it passed.
 */
import { MAX_PHOTO_BYTES, MEDIA_LABEL_NAMES, type PhotoView, type Removed, type StoredPhoto } from '../../types/fulfil';
import { checkImageLater } from '../shared/content-security';
import { AppError } from '../shared/errors';
import { cloudPathOf, downloadFile, tempFileURLs, tempUrlMap } from '../shared/storage';

/** What an image starts with: JPEG, PNG, GIF, BMP (the formats mediaCheckAsync reads). */
const MAGIC: Buffer[] = [
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('GIF87a'),
  Buffer.from('GIF89a'),
  Buffer.from('BM'),
];

export function isImage(bytes: Buffer): boolean {
  return MAGIC.some((m) => bytes.length > m.length && bytes.subarray(0, m.length).equals(m));
}

const refuse = (message: string): AppError => new AppError('INVALID_ARGUMENT', `照片：${message}`, 'photos');

/**
 * Checks each photo before anything is written: in the folder, present, an image, small enough. The
 * downloads run in parallel (storage, not database, requests); nothing is written.
 */
export async function checkPhotos(fileIDs: readonly string[], folder: string): Promise<void> {
  if (new Set(fileIDs).size !== fileIDs.length) throw refuse('有重复的照片');
  for (const [i, fileID] of fileIDs.entries()) {
    const path = cloudPathOf(fileID);
    if (!path || !path.startsWith(folder) || path.length === folder.length) throw refuse(`第 ${i + 1} 张不是本组织上传的照片`);
  }
  await Promise.all(
    fileIDs.map(async (fileID, i) => {
      let bytes: Buffer;
      try {
        bytes = await downloadFile(fileID);
      } catch (err) {
        if (err instanceof AppError && err.code === 'INVALID_ARGUMENT') throw refuse(`第 ${i + 1} 张超过 10 MB`);
        throw new AppError('NOT_FOUND', `照片：第 ${i + 1} 张还没有上传完成，请重试`, 'photos');
      }
      if (bytes.length > MAX_PHOTO_BYTES) throw refuse(`第 ${i + 1} 张超过 10 MB`);
      if (!isImage(bytes)) throw refuse(`第 ${i + 1} 张不是图片（支持 JPG、PNG、GIF、BMP）`);
    }),
  );
}

/**
 * Sends every photo to WeChat's image check (one temp-URL call per 50, one check per photo): pending
 * until the verdict. Answers the photos and their URLs (the view of the new post reuses them).
 */
export async function submitPhotos(
  fileIDs: readonly string[],
  openid: string,
): Promise<{ photos: StoredPhoto[]; urls: Map<string, string> }> {
  if (fileIDs.length === 0) return { photos: [], urls: new Map() };
  const urls = await tempFileURLs(fileIDs);
  const photos = await Promise.all(
    fileIDs.map(async (fileID, i) => {
      const url = urls[i];
      if (!url) throw new AppError('NOT_FOUND', `照片：第 ${i + 1} 张还没有上传完成，请重试`, 'photos');
      return { fileID, traceId: await checkImageLater(url, openid), check: 'pending' as const };
    }),
  );
  return { photos, urls: new Map(fileIDs.map((id, i) => [id, urls[i] ?? ''])) };
}

/** Why photos were removed, in words the author reads. */
export function removedOf(photos: readonly StoredPhoto[]): Removed | null {
  const gone = photos.filter((p) => p.check === 'rejected');
  if (gone.length === 0) return null;
  const reasons = [...new Set(gone.map((p) => MEDIA_LABEL_NAMES[p.label ?? 21000] ?? '其他违规'))];
  return { count: gone.length, reasons };
}

/**
 * The photos a caller may see: passed ones for everyone; pending and review ones (marked) only for
 * those who may see hidden photos (the author, the org's secretaries); rejected ones never.
 */
export function visiblePhotos(photos: readonly StoredPhoto[], seesHidden: boolean): StoredPhoto[] {
  return photos.filter((p) => p.check === 'pass' || (seesHidden && (p.check === 'pending' || p.check === 'review')));
}

/** Temporary URLs for every visible photo of many documents: one getTempFileURL call per 50 photos. */
export function photoUrls(lists: readonly StoredPhoto[][]): Promise<Map<string, string>> {
  return tempUrlMap(lists.flat().map((p) => p.fileID));
}

export function toPhotoViews(photos: readonly StoredPhoto[], urls: Map<string, string>): PhotoView[] {
  return photos.map((p) => ({
    fileID: p.fileID,
    url: urls.get(p.fileID) ?? '',
    check: p.check === 'pass' ? 'pass' : p.check === 'review' ? 'review' : 'pending',
  }));
}
