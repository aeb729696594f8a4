import fs from 'fs';
import path from 'path';
import type { IncomingMessage, ServerResponse } from 'http';
import { MB, BodyTooLargeError, readBody } from '../http/body';
import { contentTypeFor } from '../http/mime';
import { diskPath, isSafeCloudPath } from './file-id';
import { isFile, safeDecode, type StorageContext } from './storage-actions';

const MAX_UPLOAD = 50 * MB;

/**
 * `/storage/<cloudPath>`: GET/HEAD reads a file (the temp URLs), PUT writes one (the upload URL the
 * SDK gets from storage.getUploadMetadata; success is an empty 200 body, as COS answers).
 */
export async function handleStorageHttp(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const cloudPath = safeDecode(pathname.slice('/storage/'.length));
  if (!isSafeCloudPath(cloudPath)) return cosError(res, 400, 'InvalidURI', 'invalid object key');
  const file = diskPath(ctx.root, cloudPath);
  if (req.method === 'PUT') {
    let body: Buffer;
    try {
      body = await readBody(req, MAX_UPLOAD);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return cosError(res, 400, 'EntityTooLarge', 'file larger than 50 MB');
      throw err;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
    res.writeHead(200, { 'content-length': '0' });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return cosError(res, 405, 'MethodNotAllowed', 'method not allowed');
  if (!isFile(file)) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  const data = fs.readFileSync(file);
  res.writeHead(200, { 'content-type': contentTypeFor(file), 'content-length': String(data.length) });
  res.end(req.method === 'HEAD' ? undefined : data);
}

function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<Resource></Resource><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(xml);
}
