import type { Award } from '../../../types/commend';
import { Repository } from './repository';

class AwardRepository extends Repository<Award> {
  constructor() {
    super('awards');
  }

  byCode(code: string): Promise<Award | null> {
    return this.first({ code });
  }

  /** A member's awards (any commendation), newest first. */
  ofSubject(subjectId: string): Promise<Award[]> {
    return this.page({ subjectId }, { order: { field: 'issuedAt', direction: 'desc' } });
  }

  /** Remembers the certificate's 小程序码 once drawn (bookkeeping: the award itself does not change). */
  async setQr(id: string, qrFileID: string): Promise<void> {
    await this.updateWhere({ _id: id, qrFileID: null }, { qrFileID });
  }
}

export const awards = new AwardRepository();
