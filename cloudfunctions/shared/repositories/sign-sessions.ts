import type { SignSession } from '../../../types/models';
import { Repository } from './repository';

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
}

export const signSessions = new SignSessionRepository();
