import fs from 'fs';
import { AdminError, invalidParam } from '../admin-error';
import { isRecord } from '../http/body';
import { cloudPathOf, diskPath, isSafeCloudPath, toFileId } from './file-id';

/** CloudBase caps getTempFileURL and deleteFile at 50 files a call (refused whole, nothing done). */
export const MAX_FILES_PER_CALL = 50;

function assertWithinCap(field: string, list: unknown[]): void {
  if (list.length > MAX_FILES_PER_CALL) {
    throw new AdminError('INVALID_PARAM', `${field} 长度不能超过 ${MAX_FILES_PER_CALL}（收到 ${list.length}）`, -501007);
  }
}

export interface StorageContext {
  /** `<dataDir>/storage` */
  root: string;
  /** Base URL of the emulator, e.g. http://127.0.0.1:3000 */
  baseUrl(): string;
}

/** The URL a stored file is read (GET) and written (PUT) at. */
export function fileUrl(ctx: StorageContext, cloudPath: string): string {
  return `${ctx.baseUrl()}/storage/${cloudPath}`;
}

export function getUploadMetadata(ctx: StorageContext, body: Record<string, unknown>): Record<string, unknown> {
  const cloudPath = body.path;
  if (typeof cloudPath !== 'string' || !isSafeCloudPath(cloudPath)) {
    throw invalidParam('path 不合法：需为相对路径，不能包含 .. 或空段');
  }
  const fileId = toFileId(cloudPath);
  return {
    data: {
      url: `${ctx.baseUrl()}/storage/${cloudPath.split('/').map(encodeURIComponent).join('/')}`,
      token: 'local-token',
      authorization: 'local-authorization',
      fileId,
      cosFileId: `local-cos-${Date.now()}`,
      download_url: fileUrl(ctx, cloudPath),
    },
  };
}

export function batchGetDownloadUrl(ctx: StorageContext, body: Record<string, unknown>): Record<string, unknown> {
  const list = body.file_list;
  if (!Array.isArray(list) || list.length === 0) throw invalidParam('file_list 必须是非空数组');
  assertWithinCap('file_list', list);
  const download_list = list.map((item: unknown) => {
    const fileID = isRecord(item) && typeof item.fileid === 'string' ? item.fileid : '';
    const maxAge = isRecord(item) && typeof item.max_age === 'number' ? item.max_age : 86400;
    const cloudPath = cloudPathOf(fileID);
    if (!cloudPath || !isFile(diskPath(ctx.root, cloudPath))) {
      return { fileID, tempFileURL: '', maxAge, code: 'STORAGE_FILE_NONEXIST' };
    }
    const sign = `sign=local&t=${Math.floor(Date.now() / 1000) + maxAge}`;
    return { fileID, tempFileURL: `${fileUrl(ctx, cloudPath)}?${sign}`, maxAge, code: 'SUCCESS' };
  });
  return { data: { download_list } };
}

export function batchDeleteFile(ctx: StorageContext, body: Record<string, unknown>): Record<string, unknown> {
  const list = body.fileid_list;
  if (!Array.isArray(list) || list.length === 0) throw invalidParam('fileid_list 必须是非空数组');
  assertWithinCap('fileid_list', list);
  const delete_list = list.map((fileID: unknown) => {
    const id = typeof fileID === 'string' ? fileID : '';
    const cloudPath = cloudPathOf(id);
    const file = cloudPath ? diskPath(ctx.root, cloudPath) : null;
    if (!file || !isFile(file)) return { fileID: id, code: 'STORAGE_FILE_NONEXIST' };
    fs.rmSync(file);
    return { fileID: id, code: 'SUCCESS' };
  });
  return { data: { delete_list } };
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
