/**
 * Offline `prisma migrate diff`: applies the committed migrations to a scratch SQLite file with our
 * runner, then asks Prisma's wasm schema engine (@prisma/schema-engine-wasm, driven through the
 * better-sqlite3 adapter; the CLI's native engine is a download we cannot make) for the SQL that takes
 * that database to prisma/schema.prisma. In sync: "-- This is an empty migration.".
 *
 *   node --import tsx/esm server/src/db/schemaDiff.ts                 print the pending SQL
 *   node --import tsx/esm server/src/db/schemaDiff.ts --create NAME   write prisma/migrations/<stamp>_NAME/migration.sql
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { MIGRATIONS_DIR, migrate } from './migrate.ts';

export const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/schema.prisma');
export const EMPTY_MIGRATION = '-- This is an empty migration.';

interface WasmEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string }>;
}

async function loadEngine(schema: string, factory: unknown): Promise<WasmEngine> {
  // Node 20 cannot `import` a .wasm module: instantiate it by hand and hand it to the JS bindings
  const bgUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const dir = dirname(fileURLToPath(bgUrl));
  const bg = (await import(bgUrl)) as { __wbg_set_wasm(x: unknown): void; SchemaEngine: { new: (o: unknown, cb: (m: string) => void, a: unknown) => Promise<WasmEngine> } };
  // (the WebAssembly global is not in this project's lib typings)
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;
  const { instance } = await wasm.instantiate(readFileSync(join(dir, 'schema_engine_bg.wasm')), { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => undefined, factory);
}

/** SQL that takes a database built from the committed migrations to schema.prisma */
export async function pendingSchemaSql(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-schema-diff-'));
  try {
    const file = join(dir, 'migrated.db');
    migrate(file);
    const schema = readFileSync(SCHEMA_PATH, 'utf8');
    const factory = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: file }));
    const engine = await loadEngine(schema, factory);
    const files = [{ path: 'schema.prisma', content: schema }];
    const r = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: dirname(SCHEMA_PATH) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return r.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sql = await pendingSchemaSql();
  const i = process.argv.indexOf('--create');
  if (i < 0) process.stdout.write(sql + '\n');
  else if (sql === EMPTY_MIGRATION) process.stdout.write('schema.prisma and the migrations agree; nothing to create\n');
  else {
    const name = process.argv[i + 1];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('--create needs a name of lowercase letters, digits and _');
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const folder = join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'migration.sql'), sql + '\n');
    process.stdout.write(`wrote ${join(folder, 'migration.sql')}\n`);
  }
}
