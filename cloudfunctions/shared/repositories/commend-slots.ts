import type { CommendSlot } from '../../../types/commend';
import { Repository } from './repository';

/** Quota slots: a nomination holds one per level it passed; the ids are the quota's seats (see types/commend.ts). */
class CommendSlotRepository extends Repository<CommendSlot> {
  constructor() {
    super('commendSlots');
  }
}

export const commendSlots = new CommendSlotRepository();
