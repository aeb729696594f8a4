import fs from 'fs';
import path from 'path';
import type { IncomingMessage, ServerResponse } from 'http';
import { contentTypeFor } from './mime';

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>党团共建·创先争优（本地）</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>尚未构建 H5 版本</h1>
<p>本地模拟器已启动，但没有找到 H5 构建产物（index.html）。</p>
<p>请先运行 <code>npm run build:h5</code>，然后刷新本页。</p>
</body></html>
`;

/** Serves the H5 build: files as they are, unknown page paths as index.html (single-page app). */
export function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, staticDir: string | undefined): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
    res.end('Method Not Allowed');
    return;
  }
  const root = staticDir ? path.resolve(staticDir) : null;
  const index = root ? path.join(root, 'index.html') : null;
  if (!root || !index || !fs.existsSync(index)) {
    send(req, res, 200, Buffer.from(MISSING_BUILD_PAGE), 'text/html; charset=utf-8');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = pathname;
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file.startsWith(root + path.sep) && isFile(file)) {
    send(req, res, 200, fs.readFileSync(file), contentTypeFor(file));
    return;
  }
  if (path.extname(decoded) && path.extname(decoded) !== '.html') {
    send(req, res, 404, Buffer.from('Not Found'), 'text/plain; charset=utf-8');
    return;
  }
  send(req, res, 200, fs.readFileSync(index), 'text/html; charset=utf-8');
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
