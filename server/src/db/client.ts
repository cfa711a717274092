/**
 * Opens the store: applies migrations, then hands out one Prisma client (driver adapter, no engine) for
 * all reads and writes. The server process is the only writer.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client.ts';
import { migrate } from './migrate.ts';
import { lockStore } from './lock.ts';
import { ReadPool, registerReadPool } from './readPool.ts';

export { StoreLockedError } from './lock.ts';

export type Db = PrismaClient;
export { PrismaClient };

/** $XDG_DATA_HOME/recovery-lab/rlab.db, or ~/.local/share/recovery-lab/rlab.db */
export function defaultDbFile(): string {
  const base = process.env.XDG_DATA_HOME && process.env.XDG_DATA_HOME !== '' ? process.env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'recovery-lab', 'rlab.db');
}

export interface OpenedStore {
  db: Db;
  file: string;
  migrationsApplied: string[];
  close(): Promise<void>;
}

/**
 * Open the store for this process: first the exclusive lock of the file (one server per database file;
 * StoreLockedError names the other process), then migrations, then the client.
 */
export async function openStore(file: string): Promise<OpenedStore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const lock = file === ':memory:' ? null : lockStore(file);
  try {
    const migrationsApplied = migrate(file);
    const adapter = new PrismaBetterSqlite3({ url: file, timeout: 5000 }, { timestampFormat: 'iso8601' });
    const db = new PrismaClient({ adapter });
    await db.$connect();
    // per-connection settings (journal_mode=WAL is already persistent in the file)
    await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    // heavy reads on read-only connections in worker threads (readPool.ts); RLAB_READ_THREADS=0: all on this thread
    const reads = file === ':memory:' || process.env.RLAB_READ_THREADS === '0' ? null : new ReadPool(file);
    if (reads) registerReadPool(db, reads);
    return {
      db,
      file,
      migrationsApplied,
      close: async () => {
        try {
          await reads?.close();
          await db.$disconnect();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
