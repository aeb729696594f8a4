import { AppError } from './errors';
import { sdk } from './cloud';

/** getTempFileURL accepts at most this many files per call on the platform. */
export const TEMP_URL_BATCH = 50;

/** Largest upload we agree to parse: a roster of tens of thousands of rows is well under this. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Reads a file the client uploaded; a missing or foreign file is the caller's mistake, not ours. */
export async function downloadFile(fileID: string): Promise<Buffer> {
  let content: unknown;
  try {
    const res = (await sdk().downloadFile({ fileID })) as { fileContent?: unknown };
    content = res.fileContent;
  } catch {
    throw new AppError('NOT_FOUND', '文件不存在或已过期，请重新上传', 'fileID');
  }
  if (!Buffer.isBuffer(content)) throw new AppError('NOT_FOUND', '文件不存在或已过期，请重新上传', 'fileID');
  if (content.length > MAX_DOWNLOAD_BYTES) throw new AppError('INVALID_ARGUMENT', '文件过大（最大 20 MB）', 'fileID');
  return content;
}

/** The cloud path inside a fileID (`cloud://<env>.<bucket>/<path>`), or null when it is not one. */
export function cloudPathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  if (!m) return null;
  const path = m[1];
  if (/[\\\0?#]/.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return path;
}

/** Deletes files, 50 a call (the platform's limit); a file already gone is not an error. */
export async function deleteFiles(fileIDs: readonly string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += TEMP_URL_BATCH) {
    await sdk().deleteFile({ fileList: fileIDs.slice(i, i + TEMP_URL_BATCH) });
  }
}

export async function uploadFile(cloudPath: string, fileContent: Buffer): Promise<string> {
  const res = (await sdk().uploadFile({ cloudPath, fileContent })) as { fileID: string };
  return res.fileID;
}

/**
 * Temporary download URLs, in the order asked, batched by the platform's 50-file limit. A file that does
 * not exist maps to null, so callers can tell "gone" from "present".
 */
export async function tempFileURLs(fileIDs: readonly string[]): Promise<(string | null)[]> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < fileIDs.length; i += TEMP_URL_BATCH) {
    const batch = fileIDs.slice(i, i + TEMP_URL_BATCH);
    const res = (await sdk().getTempFileURL({ fileList: [...batch] })) as {
      fileList: { fileID: string; tempFileURL: string; status: number }[];
    };
    for (const f of res.fileList) out.set(f.fileID, f.status === 0 && f.tempFileURL ? f.tempFileURL : null);
  }
  return fileIDs.map((id) => out.get(id) ?? null);
}

/** fileID → temporary URL ('' when the file is gone) for many files at once, each asked once. */
export async function tempUrlMap(fileIDs: Iterable<string>): Promise<Map<string, string>> {
  const all = [...new Set(fileIDs)];
  const urls = all.length ? await tempFileURLs(all) : [];
  return new Map(all.map((id, i) => [id, urls[i] ?? '']));
}
