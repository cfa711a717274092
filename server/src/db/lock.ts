/**
 * One server per database file (issue 12 item 6). Beside `rlab.db` a small SQLite file `rlab.db.lock`
 * holds the owner (pid, host, start time); the owner keeps a read transaction open on it for its whole
 * life. SQLite's locks are POSIX advisory locks held by the process, so they die with it: a kill -9
 * leaves no stale lock, and the next server takes over at once.
 *
 * Taking the lock: write our pid into the owner row and COMMIT. A commit needs SQLite's EXCLUSIVE lock,
 * which no process gets while another holds a SHARED lock, so the commit succeeds only when no live
 * owner exists. Then open the read transaction (SHARED) and read the row back: from then on nobody can
 * commit, so whoever reads its own pid is the one owner (two that commit one after the other both open
 * their read transaction, and only the later writer reads its own pid).
 */
import { hostname } from 'node:os';
import Database from 'better-sqlite3';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export class StoreLockedError extends Error {
  readonly code = 'STORE_LOCKED';
  constructor(
    readonly file: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      `the database ${file} is in use by another Recovery Lab server` +
        (owner ? ` (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt})` : '') +
        `; stop that process, or pass --db FILE to use another database`,
    );
    this.name = 'StoreLockedError';
  }
}

export interface StoreLock {
  file: string;
  release(): void;
}

export function lockFileOf(dbFile: string): string {
  return `${dbFile}.lock`;
}

function readOwner(db: Database.Database): LockOwner | null {
  try {
    const row = db.prepare('SELECT pid, host, startedAt FROM owner WHERE id = 1').get() as LockOwner | undefined;
    return row ?? null;
  } catch {
    return null;
  }
}

/** take the lock of `dbFile` for this process, or throw StoreLockedError naming the file and the owner */
export function lockStore(dbFile: string): StoreLock {
  const file = lockFileOf(dbFile);
  const db = new Database(file, { timeout: 1000 });
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, host TEXT NOT NULL, startedAt TEXT NOT NULL, token TEXT NOT NULL)');
    // a token, so that a pid reused across machines or restarts is not mistaken for ours
    const token = `${me.host}:${me.pid}:${me.startedAt}:${Math.random()}`;
    try {
      db.prepare('INSERT INTO owner (id, pid, host, startedAt, token) VALUES (1, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, host = excluded.host, startedAt = excluded.startedAt, token = excluded.token').run(me.pid, me.host, me.startedAt, token);
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new StoreLockedError(dbFile, readOwner(db));
      throw err;
    }
    db.exec('BEGIN');
    const row = db.prepare('SELECT token FROM owner WHERE id = 1').get() as { token: string } | undefined;
    if (row?.token !== token) {
      const owner = readOwner(db);
      db.exec('ROLLBACK');
      throw new StoreLockedError(dbFile, owner);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}
