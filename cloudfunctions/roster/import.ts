/**
 * Roster import in two steps. previewImport is a dry run that checks every row and parks the rows to write
 * in chunks; commitImport writes chunk after chunk within a time budget per call, moving a cursor on the job,
 * so a big roster fits the cloud function timeout and an interrupted import resumes where it stopped.
 */
import type { ImportJob, Member, RosterRow } from '../../types/models';
import type { ImportProgress, ImportReport } from '../../types/roster';
import { AppError, notFound } from '../shared/errors';
import { log } from '../shared/log';
import { audit } from '../shared/repositories/audit';
import { chunkId, importChunks } from '../shared/repositories/import-chunks';
import { imports, type ChunkCounts } from '../shared/repositories/imports';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { PAGE_LIMIT } from '../shared/repositories/repository';
import { downloadFile } from '../shared/storage';
import { changedFields, checkRows, locateColumns, OrgTree, resolveRows } from './check';
import { chunked, inPool } from './pool';
import { readTable } from './table';

export const CHUNK_ROWS = 500;
export const REPORTED_ERRORS = 200;
/**
 * Per commit call: well inside a cloud function's timeout, leaving room for the slowest chunk. Operators
 * can tune it to the deployed timeout with ROSTER_COMMIT_BUDGET_MS (tests set it tiny to force resumes).
 */
export const COMMIT_BUDGET_MS = 3_000;
const commitBudget = (): number => Number(process.env.ROSTER_COMMIT_BUDGET_MS) || COMMIT_BUDGET_MS;
/** Reads and writes in flight at once. */
const READ_POOL = 4;
const WRITE_POOL = 20;

