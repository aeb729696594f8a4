import type { SignSession } from '../../../types/models';
import { db } from '../cloud';
import { Repository } from './repository';

/** Error text of a unique-index violation as CloudBase passes MongoDB's through. */
export function isDuplicateKey(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String((err as { errMsg?: unknown }).errMsg ?? '')}` : String(err);
  return /E11000|duplicate key/i.test(text);
}

class SignSessionRepository extends Repository<SignSession> {
  constructor() {
    super('signSessions');
  }

  /** The session a QR code's key names (the key index is unique). */
  byKey(key: string): Promise<SignSession | null> {
    return this.first({ key });
  }

  /** The open session of a branch for a round: the earliest, should two ever be open. */
  openOf(campaignId: string, roundKey: string, branchId: string): Promise<SignSession | null> {
    return this.first({ branchId, roundKey, status: 'open', campaignId }, { field: 'createdAt', direction: 'asc' });
  }

  /** Every open session of a branch for a round, earliest first (normally one). */
  async allOpen(campaignId: string, roundKey: string, branchId: string): Promise<SignSession[]> {
    const open = await this.page({ branchId, roundKey, status: 'open', campaignId }, { order: { field: 'createdAt', direction: 'asc' } });
    return open.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a._id.localeCompare(b._id));
  }

  /** Closes the session if it is still open; false when someone closed it first. */
  async closeIfOpen(id: string): Promise<boolean> {
    const res = (await this.collection()
      .where({ _id: id, status: 'open' })
      .update({ data: { status: 'closed', closedAt: db().serverDate() } })) as { stats: { updated: number } };
    return res.stats.updated > 0;
  }
}

export const signSessions = new SignSessionRepository();
