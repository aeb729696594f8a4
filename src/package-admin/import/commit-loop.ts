/** The commit loop of a roster import: commitImport until 'done', reporting each step. */
import type { ImportProgress } from '@contract/roster';
import { call } from '@/services/cloud';

/** Resolves with the final progress; rejects with the first error (call again to resume). */
export async function runCommitLoop(
  jobId: string,
  onProgress: (p: ImportProgress) => void,
  isCancelled: () => boolean = () => false,
): Promise<ImportProgress> {
  for (let step = 0; step < 100_000; step += 1) {
    const p = await call('roster', 'commitImport', { jobId });
    if (isCancelled()) return p;
    onProgress(p);
    if (p.status === 'done') return p;
  }
  throw new Error('import did not finish');
}

export function percent(p: Pick<ImportProgress, 'processed' | 'total' | 'status'>): number {
  if (p.status === 'done') return 100;
  if (p.total <= 0) return 0;
  return Math.min(100, Math.round((p.processed / p.total) * 100));
}
