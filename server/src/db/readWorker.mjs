// A read-only SQLite connection in a worker thread (readPool.ts): the heavy read queries of the API (runs
// pages, counts, phase diagrams) run here, off the server's main thread. Plain JavaScript, so a thread
// starts in milliseconds without a TypeScript loader.
//
// Messages in:  { id, kind: 'rows', sql, params }                 -> { id, rows }
//               { id, kind: 'page', select, order, params, offset, limit } -> { id, rows }
//               { id, kind: 'runs', ids }                         -> { id, rows } (whole Run rows, typed as Prisma types them)
//               { id, kind: 'weights', runIds }                   -> { id, rows } (Weights rows, blobs as Uint8Array)
//               { id, kind: 'version' }                           -> { id, version }
// Errors come back as { id, error, code }.
//
// 'page' is offset paging that stays fast deep in a list: a page near the start is one LIMIT/OFFSET
// query; past DIRECT_OFFSET rows, the first request for a (filter, order) sorts its matches once and
// keeps the sorted (key, id) list, from which every later page at any offset is a slice. A list is kept
// for the generation of the runs it was sorted from (readPool.ts: RunGeneration, bumped by triggers at
// every change of a run in its scope) and sorted again once that changed; at most MAX_LISTS are kept
// (about 16 bytes a row: 16 MB for a million rows).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { runRows, weightRows } from './rowReads.mjs';

const DIRECT_OFFSET = 1000;
const MAX_LISTS = 6;

const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
db.pragma('query_only = ON');
db.pragma('cache_size = -65536');
db.pragma('mmap_size = 268435456');

const statements = new Map();
function prepare(sql) {
  let s = statements.get(sql);
  if (!s) {
    s = db.prepare(sql);
    statements.set(sql, s);
    if (statements.size > 500) statements.delete(statements.keys().next().value);
  }
  return s;
}

/** sorted lists by (select, order, params), each with the generation it was sorted at */
const lists = new Map();

/**
 * select: `SELECT "id", EXPR AS k FROM "Run" WHERE (...)`; order: { expr, desc }. Rows ordered by (k, id)
 * in the given direction, `limit` of them from `offset`.
 */
function page({ select, order, params, offset, limit, generation }) {
  const dir = order.desc ? 'DESC' : 'ASC';
  const orderBy = ` ORDER BY ${order.expr} ${dir}, "id" ${dir}`;
  const key = `${select}|${dir}|${JSON.stringify(params)}`;
  let list = lists.get(key);
  if (list && list.generation !== generation) {
    lists.delete(key);
    list = undefined;
  }
  if (!list && offset < DIRECT_OFFSET) return prepare(`${select}${orderBy} LIMIT ? OFFSET ?`).all(...params, limit, offset);
  if (!list) {
    const ids = [];
    const keys = [];
    for (const r of prepare(`${select}${orderBy}`).raw().iterate(...params)) {
      ids.push(r[0]);
      keys.push(r[1]);
    }
    list = { ids, keys, generation };
    if (lists.size >= MAX_LISTS) lists.delete(lists.keys().next().value);
    lists.set(key, list);
  } else {
    // most recently used last
    lists.delete(key);
    lists.set(key, list);
  }
  const out = [];
  for (let i = offset; i < Math.min(list.ids.length, offset + limit); i++) out.push({ id: list.ids[i], k: list.keys[i] });
  return out;
}

parentPort.on('message', (m) => {
  try {
    if (m.kind === 'version') parentPort.postMessage({ id: m.id, version: db.pragma('data_version', { simple: true }) });
    else if (m.kind === 'page') parentPort.postMessage({ id: m.id, rows: page(m) });
    else if (m.kind === 'runs') parentPort.postMessage({ id: m.id, rows: runRows(db, prepare, m.ids) });
    else if (m.kind === 'weights') parentPort.postMessage({ id: m.id, rows: weightRows(prepare, m.runIds) });
    else parentPort.postMessage({ id: m.id, rows: prepare(m.sql).all(...m.params) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err), code: err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined });
  }
});
