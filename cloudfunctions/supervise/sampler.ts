/**
 * The spot-check sampler (Rivest's consistent sampler), byte for byte as scripts/verify-draw.mjs recomputes it:
 *
 *  - The frozen list is UTF-8 text: every candidate id followed by '\n' (LF, also after the last), ids sorted
 *    ascending by their UTF-8 bytes, no duplicates, no BOM. Its hash is SHA-256 of exactly those bytes, in
 *    lower-case hex (what `sha256sum list.txt` prints).
 *  - The seed is the text entered at draw time, trimmed; it holds no ':' (types/supervise.ts SEED_PATTERN).
 *  - Each candidate's score is SHA-256 of the UTF-8 bytes of `${seed}:${id}`, lower-case hex.
 *  - The sample is the k candidates with the smallest scores, compared as hex strings (= as bytes), in that order;
 *    equal scores (never seen for SHA-256) fall back to the id's order.
 * Never `% n` and never a redraw: the server refuses a second seed for a draw.
 */
import { createHash } from 'node:crypto';

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The published list file for these candidates (sorted and deduplicated here). */
export function listFile(ids: readonly string[]): Buffer {
  const sorted = [...new Set(ids)].sort(byBytes);
  return Buffer.from(sorted.map((id) => `${id}\n`).join(''), 'utf8');
}

/** The candidates of a list file, refusing one that is not in the canonical form. */
export function parseList(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('list file must end with a line feed');
  const ids = text.length === 0 ? [] : text.slice(0, -1).split('\n');
  if (!listFile(ids).equals(bytes)) throw new Error('list file is not sorted, has duplicates or empty lines');
  return ids;
}

export const scoreOf = (seed: string, id: string): string => sha256Hex(`${seed}:${id}`);

/** The k candidates with the smallest SHA-256(seed:id), smallest first. */
export function sample(ids: readonly string[], seed: string, k: number): { id: string; score: string }[] {
  return ids
    .map((id) => ({ id, score: scoreOf(seed, id) }))
    .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : byBytes(a.id, b.id)))
    .slice(0, k);
}
