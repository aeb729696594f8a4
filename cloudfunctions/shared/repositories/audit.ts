import type { AuditEntry } from '../../../types/models';
import { Repository } from './repository';

/** The audit log. Entries are written only with their change, in one transaction (unit-of-work.ts). */
class AuditRepository extends Repository<AuditEntry> {
  constructor() {
    super('audit');
  }
}

export const audit = new AuditRepository();
