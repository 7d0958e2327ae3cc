// The reader thread (see reader.ts): one read-only connection per file, opened on first use. Errors go back as plain
// data — a SqliteError does not survive the thread boundary with its code.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { lowerThreadPriority } from '../threads.js';
import { read, type ReadAnswer, type ReadTask } from './reader.js';

lowerThreadPriority();

const connections = new Map<string, Database>();

function connection(file: string): Database {
  let db = connections.get(file);
  if (!db) {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    connections.set(file, db);
  }
  return db;
}

export default function readTask(task: ReadTask): ReadAnswer {
  try {
    return read(connection(task.file), task.query);
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    return { error: { code: typeof e.code === 'string' ? e.code : 'SQLITE_ERROR', message: String(e.message ?? err) } };
  }
}
