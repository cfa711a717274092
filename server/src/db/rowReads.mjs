// Point reads of whole rows by id, shared by the read threads (readWorker.mjs) and the read pool's own
// connection on the main thread (readPool.ts: a few rows by primary key cost less there than a round
// trip to a thread). Plain JavaScript, so a read thread loads it without a TypeScript loader.

/** the declared column types of "Run", per connection */
const runColumnsOf = new WeakMap();

/**
 * Run rows by id, in the order of `ids` (missing ones left out): booleans and dates converted as Prisma
 * converts them (from the declared column types). `prepare(sql)` returns a (cached) statement.
 */
export function runRows(db, prepare, ids) {
  let runColumns = runColumnsOf.get(db);
  if (!runColumns) {
    runColumns = db.prepare('PRAGMA table_info("Run")').all().map((c) => ({ name: c.name, type: String(c.type).toUpperCase() }));
    runColumnsOf.set(db, runColumns);
  }
  const out = new Map();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const r of prepare(`SELECT * FROM "Run" WHERE "id" IN (${chunk.map(() => '?').join(',')})`).all(...chunk)) {
      for (const c of runColumns) {
        const v = r[c.name];
        if (v === null || v === undefined) continue;
        if (c.type === 'BOOLEAN') r[c.name] = v === 1 || v === true;
        else if (c.type === 'DATETIME') r[c.name] = new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
      }
      out.set(r.id, r);
    }
  }
  return ids.map((id) => out.get(id)).filter((r) => r !== undefined);
}

/** Weights rows of these runs, ordered by id (Prisma's order without orderBy); each blob copied into a Uint8Array of its own */
export function weightRows(prepare, runIds) {
  const out = [];
  for (let i = 0; i < runIds.length; i += 500) {
    const chunk = runIds.slice(i, i + 500);
    for (const r of prepare(`SELECT * FROM "Weights" WHERE "runId" IN (${chunk.map(() => '?').join(',')}) ORDER BY "id"`).all(...chunk)) {
      for (const k of ['w', 'a', 'skip']) if (r[k] != null) r[k] = new Uint8Array(r[k]);
      out.push(r);
    }
  }
  return out;
}
