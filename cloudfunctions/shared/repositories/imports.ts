import type { ImportJob } from '../../../types/models';
import { db } from '../cloud';
import { Repository } from './repository';

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
    const now = db().serverDate();
    await this.collection()
      .doc(_id)
      .set({ data: { ...rest, createdAt: now, updatedAt: now } });
  }

  /**
   * Records that chunk `index` is written: moves the cursor on and adds the chunk's counts, in one write
   * that only applies while the cursor still points at this chunk. Two overlapping commit calls therefore
   * cannot count a chunk twice; false means another call got there first.
   */
  async advance(jobId: string, index: number, chunkCount: number, counts: ChunkCounts): Promise<boolean> {
    const _ = db().command;
    const res = (await this.collection()
      .where({ _id: jobId, cursor: index })
      .update({
        data: {
          cursor: index + 1,
          status: index + 1 >= chunkCount ? 'done' : 'committing',
          created: _.inc(counts.created),
          updated: _.inc(counts.updated),
          unchanged: _.inc(counts.unchanged),
          updatedAt: db().serverDate(),
        },
      })) as { stats: { updated: number } };
    return res.stats.updated > 0;
  }

  /** A job with nothing to write is done as soon as someone asks to commit it. */
  async finishEmpty(jobId: string): Promise<void> {
    await this.collection()
      .where({ _id: jobId, status: 'previewed' })
      .update({ data: { status: 'done', updatedAt: db().serverDate() } });
  }
}

export const imports = new ImportRepository();
