import type { AuditEntry } from '../../../types/models';
import { db } from '../cloud';
import { Repository } from './repository';

class AuditRepository extends Repository<AuditEntry> {
  constructor() {
    super('audit');
  }

  /** Who did what to which document, with the state before and after; time from the server clock. */
  async record(entry: Omit<AuditEntry, '_id' | 'at'>): Promise<void> {
    await this.collection().add({ data: { ...entry, at: db().serverDate() } });
  }
}

export const audit = new AuditRepository();
