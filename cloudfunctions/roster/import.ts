/**
 * Roster import in two steps. previewImport is a dry run that checks every row and parks the rows to write
 * in chunks; commitImport writes chunk after chunk within a time budget per call, moving a cursor on the job,
 * so a big roster fits the cloud function timeout and an interrupted import resumes where it stopped.
 */
import type { ImportJob, Member, Org, RosterRow } from '../../types/models';
import { isSampleRow, type ImportProgress, type ImportReport, type RosterColumn } from '../../types/roster';
import { AppError } from '../shared/errors';
import { log } from '../shared/log';
import { audit } from '../shared/repositories/audit';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { chunkId, importChunks } from '../shared/repositories/import-chunks';
import { imports, type ChunkCounts } from '../shared/repositories/imports';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { PAGE_LIMIT } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';
import { downloadFile } from '../shared/storage';
import { changedFields, checkRows, halfWidth, OrgTree, readHeader, resolveRows } from './check';
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
/** Reads in flight at once (a transaction's writes go one at a time). */
const READ_POOL = 4;

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

/** The dry run: `scope` is the org the router authorised (the action's target). */
export async function previewImport(scope: Org, p: { fileID: string; fileName: string }, actor: string): Promise<ImportReport> {
  // Only a file uploaded for this org's import may be read: a fileID elsewhere in storage is refused.
  if (!isImportUpload(p.fileID, scope._id)) throw new AppError('INVALID_ARGUMENT', '文件：请重新选择要导入的文件', 'fileID');
  const table = await readTable(await downloadFile(p.fileID));
  const { columns, problems: headerProblems } = readHeader(table.header);
  const tree = new OrgTree(await orgs.all({ archived: false }));

  // The template's sample rows are skipped before any check: a template uploaded unchanged adds nobody.
  const cellOf = (cells: string[], col: RosterColumn) => {
    const i = columns[col];
    return i === undefined ? '' : halfWidth(cells[i] ?? '').trim();
  };
  const samples = table.rows.filter((r) => isSampleRow(cellOf(r.cells, '学号'), cellOf(r.cells, '姓名'))).map((r) => r.row);
  const real = { ...table, rows: table.rows.filter((r) => !samples.includes(r.row)) };
  const candidates = checkRows(real, columns, tree, scope);
  const existing = await existingMembers(candidates.filter((c) => c.reasons.length === 0).map((c) => c.studentNo));
  const { total, rows, errors } = resolveRows(candidates, existing, tree);

  const toWrite = rows.filter((r) => r.change !== 'unchanged');
  const chunks = chunked(toWrite, CHUNK_ROWS);
  const jobId = newJobId();
  await inPool(chunks, READ_POOL, (chunkRows, index) => importChunks.stage({ _id: chunkId(jobId, index), jobId, index, rows: chunkRows }));
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
    samples: samples.length,
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
    samples,
    headerProblems,
  };
}

export function progressOf(
  job: Pick<ImportJob, '_id' | 'status' | 'valid' | 'created' | 'updated' | 'unchanged' | 'errorCount' | 'samples'>,
): ImportProgress {
  return {
    jobId: job._id,
    status: job.status,
    total: job.valid,
    processed: job.created + job.updated + job.unchanged,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    errorCount: job.errorCount,
    samples: job.samples ?? 0,
  };
}

type Snapshot = Pick<Member, 'name' | 'branchId' | 'groupId' | 'orgPath' | 'isLeagueMember' | 'isCadre' | 'post'>;

function snapshot(m: Partial<Member>, keys: (keyof Snapshot)[]): Partial<Snapshot> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = m[k];
  return out as Partial<Snapshot>;
}

/** The audit id of a chunk's write: each chunk is written once, whichever commit call gets there first. */
const chunkKey = (jobId: string, index: number): string => `roster.import:${jobId}:${index}`;

/**
 * Writes one chunk against the members as they are now, not as they were at preview: a member bound
 * since keeps their openid (updates never name it), and a member moved to another branch meanwhile is
 * left alone rather than moved silently. The chunk's member writes, the job's cursor and counts and the
 * audit entry are one transaction; null when another commit call wrote this chunk first.
 */
async function writeChunk(job: ImportJob, scope: Org, index: number, rows: RosterRow[], actor: string): Promise<ChunkCounts | null> {
  try {
    return await withAudit(actor, async (w) => {
      const current = await existingMembers(rows.map((r) => r.studentNo));
      const created: string[] = [];
      const updated: { studentNo: string; before: Partial<Snapshot>; after: Partial<Snapshot> }[] = [];
      let unchanged = 0;
      for (const r of rows) {
        const cur = current.get(r.studentNo);
        const { row: _row, change: _change, ...next } = r;
        if (!cur) {
          created.push(r.studentNo);
          await w.put(members, { _id: `m-${r.studentNo}`, ...next, openid: null });
          continue;
        }
        const diff = changedFields(cur, next);
        const keys = Object.keys(diff) as (keyof Snapshot)[];
        if (keys.length === 0 || cur.branchId !== next.branchId) {
          unchanged += 1;
          continue;
        }
        updated.push({ studentNo: r.studentNo, before: snapshot(cur, keys), after: snapshot(diff, keys) });
        await w.patch(members, cur._id, diff);
      }
      const counts = { created: created.length, updated: updated.length, unchanged };
      await w.patch(imports, job._id, imports.advanced(index, job.chunkCount, counts));
      await w.audit({
        action: 'roster.import',
        target: job._id,
        before: { chunk: index, updated: updated.map((u) => ({ studentNo: u.studentNo, ...u.before })) },
        after: { chunk: index, created, updated: updated.map((u) => ({ studentNo: u.studentNo, ...u.after })) },
        scope,
        once: chunkKey(job._id, index),
      });
      return counts;
    });
  } catch (err) {
    if (isDuplicateKey(err) && (await audit.byId(chunkKey(job._id, index)))) return null;
    throw err;
  }
}

/** Commits the next chunks of a previewed job; `scope` is its org, which the router authorised. */
export async function commitImport(job: ImportJob, scope: Org, actor: string, budgetMs = commitBudget()): Promise<ImportProgress> {
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
    const counts = await writeChunk(job, scope, state.cursor, chunk.rows, actor);
    if (!counts) {
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
