/**
 * Photos of activities and check-ins: accepted only from the owner's upload folder, as images by their
 * bytes and at most 10 MB; sent to WeChat's asynchronous image check; shown to others only once it passed.
 */
import {
  MAX_PHOTO_BYTES,
  MAX_THUMB_BYTES,
  MEDIA_LABEL_NAMES,
  type PhotoCheck,
  type PhotoView,
  type Removed,
  type StoredPhoto,
} from '../../types/fulfil';
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

/** How a checked file is named in a refusal: its label, field and size limit. */
interface Kind {
  label: string;
  field: string;
  maxBytes: number;
  limit: string;
}
const PHOTO: Kind = { label: '照片', field: 'photos', maxBytes: MAX_PHOTO_BYTES, limit: '10 MB' };
const THUMB: Kind = { label: '缩略图', field: 'thumbs', maxBytes: MAX_THUMB_BYTES, limit: '300 KB' };

const refuse = (kind: Kind, message: string): AppError => new AppError('INVALID_ARGUMENT', `${kind.label}：${message}`, kind.field);

async function checkFiles(fileIDs: readonly string[], folder: string, kind: Kind): Promise<void> {
  if (new Set(fileIDs).size !== fileIDs.length) throw refuse(kind, `有重复的${kind.label}`);
  for (const [i, fileID] of fileIDs.entries()) {
    const path = cloudPathOf(fileID);
    if (!path || !path.startsWith(folder) || path.length === folder.length)
      throw refuse(kind, `第 ${i + 1} 张不是本组织上传的${kind.label}`);
  }
  await Promise.all(
    fileIDs.map(async (fileID, i) => {
      let bytes: Buffer;
      try {
        bytes = await downloadFile(fileID);
      } catch (err) {
        if (err instanceof AppError && err.code === 'INVALID_ARGUMENT') throw refuse(kind, `第 ${i + 1} 张超过 ${kind.limit}`);
        throw new AppError('NOT_FOUND', `${kind.label}：第 ${i + 1} 张还没有上传完成，请重试`, kind.field);
      }
      if (bytes.length > kind.maxBytes) throw refuse(kind, `第 ${i + 1} 张超过 ${kind.limit}`);
      if (!isImage(bytes)) throw refuse(kind, `第 ${i + 1} 张不是图片（支持 JPG、PNG、GIF、BMP）`);
    }),
  );
}

/**
 * Checks each photo before anything is written: in the folder, present, an image, small enough. The
 * downloads run in parallel (storage, not database, requests); nothing is written.
 */
export function checkPhotos(fileIDs: readonly string[], folder: string): Promise<void> {
  return checkFiles(fileIDs, folder, PHOTO);
}

/** The same checks for the photos' thumbnails: one per photo, from their own folder, at most 300 KB. */
export function checkThumbs(thumbs: readonly string[], photos: readonly string[], folder: string): Promise<void> {
  if (thumbs.length !== photos.length) throw refuse(THUMB, '数量与照片不一致，请重新上传');
  if (thumbs.some((t) => photos.includes(t))) throw refuse(THUMB, '不能与照片相同');
  return checkFiles(thumbs, folder, THUMB);
}

/**
 * Sends every photo (and thumbnail) to WeChat's image check (one temp-URL call per 50 files, one check
 * per file): pending until the verdicts. Answers the photos and their URLs (the view of the new post reuses them).
 */
export async function submitPhotos(
  fileIDs: readonly string[],
  openid: string,
  thumbs: readonly string[] = [],
): Promise<{ photos: StoredPhoto[]; urls: Map<string, string> }> {
  if (fileIDs.length === 0) return { photos: [], urls: new Map() };
  const all = [...fileIDs, ...thumbs];
  const found = await tempFileURLs(all);
  const urls = new Map(all.map((id, i) => [id, found[i] ?? '']));
  const submit = async (fileID: string, i: number, kind: Kind) => {
    const url = urls.get(fileID);
    if (!url) throw new AppError('NOT_FOUND', `${kind.label}：第 ${i + 1} 张还没有上传完成，请重试`, kind.field);
    return { fileID, traceId: await checkImageLater(url, openid), check: 'pending' as const };
  };
  const photos = await Promise.all(
    fileIDs.map(async (fileID, i): Promise<StoredPhoto> => {
      const [photo, thumb] = await Promise.all([submit(fileID, i, PHOTO), thumbs[i] ? submit(thumbs[i], i, THUMB) : null]);
      return thumb ? { ...photo, thumb } : photo;
    }),
  );
  return { photos, urls };
}

/**
 * A photo's check with its thumbnail's: rejected when either is, in review or pending while either is,
 * passed when both passed.
 */
export function checkOf(p: StoredPhoto): PhotoCheck {
  const checks = [p.check, p.thumb?.check ?? 'pass'];
  for (const c of ['rejected', 'review', 'pending'] as const) if (checks.includes(c)) return c;
  return 'pass';
}

/** Why photos were removed, in words the author reads. */
export function removedOf(photos: readonly StoredPhoto[]): Removed | null {
  const gone = photos.filter((p) => checkOf(p) === 'rejected');
  if (gone.length === 0) return null;
  const reasons = [...new Set(gone.map((p) => MEDIA_LABEL_NAMES[p.label ?? 21000] ?? '其他违规'))];
  return { count: gone.length, reasons };
}

/**
 * The photos a caller may see: passed ones for everyone; pending and review ones (marked) only for
 * those who may see hidden photos (the author, the org's secretaries); rejected ones never.
 */
export function visiblePhotos(photos: readonly StoredPhoto[], seesHidden: boolean): StoredPhoto[] {
  return photos.filter((p) => {
    const check = checkOf(p);
    return check === 'pass' || (seesHidden && (check === 'pending' || check === 'review'));
  });
}

/** Temporary URLs for every visible photo of many documents and their thumbnails: one getTempFileURL call per 50 files. */
export function photoUrls(lists: readonly StoredPhoto[][]): Promise<Map<string, string>> {
  return tempUrlMap(lists.flat().flatMap((p) => (p.thumb ? [p.fileID, p.thumb.fileID] : [p.fileID])));
}

export function toPhotoViews(photos: readonly StoredPhoto[], urls: Map<string, string>): PhotoView[] {
  return photos.map((p) => {
    const url = urls.get(p.fileID) ?? '';
    const check = checkOf(p);
    return {
      fileID: p.fileID,
      url,
      thumbUrl: (p.thumb && urls.get(p.thumb.fileID)) || url,
      check: check === 'pass' ? 'pass' : check === 'review' ? 'review' : 'pending',
    };
  });
}
