/**
 * One collection in memory: documents in insertion order, equality indexes on the first field of each
 * declared index (plus _id through the map itself), and the unique indexes' key maps.
 */
import { type Doc, isPlainObject, toEJSON } from './ejson';

/**
 * The engine's own description of an index. The app's declaration (cloudfunctions/shared/collections.ts)
 * fits it structurally, so the generic engine does not depend on app code.
 */
export interface IndexSpec {
  name: string;
  /** Field paths in key order, 1 ascending / -1 descending. */
  fields: Readonly<Record<string, 1 | -1>>;
  unique?: boolean;
  /** With unique: documents where any indexed field is null or missing are not constrained. */
  sparse?: boolean;
}

/** A collection the engine creates at open, with the indexes it keeps and enforces. */
export interface CollectionSpec {
  name: string;
  indexes: readonly IndexSpec[];
}

/** A value's key in an equality index. Numbers of either BSON type compare equal, as in MongoDB. */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (v instanceof Date) return `d:${v.getTime()}`;
  return `o:${toEJSON({ v })}`;
}

/** Values of a dotted path, expanding arrays along the way (MongoDB multikey semantics). */
export function pathValues(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) {
    const out: unknown[] = [];
    for (const el of doc) out.push(...pathValues(el, path));
    return out;
  }
  if (!isPlainObject(doc)) return [undefined];
  const [head, ...rest] = path;
  return pathValues(doc[head], rest);
}

/** Keys under which a document is found by an equality on `path`: each array element and the array. */
export function indexKeys(doc: Doc, path: string[]): Set<string> {
  const keys = new Set<string>();
  const add = (v: unknown): void => {
    keys.add(valueKey(v));
    if (Array.isArray(v)) for (const el of v) keys.add(valueKey(el));
  };
  // Walk without the final array expansion so both the array itself and its elements are keyed.
  const walk = (v: unknown, rest: string[]): void => {
    if (rest.length === 0) return add(v);
    if (Array.isArray(v)) {
      for (const el of v) walk(el, rest);
      return;
    }
    if (!isPlainObject(v)) return add(undefined);
    walk(v[rest[0]], rest.slice(1));
  };
  walk(doc, path);
  return keys;
}

export interface UniqueIndex {
  decl: IndexSpec;
  paths: string[][];
  owners: Map<string, string>;
}

/** The unique key of a document, or null when a sparse index does not constrain it. */
export function uniqueKey(u: UniqueIndex, doc: Doc): string | null {
  const parts: string[] = [];
  for (const p of u.paths) {
    const vals = pathValues(doc, p);
    const v = vals.length === 1 ? vals[0] : vals;
    if ((v === undefined || v === null) && u.decl.sparse) return null;
    parts.push(valueKey(v));
  }
  return JSON.stringify(parts);
}

export function describeKey(u: UniqueIndex, doc: Doc): string {
  const fields = u.paths.map((p) => {
    const vals = pathValues(doc, p);
    return `${p.join('.')}: ${JSON.stringify(vals.length === 1 ? (vals[0] ?? null) : vals)}`;
  });
  return `{ ${fields.join(', ')} }`;
}

export class Collection {
  readonly docs = new Map<string, Doc>();
  /** Insertion sequence per id: natural order, persisted. */
  readonly seq = new Map<string, number>();
  /** field path → value key → ids. */
  readonly eq = new Map<string, Map<string, Set<string>>>();
  readonly uniques: UniqueIndex[] = [];

  constructor(
    readonly name: string,
    decl: CollectionSpec | undefined,
  ) {
    for (const idx of decl?.indexes ?? []) {
      const first = Object.keys(idx.fields)[0];
      if (first && first !== '_id' && !this.eq.has(first)) this.eq.set(first, new Map());
      if (idx.unique) {
        this.uniques.push({ decl: idx, paths: Object.keys(idx.fields).map((f) => f.split('.')), owners: new Map() });
      }
    }
  }

  /** Put (insert or replace) a document whose constraints were already checked. */
  put(id: string, doc: Doc, seq: number): void {
    const old = this.docs.get(id);
    if (old) this.unindex(id, old);
    this.docs.set(id, doc);
    if (!this.seq.has(id)) this.seq.set(id, seq);
    for (const [field, map] of this.eq) {
      for (const k of indexKeys(doc, field.split('.'))) {
        let set = map.get(k);
        if (!set) map.set(k, (set = new Set()));
        set.add(id);
      }
    }
    for (const u of this.uniques) {
      const k = uniqueKey(u, doc);
      if (k !== null) u.owners.set(k, id);
    }
  }

  delete(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    this.unindex(id, old);
    this.docs.delete(id);
    this.seq.delete(id);
  }

  private unindex(id: string, doc: Doc): void {
    for (const [field, map] of this.eq) {
      for (const k of indexKeys(doc, field.split('.'))) {
        const set = map.get(k);
        if (set) {
          set.delete(id);
          if (set.size === 0) map.delete(k);
        }
      }
    }
    for (const u of this.uniques) {
      const k = uniqueKey(u, doc);
      if (k !== null && u.owners.get(k) === id) u.owners.delete(k);
    }
  }
}
