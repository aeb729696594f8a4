/**
 * Durability and store safety: acknowledged writes survive kill -9, a corrupt store is refused with
 * DataDirError and left untouched, and data (Dates included) survives close/reopen.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, DataDirError } from '../../emulator/db';
import { COLLECTIONS } from '../../cloudfunctions/shared/collections';

const root = path.resolve(__dirname, '../..');
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'db-dur-'));
const DB_FILE = 'emulator.sqlite';

async function listAll(dir: string, coll: string): Promise<Array<Record<string, unknown>>> {
  const db = openDatabase({ dir, collections: COLLECTIONS });
  try {
    const out: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += 1000) {
      const res = (await db.handle('database.getDocument', { collectionName: coll, queryType: 'WHERE', offset, limit: 1000 })) as {
        data: { list: string[] };
      };
      out.push(...res.data.list.map((s) => JSON.parse(s) as Record<string, unknown>));
      if (res.data.list.length < 1000) return out;
    }
  } finally {
    db.close();
  }
}

test('every acknowledged write survives kill -9 and the store opens again', async () => {
  const dir = tmp();
  // node --import tsx (not the tsx CLI, which forks a grandchild) so SIGKILL hits the writer itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'db-writer.fixture.ts'), dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: string[] = [];
  const touched: string[] = [];
  let buf = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith('touched ')) touched.push(l.slice(8));
        else if (l) acked.push(l);
      }
      if (acked.length >= 300) {
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
  const docs = await listAll(dir, 'audit');
  const ids = new Set(docs.map((d) => d._id as string));
  for (const id of acked) expect(ids.has(id)).toBe(true);
  const byId = new Map(docs.map((d) => [d._id as string, d]));
  for (const id of touched) expect(byId.get(id)?.touched).toBe(true);
}, 60000);

test('a store of garbage bytes is refused with DataDirError naming the path and npm run reset; the file is untouched', () => {
  const dir = tmp();
  const file = path.join(dir, DB_FILE);
  const garbage = Buffer.from(Array.from({ length: 8192 }, (_v, i) => (i * 7919) % 251));
  fs.writeFileSync(file, garbage);
  let err: unknown;
  try {
    openDatabase({ dir, collections: COLLECTIONS });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DataDirError);
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toContain('npm run reset');
  expect((err as Error).message).toMatch(/数据库/);
  expect(fs.readFileSync(file).equals(garbage)).toBe(true);
});

test('a store with damaged pages is refused, not wiped', async () => {
  const dir = tmp();
  const db = openDatabase({ dir, collections: COLLECTIONS });
  const data = Array.from({ length: 500 }, (_v, i) => JSON.stringify({ i, text: 'y'.repeat(300) }));
  await db.handle('database.insertDocument', { collectionName: 'audit', data });
  db.close();
  const file = path.join(dir, DB_FILE);
  const bytes = fs.readFileSync(file);
  for (let i = 4096 * 2; i < 4096 * 6; i++) bytes[i] = 0xa5;
  fs.writeFileSync(file, bytes);
  expect(() => openDatabase({ dir, collections: COLLECTIONS })).toThrow(DataDirError);
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
});

test('an unwritable data directory is a DataDirError', () => {
  const dir = tmp();
  const blocker = path.join(dir, 'file');
  fs.writeFileSync(blocker, 'x');
  expect(() => openDatabase({ dir: path.join(blocker, 'db'), collections: COLLECTIONS })).toThrow(DataDirError);
});

test('data, Dates, natural order and created collections survive close and reopen', async () => {
  const dir = tmp();
  const db = openDatabase({ dir, collections: COLLECTIONS, now: () => new Date('2026-01-01T00:00:00Z') });
  await db.handle('database.addCollection', { collectionName: 'later' });
  await db.handle('database.insertDocument', {
    collectionName: 'later',
    data: [
      JSON.stringify({ _id: 'b', at: { $tcb_server_date: { offset: { $numberInt: '5' } } } }),
      JSON.stringify({ _id: 'a', n: { $numberDouble: '2.5' } }),
    ],
  });
  db.close();
  const again = openDatabase({ dir, collections: COLLECTIONS });
  const res = (await again.handle('database.getDocument', { collectionName: 'later', queryType: 'WHERE' })) as { data: { list: string[] } };
  expect(res.data.list).toEqual(['{"_id":"b","at":{"$date":{"$numberLong":"1767225600005"}}}', '{"_id":"a","n":{"$numberDouble":"2.5"}}']);
  expect(again.stats()).toEqual({ 'database.getDocument': 1 });
  again.close();
});
