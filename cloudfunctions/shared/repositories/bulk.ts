import type { CollectionName } from '../collections';
import { db } from '../cloud';
import type { Where } from './repository';

/**
 * Multi-document writes by condition: one request whatever the number of matching documents (the
 * 100-document cap applies to reads, not to where-updates). Returns how many documents changed.
 */
export async function updateWhere(collection: CollectionName, where: Where, data: Where): Promise<number> {
  const res = (await db().collection(collection).where(where).update({ data })) as { stats: { updated: number } };
  return res.stats.updated;
}

export async function removeWhere(collection: CollectionName, where: Where): Promise<number> {
  const res = (await db().collection(collection).where(where).remove()) as { stats: { removed: number } };
  return res.stats.removed;
}

/** True for the database's duplicate-key refusal (a unique index said no). */
export function isDuplicateKey(err: unknown): boolean {
  const text = err instanceof Error ? err.message : typeof err === 'object' && err ? JSON.stringify(err) : String(err);
  return /E11000|duplicate key/i.test(text);
}
