#!/usr/bin/env node
/**
 * Re-checks a Strive spot-check draw (随机抽查) on your own computer, with plain Node (≥ 16) and no dependencies.
 *
 * Usage:
 *   node scripts/verify-draw.mjs <list-file> <seed> <sample-size> [expected-list-hash]
 *   node scripts/verify-draw.mjs list.txt "3 5 1 6 2 4" 5 0f3a…
 *
 * <list-file>   the candidate list as published on the verification page (下载候选名单)
 * <seed>        the seed entered at the draw, exactly as shown (leading and trailing spaces are ignored)
 * <sample-size> how many were drawn
 * [hash]        the list's SHA-256 published before the draw; when given, the file must match it
 *
 * The format (the same as cloudfunctions/supervise/sampler.ts):
 *   list file  UTF-8, one candidate id per line, every line ending in "\n", ids sorted by their UTF-8 bytes,
 *              no duplicates; its hash is SHA-256 of the file's bytes in lower-case hex (= `sha256sum list.txt`).
 *   score      SHA-256 of the UTF-8 bytes of  seed + ":" + id, lower-case hex.
 *   sample     the <sample-size> ids with the smallest scores, smallest first.
 * Prints the list's hash, then one line per sampled id: rank, id, score. Exits 1 when the file or hash is wrong.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [file, rawSeed, rawSize, expectedHash] = process.argv.slice(2);
if (!file || rawSeed === undefined || !rawSize) {
  console.error('usage: node scripts/verify-draw.mjs <list-file> <seed> <sample-size> [expected-list-hash]');
  process.exit(2);
}
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const bytes = readFileSync(file);
const hash = sha256(bytes);
console.log(`list sha256 ${hash}`);
if (expectedHash && expectedHash.trim().toLowerCase() !== hash) {
  console.error(`MISMATCH: the published hash is ${expectedHash}`);
  process.exit(1);
}

const text = bytes.toString('utf8');
if (text.length > 0 && !text.endsWith('\n')) {
  console.error('the list must end with a line feed');
  process.exit(1);
}
const ids = text.length === 0 ? [] : text.slice(0, -1).split('\n');
const cmp = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
for (let i = 1; i < ids.length; i++) {
  if (cmp(ids[i - 1], ids[i]) >= 0) {
    console.error(`the list is not sorted or has a duplicate at line ${i + 1}`);
    process.exit(1);
  }
}

const seed = rawSeed.trim();
const size = Number(rawSize);
const scored = ids.map((id) => ({ id, score: sha256(Buffer.from(`${seed}:${id}`, 'utf8')) }));
scored.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : cmp(a.id, b.id)));
console.log(`candidates ${ids.length}, seed "${seed}", sample ${Math.min(size, ids.length)}`);
scored.slice(0, size).forEach((s, i) => console.log(`${i + 1}\t${s.id}\t${s.score}`));
