import type { ImportJob } from '../../../types/models';
import { Repository, serverTime } from './repository';

export type NewImportJob = Omit<ImportJob, 'createdAt' | 'updatedAt'>;

export interface ChunkCounts {
  created: number;
  updated: number;
  unchanged: number;
}

class ImportRepository extends Repository<ImportJob> {
  constructor() {
    super('imports');
  }

  /** Stores a previewed job; both timestamps come from the server clock. */
  async create(job: NewImportJob): Promise<void> {
    const { _id, ...rest } = job;
    const now = serverTime();
    await this.collection()
      .doc(_id)
      .set({ data: { ...rest, createdAt: now, updatedAt: now } });
  }

  /**
   * The job's changes once chunk `index` is written (for the chunk's transaction): the cursor moves on
   * and the chunk's counts are added.
   */
  advanced(index: number, chunkCount: number, counts: ChunkCounts): Record<string, unknown> {
    const _ = this.command();
    return {
      cursor: index + 1,
      status: index + 1 >= chunkCount ? 'done' : 'committing',
      created: _.inc(counts.created),
      updated: _.inc(counts.updated),
      unchanged: _.inc(counts.unchanged),
      updatedAt: serverTime(),
    };
  }

  /** A job with nothing to write is done as soon as someone asks to commit it. */
  async finishEmpty(jobId: string): Promise<void> {
    await this.updateWhere({ _id: jobId, status: 'previewed' }, { status: 'done', updatedAt: serverTime() });
  }
}

export const imports = new ImportRepository();
