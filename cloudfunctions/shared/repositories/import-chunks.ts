import type { ImportChunk } from '../../../types/models';
import { Repository } from './repository';

class ImportChunkRepository extends Repository<ImportChunk> {
  constructor() {
    super('importChunks');
  }

  static idOf(jobId: string, index: number): string {
    return `${jobId}-${index}`;
  }

  byIndex(jobId: string, index: number): Promise<ImportChunk | null> {
    return this.byId(ImportChunkRepository.idOf(jobId, index));
  }

  /** Parks previewed rows until the commit (a dry run's scratch data: no audit). */
  stage(chunk: ImportChunk): Promise<void> {
    return this.put(chunk);
  }
}

export const chunkId = ImportChunkRepository.idOf;
export const importChunks = new ImportChunkRepository();
