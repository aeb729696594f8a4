import type { ReleaseRequest } from '../../../types/models';
import { Repository } from './repository';

class ReleaseRequestRepository extends Repository<ReleaseRequest> {
  constructor() {
    super('releaseRequests');
  }

  /** Open requests of these branches, oldest first: one request per 100 branches (and per 100 requests). */
  openOfBranches(branchIds: readonly string[]): Promise<ReleaseRequest[]> {
    return this.allWhereIn('branchId', branchIds, { status: 'open' }, { field: 'createdAt', direction: 'asc' });
  }

  /** Open requests about one roster entry. */
  openOfMember(memberId: string): Promise<ReleaseRequest[]> {
    return this.all({ memberId, status: 'open' });
  }
}

export const releaseRequests = new ReleaseRequestRepository();
