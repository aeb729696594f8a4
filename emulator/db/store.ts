/**
 * Durable storage in SQLite: one row per document. WAL + synchronous=FULL, and every admin request is
 * written in one SQLite transaction, so an acknowledged write survives kill -9 and a torn write rolls back.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DataDirError } from './errors';

const FORMAT_VERSION = 1;
export const DB_FILE = 'emulator.sqlite';

export interface StoredRow {
  coll: string;
  id: string;
  seq: number;
  doc: string;
}

export interface RowWrite {
  coll: string;
  id: string;
  seq: number;
  /** null deletes the row. */
  doc: string | null;
}

export class Store {
  private readonly db: Database.Database;
  private readonly putStmt: Database.Statement<[string, string, number, string]>;
  private readonly delStmt: Database.Statement<[string, string]>;
  private readonly addCollStmt: Database.Statement<[string]>;
  readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, DB_FILE);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new DataDirError(dir, `cannot create directory: ${(e as Error).message}`);
    }
    let db: Database.Database;
    try {
      db = new Database(this.file);
    } catch (e) {
      throw new DataDirError(this.file, (e as Error).message);
    }
    try {
      // Read-only checks first: a garbage file fails here (SQLITE_NOTADB) before anything is written.
      const check = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      if (check.length !== 1 || check[0].quick_check !== 'ok') {
        throw new Error(`integrity check failed: ${check.map((r) => r.quick_check).join('; ')}`);
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > FORMAT_VERSION) throw new Error(`store format ${version} is newer than this emulator`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`
        CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS docs (
          coll TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL,
          PRIMARY KEY (coll, id)) WITHOUT ROWID;`);
      if (version < FORMAT_VERSION) db.pragma(`user_version = ${FORMAT_VERSION}`);
    } catch (e) {
      db.close();
      if (e instanceof DataDirError) throw e;
      throw new DataDirError(this.file, (e as Error).message);
    }
    this.db = db;
    this.putStmt = db.prepare(
      'INSERT INTO docs (coll, id, seq, doc) VALUES (?, ?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET doc = excluded.doc',
    );
    this.delStmt = db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?');
    this.addCollStmt = db.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)');
  }

  collections(): string[] {
    return (this.db.prepare('SELECT name FROM collections').all() as Array<{ name: string }>).map((r) => r.name);
  }

  /** All rows of all collections in insertion order. */
  rows(): StoredRow[] {
    return this.db.prepare('SELECT coll, id, seq, doc FROM docs ORDER BY seq').all() as StoredRow[];
  }

  /** Write a batch atomically (one SQLite transaction, fsynced at commit). */
  write(newCollections: string[], writes: RowWrite[]): void {
    if (newCollections.length === 0 && writes.length === 0) return;
    this.db.transaction(() => {
      for (const c of newCollections) this.addCollStmt.run(c);
      for (const w of writes) {
        if (w.doc === null) this.delStmt.run(w.coll, w.id);
        else this.putStmt.run(w.coll, w.id, w.seq, w.doc);
      }
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
