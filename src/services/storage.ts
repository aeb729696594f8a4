/**
 * Files: upload a picked file to cloud storage and open a download link.
 *
 * weapp: Taro.cloud.uploadFile({ cloudPath, filePath }) with the temp path from chooseMessageFile.
 * h5:    POST /api/local/upload?cloudPath=… with the raw file as body (same-origin session cookie) → { fileID }.
 */
import Taro from '@tarojs/taro';
import type { FileLink } from '@contract/roster';
import { today } from '@/utils/date';
import { CloudError, getHttpOptions, isRecord } from './cloud';

/** What the file picker hands over: a temp path on the weapp, a File (Blob) in the browser. */
export type PickedFile =
  { kind: 'path'; path: string; name: string; size: number } | { kind: 'blob'; blob: Blob; name: string; size: number };

/** A cloud path for an upload: folder/yyyymmdd (Shanghai day)-random-name (the name keeps its extension). */
export function uploadPath(folder: string, fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._\-\u4e00-\u9fa5]/g, '_').slice(-80) || 'file';
  const stamp = today().replace(/-/g, '');
  const rand = Math.random().toString(36).slice(2, 10);
  return `${folder}/${stamp}-${rand}-${safe}`;
}

function readBlob(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });
}

async function uploadH5(cloudPath: string, blob: Blob): Promise<string> {
  const options = getHttpOptions();
  let bytes: ArrayBuffer;
  try {
    bytes = await readBlob(blob);
  } catch {
    throw new CloudError('INVALID_ARGUMENT', '无法读取所选文件');
  }
  let response: Response;
  try {
    response = await fetch(`${options.baseUrl ?? ''}/api/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
      body: new Uint8Array(bytes),
    });
  } catch {
    throw new CloudError('NETWORK');
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = isRecord(body) && typeof body.errMsg === 'string' ? body.errMsg : '文件上传失败';
    throw new CloudError(
      response.status === 401 ? 'UNAUTHENTICATED' : response.status === 413 || response.status === 400 ? 'INVALID_ARGUMENT' : 'INTERNAL',
      message,
    );
  }
  if (!isRecord(body) || typeof body.fileID !== 'string') throw new CloudError('INTERNAL', '服务器返回了无法识别的内容');
  return body.fileID;
}

async function uploadWeapp(cloudPath: string, filePath: string): Promise<string> {
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath });
    return res.fileID;
  } catch {
    throw new CloudError('NETWORK', '文件上传失败，请重试');
  }
}

/** Uploads the file and resolves with its fileID. */
export function uploadFile(cloudPath: string, file: PickedFile): Promise<string> {
  if (file.kind === 'path') return uploadWeapp(cloudPath, file.path);
  return uploadH5(cloudPath, file.blob);
}

/** weapp only: picks a spreadsheet from a chat. Resolves null when the person cancels. */
export async function chooseSpreadsheetFromChat(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    const f = res.tempFiles[0];
    if (!f) return null;
    return { kind: 'path', path: f.path, name: f.name, size: f.size };
  } catch {
    return null;
  }
}

/** Opens a download link: a new tab in the browser; download + openDocument on the weapp. */
export async function openFileLink(link: FileLink): Promise<void> {
  if (!IS_H5) {
    try {
      // Saved under the file's own name (计科2301班团支部-花名册-2026-11-30.xlsx): 转发 and 用其他应用打开 show it.
      const dir = Taro.env.USER_DATA_PATH;
      const filePath = dir ? `${dir}/${link.fileName.replace(/[\\/:*?"<>|]/g, '_')}` : undefined;
      const res = await Taro.downloadFile({ url: link.url, filePath });
      const ext = link.fileName.split('.').pop()?.toLowerCase();
      await Taro.openDocument({ filePath: filePath ?? res.tempFilePath, fileType: ext === 'csv' ? undefined : 'xlsx', showMenu: true });
    } catch {
      throw new CloudError('NETWORK', '文件下载失败，请重试');
    }
    return;
  }
  if (typeof window !== 'undefined' && typeof window.open === 'function') {
    const opened = window.open(link.url, '_blank');
    if (!opened) window.location.href = link.url;
  }
}
