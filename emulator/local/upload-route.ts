import fs from 'fs';
import path from 'path';
import type { IncomingMessage, ServerResponse } from 'http';
import { BodyTooLargeError, MB, readBody } from '../http/body';
import { sendJson } from '../http/respond';
import { diskPath, isSafeCloudPath, toFileId } from '../storage/file-id';
import type { StorageContext } from '../storage/storage-actions';
import { openidOf } from './session-routes';

const MAX_UPLOAD = 20 * MB;

/**
 * `POST /api/local/upload?cloudPath=…` (raw file body): what `wx.cloud.uploadFile` does for the weapp,
 * for the H5 build in local mode. Needs a signed-in local identity; answers `{ fileID }`.
 */
export async function handleLocalUpload(storage: StorageContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!openidOf(req)) {
    sendJson(res, 401, { errCode: -501000, errMsg: '请先登录', code: 'UNAUTHENTICATED' });
    return;
  }
  const cloudPath = url.searchParams.get('cloudPath') ?? '';
  if (!isSafeCloudPath(cloudPath)) {
    sendJson(res, 400, { errCode: -501007, errMsg: 'cloudPath 不合法', code: 'INVALID_PARAM' });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_UPLOAD);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    sendJson(res, 413, { errCode: -501007, errMsg: '文件不能超过 20 MB', code: 'EXCEED_REQUEST_LIMIT' });
    return;
  }
  const file = diskPath(storage.root, cloudPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  sendJson(res, 200, { fileID: toFileId(cloudPath) });
}
