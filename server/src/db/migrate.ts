/**
 * Applies the committed migrations in prisma/migrations at server start, on new and existing databases.
 *
 * Why not `prisma migrate deploy`: the Prisma CLI spawns a native schema engine that it downloads, which
 * cannot happen offline (../shared/environment.md). The SQL files are the ones Prisma writes
 * (`migrate diff --script`), and the bookkeeping table is Prisma's own `_prisma_migrations` with the same
 * columns and sha256 checksums, so `prisma migrate deploy/status` agree with what this runner did.
 * Each migration runs in one transaction: a failing migration leaves the database as it was.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** SQLite settings every connection of ours uses: WAL lets readers run beside the single writer. */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
}

/** apply every pending migration; returns the names applied now */
export function migrate(file: string, migrations: Migration[] = listMigrations()): string[] {
  const db = new Database(file, { timeout: 5000 });
  try {
    configureConnection(db);
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const done = new Map(
      (db.prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as { migration_name: string; checksum: string }[]).map(
        (r) => [r.migration_name, r.checksum],
      ),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) process.stderr.write(`rlab: warning: migration ${m.name} was modified after it was applied\n`);
        continue;
      }
      const started = new Date().toISOString();
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}
