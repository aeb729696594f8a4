import type { ReleaseRequest } from '../../../types/models';
import { Repository } from './repository';

class ReleaseRequestRepository extends Repository<ReleaseRequest> {
  constructor() {
    super('releaseRequests');
  }
}

export const releaseRequests = new ReleaseRequestRepository();
