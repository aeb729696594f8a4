/**
 * MongoDB's refusals of an update whose path cannot hold the result, raised before the update runs so a
 * refused update writes nothing. CloudBase passes MongoDB's messages through as DATABASE_REQUEST_FAILED
 * (wx-server-sdk: errCode -502001); the texts follow MongoDB's (PathNotViable, BadValue, TypeMismatch).
 */
import { type Doc, isPlainObject } from './ejson';
import { requestFailed } from './errors';

/** Operators that create their path when it is missing. */
const CREATING = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$currentDate', '$push', '$addToSet']);
const NUMERIC = new Set(['$inc', '$mul']);

/** MongoDB's name for a value's BSON type, as its messages print it. */
function bsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) < 2 ** 31 ? 'int' : 'long') : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function show(v: unknown): string {
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const index = (seg: string): number | null => (/^\d+$/.test(seg) ? Number(seg) : null);

/** The value at a dotted path, or undefined when any step is missing or not a container. */
function valueAt(doc: Doc, segs: string[]): unknown {
  let cur: unknown = doc;
  for (const seg of segs) {
    if (Array.isArray(cur)) {
      const i = index(seg);
      if (i === null) return undefined;
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      cur = cur[seg];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** PathNotViable: an existing step on the way is a scalar (or an array with a named field). */
function checkViable(doc: Doc, segs: string[]): void {
  let cur: unknown = doc;
  for (let k = 0; k < segs.length - 1; k++) {
    const seg = segs[k];
    const next = Array.isArray(cur)
      ? index(seg) === null
        ? undefined
        : cur[index(seg) as number]
      : isPlainObject(cur)
        ? cur[seg]
        : undefined;
    if (next === undefined) return; // created from here on
    if (!isPlainObject(next) && !(Array.isArray(next) && index(segs[k + 1]) !== null)) {
      throw requestFailed(`[FailedOperation] Cannot create field '${segs[k + 1]}' in element {${seg}: ${show(next)}}`);
    }
    cur = next;
  }
}

/** Throws CloudBase's error when `op` cannot apply to `doc` at any of the paths in `arg`. */
export function checkUpdatePaths(doc: Doc, op: string, arg: Doc): void {
  for (const path of Object.keys(arg)) {
    const segs = path.split('.');
    if (segs.some((s) => s.startsWith('$'))) continue; // positional paths: mingo decides
    if (CREATING.has(op)) checkViable(doc, segs);
    const v = valueAt(doc, segs);
    if (v === undefined) continue;
    const field = segs[segs.length - 1];
    if (op === '$push' && !Array.isArray(v)) {
      throw requestFailed(
        `[FailedOperation] The field '${path}' must be an array but is of type ${bsonType(v)} in document {_id: ${show(doc._id)}}`,
      );
    }
    if (op === '$addToSet' && !Array.isArray(v)) {
      throw requestFailed(
        `[FailedOperation] Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${bsonType(v)}`,
      );
    }
    if ((op === '$pull' || op === '$pullAll') && !Array.isArray(v)) {
      throw requestFailed(`[FailedOperation] Cannot apply ${op} to a non-array value`);
    }
    if (op === '$pop' && !Array.isArray(v)) {
      throw requestFailed(`[FailedOperation] Path '${path}' contains an element of non-array type '${bsonType(v)}'`);
    }
    if (NUMERIC.has(op) && typeof v !== 'number') {
      throw requestFailed(
        `[FailedOperation] Cannot apply ${op} to a value of non-numeric type. {_id: ${show(doc._id)}} has the field '${field}' of non-numeric type ${bsonType(v)}`,
      );
    }
  }
}
