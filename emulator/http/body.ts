import type { IncomingMessage } from 'http';
import { isRecord } from '../../types/guards';

/** The body was larger than allowed; the rest of it has been read and discarded. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export const MB = 1024 * 1024;

/**
 * Reads the whole body. Beyond `limit` it keeps draining (so the client sees our answer rather than
 * a reset connection) and then rejects with BodyTooLargeError.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Parses JSON text into a plain object, or returns null when it is not a JSON object. */
export function parseJsonObject(buf: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(buf.toString('utf8'));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

// One guard for the app and the emulator: types/guards.ts.
export { isRecord };
