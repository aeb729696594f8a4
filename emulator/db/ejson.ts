/**
 * EJSON in and out, mirroring the pinned SDK: it sends canonical EJSON strings (bson 4 `EJSON.stringify`
 * with relaxed:false) and parses every returned document with `EJSON.parse` (relaxed). We parse the
 * same way, so numbers become JS numbers and `$date` becomes Date, and answer canonical EJSON.
 */
import { EJSON, BSONRegExp } from 'bson';

export type Doc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Parse one EJSON text from the SDK. `$tcb_server_date` is resolved against `now`. */
export function parseEJSON(text: string, now: () => Date, forQuery: boolean): unknown {
  const raw: unknown = EJSON.parse(text, { relaxed: true });
  return resolveSpecial(raw, now, forQuery);
}

/** Replace SDK-only markers and, in queries, BSON regexes by JS RegExp (what mingo understands). */
export function resolveSpecial(v: unknown, now: () => Date, forQuery: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => resolveSpecial(x, now, forQuery));
  if (v instanceof BSONRegExp) {
    // JS has no 'x' (extended) or 'l' flags; keep the ones it understands.
    return forQuery ? new RegExp(v.pattern, v.options.replace(/[^imsu]/g, '')) : v;
  }
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = v.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now().getTime() + offset);
  }
  // Legacy query form {$regex, $options} that a raw query may carry: leave to mingo.
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = resolveSpecial(v[k], now, forQuery);
  return out;
}

/** Canonical EJSON text of a stored value (Dates as {$date:{$numberLong}}, ints as $numberInt...). */
export function toEJSON(v: unknown): string {
  return EJSON.stringify(v as Doc, { relaxed: false });
}

/** Parse a stored document (written by toEJSON). */
export function fromStored(text: string): Doc {
  const v: unknown = EJSON.parse(text, { relaxed: true });
  if (!isPlainObject(v)) throw new Error('stored document is not an object');
  return v;
}

/** Deep copy keeping Dates as Dates and BSON value objects (immutable) by reference. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => clone(x)) as unknown as T;
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = clone(v[k]);
    return out as T;
  }
  return v;
}

/** Structural equality for change detection (Mongo's nModified semantics). */
export function sameValue(a: unknown, b: unknown): boolean {
  return toEJSON({ v: a }) === toEJSON({ v: b });
}
