import type { NotifyEvent } from '../../../types/notify';
import { isDuplicateKey } from './db-errors';
import { Repository } from './repository';

/** Reminder events: created once per deterministic id, then expanded into jobs page by page. */
class NotifyEventRepository extends Repository<NotifyEvent> {
  constructor() {
    super('notifyEvents');
  }

  /** Creates the event; false when it exists already (fired before). */
  async create(event: NotifyEvent): Promise<boolean> {
    try {
      await this.insert(event);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Events still being expanded into jobs, oldest first. */
  expanding(): Promise<NotifyEvent[]> {
    return this.page({ status: 'expanding' }, { limit: 20, order: { field: 'createdAt', direction: 'asc' } });
  }

  /** Records how far the expansion got; `done` ends it. */
  async advance(id: string, cursor: string | null, pages: number, done: boolean): Promise<void> {
    await this.updateWhere({ _id: id }, { cursor, pages, status: done ? 'ready' : 'expanding' });
  }

  recent(limit = 50): Promise<NotifyEvent[]> {
    return this.page({}, { limit, order: { field: 'createdAt', direction: 'desc' } });
  }
}

export const notifyEvents = new NotifyEventRepository();
