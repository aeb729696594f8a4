import type { Org } from '../../../types/models';
import { Repository } from './repository';

class OrgRepository extends Repository<Org> {
  constructor() {
    super('orgs');
  }

  children(parentId: string): Promise<Org[]> {
    return this.all({ parentId, archived: false }, { field: 'order', direction: 'asc' });
  }
}

export const orgs = new OrgRepository();
