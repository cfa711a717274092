/**
 * Migrations at start: a database created by an older version (only the first migration) and holding
 * data is brought up to date by `rlab serve` without losing anything; a second start applies nothing.
 */
import { afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { startServe, tempDir, type TestServer } from './helpers.ts';

let s: TestServer | undefined;
const dir = tempDir();
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

it('applies pending migrations to a database that already holds data', async () => {
  const dbFile = join(dir, 'old.db');
  const all = listMigrations();
  expect(all.length).toBeGreaterThanOrEqual(2);
  expect(migrate(dbFile, all.slice(0, 1))).toEqual([all[0]!.name]);
  const db = new Database(dbFile);
  db.prepare(`INSERT INTO "Experiment" (name, spec, specHash, status, createdAt, updatedAt) VALUES ('old', '{}', 'h', 'done', ?, ?)`).run(new Date().toISOString(), new Date().toISOString());
  db.prepare(
    `INSERT INTO "Run" (experimentId, status, architecture, program, planted, n, d, seed, recovered, distance, certified, nic, createdAt) VALUES (1, 'done', 'plain', 'exact', 'relu', 20, 5, 7, 1, 1e-9, 1, 0.5, ?)`,
  ).run(new Date().toISOString());
  expect(() => db.prepare(`SELECT tags FROM "Run"`).all()).toThrow();
  db.close();

  s = await startServe({ dir, dbFile });
  for (let i = 0; i < 50 && !s.stderr().includes('rlab: database'); i++) await new Promise((ok) => setTimeout(ok, 50));
  expect(s.stderr()).toContain(all[1]!.name);
  const r = await s.gql(`{ runs { totalCount nodes { id n d seed recovered tags notes experiment { name } } } phaseDiagram { cells { n d trials successes pCertified } } }`);
  expect(r.errors).toBeUndefined();
  expect(r.data!.runs.nodes[0]).toMatchObject({ n: 20, d: 5, seed: 7, recovered: true, tags: [], notes: '', experiment: { name: 'old' } });
  expect(r.data!.phaseDiagram.cells).toEqual([{ n: 20, d: 5, trials: 1, successes: 1, pCertified: 1 }]);
  const t = await s.gql(`mutation { tagRun(id: "1", add: ["kept"]) { tags } }`);
  expect(t.data!.tagRun.tags).toEqual(['kept']);
  await s.stop();

  const check = new Database(dbFile, { readonly: true });
  const rows = check.prepare(`SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`).all() as { migration_name: string; checksum: string }[];
  expect(rows.map((m) => m.migration_name)).toEqual(all.map((m) => m.name));
  expect(rows.map((m) => m.checksum)).toEqual(all.map((m) => m.checksum));
  expect((check.pragma('journal_mode') as { journal_mode: string }[])[0]!.journal_mode).toBe('wal');
  check.close();
  expect(migrate(dbFile)).toEqual([]);
});
