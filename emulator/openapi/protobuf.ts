/**
 * Just enough of the protobuf wire format for wx-server-sdk's openapi messages:
 * CommApiData { 1 apiType int32, 2 openapiData OpenApiData, 6 appid string },
 * OpenApiData { 1 pairs KeyValuePair[] }, KeyValuePair { 1 key, 2 value bytes, 3 contenttype, 4 filename },
 * CommOpenApiResp { 1 respData bytes, 2 contentType string, 3 errorCode int32, 4 httpCode uint32 }.
 */
type Field = { no: number; varint?: bigint; bytes?: Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = BigInt(0);
  let shift = BigInt(0);
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += BigInt(7);
    if (shift > BigInt(63)) throw new Error('varint too long');
  }
}

export function decodeFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const no = Number(tag >> BigInt(3));
    const wire = Number(tag & BigInt(7));
    if (wire === 0) {
      const [value, next] = readVarint(buf, pos);
      fields.push({ no, varint: value });
      pos = next;
    } else if (wire === 2) {
      const [len, next] = readVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new Error('truncated field');
      fields.push({ no, bytes: buf.subarray(next, end) });
      pos = end;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return fields;
}

export interface OpenApiRequest {
  apiType: number;
  appid: string;
  /** Each pair's value is the JSON text of one (snake_case) parameter. */
  params: Record<string, Buffer>;
}

export function decodeCommApiData(buf: Buffer): OpenApiRequest {
  const req: OpenApiRequest = { apiType: 0, appid: '', params: {} };
  for (const f of decodeFields(buf)) {
    if (f.no === 1 && f.varint !== undefined) req.apiType = Number(f.varint);
    if (f.no === 6 && f.bytes) req.appid = f.bytes.toString('utf8');
    if (f.no === 2 && f.bytes) {
      for (const pairField of decodeFields(f.bytes)) {
        if (pairField.no !== 1 || !pairField.bytes) continue;
        let key = '';
        let value = Buffer.alloc(0);
        for (const kv of decodeFields(pairField.bytes)) {
          if (kv.no === 1 && kv.bytes) key = kv.bytes.toString('utf8');
          if (kv.no === 2 && kv.bytes) value = Buffer.from(kv.bytes);
        }
        if (key) req.params[key] = value;
      }
    }
  }
  return req;
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(value));
  do {
    let byte = Number(v & BigInt(0x7f));
    v >>= BigInt(7);
    if (v > BigInt(0)) byte |= 0x80;
    out.push(byte);
  } while (v > BigInt(0));
  return Buffer.from(out);
}

function lengthDelimited(no: number, data: Buffer): Buffer {
  return Buffer.concat([varint((no << 3) | 2), varint(data.length), data]);
}

export interface OpenApiResponse {
  respData: Buffer;
  contentType: string;
  errorCode?: number;
  httpCode?: number;
}

export function encodeCommOpenApiResp(resp: OpenApiResponse): Buffer {
  const parts = [lengthDelimited(1, resp.respData), lengthDelimited(2, Buffer.from(resp.contentType))];
  if (resp.errorCode) parts.push(varint((3 << 3) | 0), varint(resp.errorCode));
  parts.push(varint((4 << 3) | 0), varint(resp.httpCode ?? 200));
  return Buffer.concat(parts);
}
