/**
 * Minimal multipart/form-data reader for the admin calls the SDK sends as form data (wx.openApi):
 * every part becomes a Buffer by its field name.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> | null {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) return null;
  const boundary = Buffer.from('--' + (match[1] ?? match[2]).trim());
  const fields: Record<string, Buffer> = {};
  let pos = body.indexOf(boundary);
  if (pos < 0) return null;
  for (;;) {
    pos += boundary.length;
    if (body.slice(pos, pos + 2).toString() === '--') break;
    pos += 2; // CRLF after the boundary
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return null;
    const headers = body.slice(pos, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) return null;
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) fields[name] = body.slice(headerEnd + 4, next - 2); // strip CRLF before boundary
    pos = next;
  }
  return fields;
}