function newJobId(): string {
  return `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Stored members by student number, 100 numbers per request. */
async function existingMembers(studentNos: string[]): Promise<Map<string, Member>> {
  const batches = await inPool(chunked(studentNos, PAGE_LIMIT), READ_POOL, (batch) => members.byStudentNos(batch));
  return new Map(batches.flat().map((m) => [m.studentNo, m]));
}

/** The app uploads import files to roster-imports/<orgId>/…; a fileID is cloud://<env>.<bucket>/<path>. */
export function isImportUpload(fileID: string, orgId: string): boolean {
  const path = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1] ?? '';
  return path.startsWith(`roster-imports/${orgId}/`) && !path.split('/').includes('..');
}

export async function previewImport(p: { orgId: string; fileID: string; fileName: string }, actor: string): Promise<ImportReport> {
  // Only a file uploaded for this org's import may be read: a fileID elsewhere in storage is refused.
  if (!isImportUpload(p.fileID, p.orgId)) throw new AppError('INVALID_ARGUMENT', '请重新选择要导入的文件', 'fileID');
  const [scope, buf] = await Promise.all([orgs.byId(p.orgId), downloadFile(p.fileID)]);
  if (!scope) throw notFound('组织');
  const table = await readTable(buf);
  const columns = locateColumns(table.header);
  const tree = new OrgTree(await orgs.all({ archived: false }));

  const candidates = checkRows(table, columns, tree, scope);
  const existing = await existingMembers(candidates.filter((c) => c.reasons.length === 0).map((c) => c.studentNo));
  const { total, rows, errors } = resolveRows(candidates, existing, tree);

  const toWrite = rows.filter((r) => r.change !== 'unchanged');
  const chunks = chunked(toWrite, CHUNK_ROWS);
  const jobId = newJobId();
  await inPool(chunks, READ_POOL, (chunkRows, index) => importChunks.put({ _id: chunkId(jobId, index), jobId, index, rows: chunkRows }));
  const count = (change: RosterRow['change']): number => rows.filter((r) => r.change === change).length;
  // The job is written last: a job never points at chunks that are not there.
  await imports.create({
    _id: jobId,
    scopeOrgId: scope._id,
    fileID: p.fileID,
    fileName: p.fileName,
    createdBy: actor,
    status: 'previewed',
    total,
    valid: rows.length,
    errorCount: errors.length,
    errors: errors.slice(0, REPORTED_ERRORS),
    chunkCount: chunks.length,
    cursor: 0,
    created: 0,
    updated: 0,
    // Rows already as stored count as processed from the start; commit adds what it finds unchanged.
    unchanged: count('unchanged'),
  });
  return {
    jobId,
    fileName: p.fileName,
    total,
    valid: rows.length,
    errorCount: errors.length,
    errors: errors.slice(0, REPORTED_ERRORS),
    toCreate: count('create'),
    toUpdate: count('update'),
    unchanged: count('unchanged'),
  };
}

export function progressOf(job: Pick<ImportJob, '_id' | 'status' | 'valid' | 'created' | 'updated' | 'unchanged'>): ImportProgress {
  return {
    jobId: job._id,
    status: job.status,
    total: job.valid,
    processed: job.created + job.updated + job.unchanged,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
  };
}

type Snapshot = Pick<Member, 'name' | 'branchId' | 'groupId' | 'orgPath' | 'isLeagueMember' | 'isCadre' | 'post'>;

function snapshot(m: Partial<Member>, keys: (keyof Snapshot)[]): Partial<Snapshot> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = m[k];
  return out as Partial<Snapshot>;
}

/**
 * Writes one chunk against the members as they are now, not as they were at preview: a row written by an
 * interrupted earlier call is found unchanged, a member bound since keeps their openid (updates never name
 * it), and a member moved to another branch meanwhile is left alone rather than moved silently.
 */
async function writeChunk(job: ImportJob, index: number, rows: RosterRow[], actor: string): Promise<ChunkCounts> {
  const current = await existingMembers(rows.map((r) => r.studentNo));
  const created: string[] = [];
  const updated: { studentNo: string; before: Partial<Snapshot>; after: Partial<Snapshot> }[] = [];
  let unchanged = 0;
  const writes: (() => Promise<unknown>)[] = [];
  for (const r of rows) {
    const cur = current.get(r.studentNo);
    const { row: _row, change: _change, ...next } = r;
    if (!cur) {
      const doc: Omit<Member, '_id'> = { ...next, openid: null };
      created.push(r.studentNo);
      writes.push(() => members.put({ _id: `m-${r.studentNo}`, ...doc }));
      continue;
    }
    const diff = changedFields(cur, next);
    const keys = Object.keys(diff) as (keyof Snapshot)[];
    if (keys.length === 0 || cur.branchId !== next.branchId) {
      unchanged += 1;
      continue;
    }
    updated.push({ studentNo: r.studentNo, before: snapshot(cur, keys), after: snapshot(diff, keys) });
    writes.push(() => members.patch(cur._id, diff));
  }
  await inPool(writes, WRITE_POOL, (w) => w());
  if (writes.length > 0) {
    await audit.record({
      actor,
      action: 'roster.import',
      target: job._id,
      before: { chunk: index, updated: updated.map((u) => ({ studentNo: u.studentNo, ...u.before })) },
      after: { chunk: index, created, updated: updated.map((u) => ({ studentNo: u.studentNo, ...u.after })) },
    });
  }
  return { created: created.length, updated: updated.length, unchanged };
}

export async function commitImport(job: ImportJob, actor: string, budgetMs = commitBudget()): Promise<ImportProgress> {
  if (job.status === 'done') return progressOf(job);
  if (job.chunkCount === 0) {
    await imports.finishEmpty(job._id);
    return progressOf({ ...job, status: 'done' });
  }
  const started = Date.now();
  let slowest = 0;
  const state = { ...job };
  while (state.cursor < state.chunkCount) {
    // Always write at least one chunk per call, then only start another if it should still fit the budget.
    if (state.cursor > job.cursor && Date.now() - started + slowest > budgetMs) break;
    const chunkStarted = Date.now();
    const chunk = await importChunks.byIndex(job._id, state.cursor);
    if (!chunk) throw new AppError('INTERNAL', `导入数据缺失（第 ${state.cursor + 1} 批）`);
    const counts = await writeChunk(job, state.cursor, chunk.rows, actor);
    const advanced = await imports.advance(job._id, state.cursor, state.chunkCount, counts);
    if (!advanced) {
      // Another call is committing the same job and recorded this chunk first; report what is stored.
      const fresh = await imports.byId(job._id);
      return progressOf(fresh ?? state);
    }
    state.cursor += 1;
    state.created += counts.created;
    state.updated += counts.updated;
    state.unchanged += counts.unchanged;
    state.status = state.cursor >= state.chunkCount ? 'done' : 'committing';
    slowest = Math.max(slowest, Date.now() - chunkStarted);
  }
  log('info', 'roster.commit', { jobId: job._id, cursor: state.cursor, chunkCount: state.chunkCount, ms: Date.now() - started });
  return progressOf(state);
}
