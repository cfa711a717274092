/**
 * Reads off the main thread (issue 12, "Scale"): a few worker threads (readWorker.mjs), each with its own
 * read-only better-sqlite3 connection to the store, answer the heavy read queries (runs pages, counts,
 * phase diagrams), so requests no longer queue behind each other on the one thread that runs Apollo and
 * Prisma. SQLite in WAL mode lets these readers run beside the one writer.
 *
 * Answers are cached on the main thread, keyed by the SQL and its parameters and valid while the runs
 * they read are unchanged: every cached query reads only the "Run" table, and SQLite triggers bump
 * "RunGeneration" (one counter per experiment, migration run_generation) in the transaction of every
 * change of a run. A query whose filter names its experiments (a top-level experimentId list: its
 * `scope`) is valid while those experiments' counters are; any other while their sum is. So a sweep
 * that finishes a run every few milliseconds in experiment 7 leaves the answers about experiments 1-6
 * cached, and job leases, heartbeats and other tables' writes invalidate nothing (the cache used to
 * follow PRAGMA data_version, which every commit of every table changes).
 *
 * Services call `readRows(db, sql, params)` / `readPage(db, ...)` / `readRuns` / `readWeights`; without a
 * pool registered for that client (tests that build services by hand) they fall back to Prisma on the
 * main thread.
 *
 * Every read through a pool notes, in the `readTracker` store of the request it runs for (if any), which
 * generation it read: the experiments of its scope (null: all) and their counter, taken before the query
 * is sent, so the rows it gets are at least that new. The response cache (cache/responseCache.ts) keeps a
 * finished response with these notes and serves it again only while `isCurrent(notes)`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db } from './client.ts';
import { runRows, weightRows } from './rowReads.mjs';

export interface PageRequest {
  /** `SELECT "id", EXPR AS k FROM "Run" WHERE (...)` */
  select: string;
  order: { expr: string; desc: boolean };
  /** the experiments the filter is limited to (null: any) */
  scope?: number[] | null;
  params: unknown[];
  offset: number;
  limit: number;
}

type Reply = { id: number; rows?: unknown[]; version?: number; error?: string; code?: string };

export class ReadQueryError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ReadQueryError';
  }
}

const CACHE_ENTRIES = 256;

/**
 * Reads of at most this many rows by primary key (one run, its weights) run on the pool's own connection
 * on the main thread: about 20 to 50 microseconds there, against two thread hops per read (at
 * concurrency 16 a run with its weights spent 18% of the main thread in postMessage to the read threads).
 */
const POINT_READ_MAX = 8;

/** what one request read through a pool: per scope key ('*' for all experiments), the scope and the generation seen */
export interface ReadNotes {
  generations: Map<string, { scope: number[] | null; generation: number }>;
}

/** the notes of the request being served (cache/responseCache.ts runs each cacheable request in one) */
export const readTracker = new AsyncLocalStorage<ReadNotes>();

function scopeKey(scope: number[] | null | undefined): string {
  return scope ? scope.join(',') : '*';
}

export class ReadPool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; worker: number }>();
  private seq = 0;
  /** queries sent to the read threads (the rest were answered from the cache) */
  sent = 0;
  private rr = 0;
  private readonly version: Database.Database;
  private readonly generationAll: Database.Statement;
  private readonly generationOf = new Map<number, Database.Statement>();
  private readonly cache = new Map<string, { version: number; value: Promise<unknown[]> }>();
  private readonly pointStatements = new Map<string, Database.Statement>();
  private readonly preparePoint = (sql: string): Database.Statement => {
    let st = this.pointStatements.get(sql);
    if (!st) {
      st = this.version.prepare(sql);
      if (this.pointStatements.size < 64) this.pointStatements.set(sql, st);
    }
    return st;
  };
  private closed = false;

  constructor(
    private readonly file: string,
    readonly threads = Math.max(1, Math.min(4, Number(process.env.RLAB_READ_THREADS) || availableParallelism())),
  ) {
    this.version = new Database(file, { readonly: true, fileMustExist: true });
    this.generationAll = this.version.prepare('SELECT total("generation") AS g FROM "RunGeneration"').pluck();
  }

  /** the generation of `scope`, noted in the current request's notes (the first one seen per scope is kept: the oldest) */
  private noted(scope: number[] | null | undefined): number {
    const generation = this.generation(scope);
    const notes = readTracker.getStore();
    if (notes) {
      const key = scopeKey(scope);
      if (!notes.generations.has(key)) notes.generations.set(key, { scope: scope ?? null, generation });
    }
    return generation;
  }

  /** note the generation of all runs for a read that needs none itself, if a request is taking notes */
  private noteAll(): void {
    const notes = readTracker.getStore();
    if (notes && !notes.generations.has('*')) notes.generations.set('*', { scope: null, generation: this.generation(null) });
  }

  /** whether nothing a request read (its notes) changed since: each scope's generation is still the one it saw */
  isCurrent(notes: ReadNotes): boolean {
    for (const { scope, generation } of notes.generations.values()) if (this.generation(scope) !== generation) return false;
    return true;
  }

  /** how often the runs of these experiments (null: of all) changed so far: microseconds, on this thread */
  generation(scope: number[] | null | undefined): number {
    if (!scope) return this.generationAll.get() as number;
    let st = this.generationOf.get(scope.length);
    if (!st) {
      st = this.version.prepare(`SELECT total("generation") AS g FROM "RunGeneration" WHERE "experimentId" IN (${scope.map(() => '?').join(',')})`).pluck();
      if (this.generationOf.size < 64) this.generationOf.set(scope.length, st);
    }
    return st.get(...scope) as number;
  }

  /** the database's change counter as this process sees it */
  dataVersion(): number {
    return this.version.pragma('data_version', { simple: true }) as number;
  }

  /** `scope`: the experiments the query's rows all belong to (null: any); the query reads only "Run" */
  rows<T>(sql: string, params: unknown[], scope?: number[] | null): Promise<T[]> {
    const generation = this.noted(scope);
    return this.cached(`r|${sql}|${JSON.stringify(params)}`, generation, () => this.send({ kind: 'rows', sql, params }, this.leastBusy())) as Promise<T[]>;
  }

  page<T>(req: PageRequest): Promise<T[]> {
    const listKey = `${req.select}|${req.order.desc}|${JSON.stringify(req.params)}`;
    const generation = this.noted(req.scope);
    // one worker per (filter, order): the sorted list it keeps (for this generation) serves every later page
    const { scope: _scope, ...msg } = req;
    void _scope;
    return this.cached(`p|${listKey}|${req.offset}|${req.limit}`, generation, () => this.send({ kind: 'page', ...msg, generation }, hash(listKey) % this.threads)) as Promise<T[]>;
  }

  /** whole Run rows by id (not cached: a page's runs are small and change as runs finish); noted as a read of all experiments' runs */
  async runs<T>(ids: number[]): Promise<T[]> {
    this.noteAll();
    if (ids.length <= POINT_READ_MAX) return runRows(this.version, this.preparePoint, ids) as T[];
    return ((await this.send({ kind: 'runs', ids }, this.leastBusy())).rows ?? []) as T[];
  }

  /**
   * the Weights rows of these runs (not cached). Weights change only in the transaction that also changes
   * their run (JobService.done, RunService.recordResult; deleted with it by cascade), which bumps the run's
   * generation: noted as a read of all experiments' runs.
   */
  async weights<T>(runIds: number[]): Promise<T[]> {
    this.noteAll();
    if (runIds.length <= POINT_READ_MAX) return weightRows(this.preparePoint, runIds) as T[];
    return ((await this.send({ kind: 'weights', runIds }, this.leastBusy())).rows ?? []) as T[];
  }

  async close(): Promise<void> {
    this.closed = true;
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.terminate()));
    for (const p of this.pending.values()) p.reject(new Error('the store was closed'));
    this.pending.clear();
    this.version.close();
  }

  private cached(key: string, version: number, compute: () => Promise<Reply>): Promise<unknown[]> {
    const hit = this.cache.get(key);
    if (hit && hit.version === version) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.value;
    }
    const value = compute().then((r) => r.rows ?? []);
    this.cache.set(key, { version, value });
    value.catch(() => this.cache.delete(key));
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  private leastBusy(): number {
    this.ensureWorkers();
    let best = this.rr++ % this.threads;
    for (let i = 0; i < this.threads; i++) if (this.busy[i]! < this.busy[best]!) best = i;
    return best;
  }

  private ensureWorkers(): void {
    if (this.closed) throw new Error('the store was closed');
    while (this.workers.length < this.threads) {
      const index = this.workers.length;
      const w = new Worker(new URL('./readWorker.mjs', import.meta.url), { workerData: { file: this.file } });
      w.unref();
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.busy[index]!--;
        if (m.error !== undefined) p.reject(new ReadQueryError(m.error, m.code));
        else p.resolve(m);
      });
      w.on('error', (err) => {
        for (const [id, p] of this.pending) {
          if (p.worker === index) {
            this.pending.delete(id);
            p.reject(err);
          }
        }
      });
      this.workers.push(w);
      this.busy.push(0);
    }
  }

  private send(msg: Record<string, unknown>, worker: number): Promise<Reply> {
    this.ensureWorkers();
    const id = ++this.seq;
    this.sent++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      this.busy[worker]!++;
      this.workers[worker]!.postMessage({ id, ...msg });
    });
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const pools = new WeakMap<object, ReadPool>();

export function registerReadPool(db: Db, pool: ReadPool): void {
  pools.set(db, pool);
}

/** the store's read pool, if it has one */
export function readPoolOf(db: Db): ReadPool | undefined {
  return pools.get(db);
}

/** whether this store's reads go to read threads (false: the reference path, everything through Prisma) */
export function hasReadPool(db: Db): boolean {
  return pools.has(db);
}

/** rows of a read-only query: on a read thread when the store has a pool, else through Prisma */
export function readRows<T>(db: Db, sql: string, params: unknown[], scope?: number[] | null): Promise<T[]> {
  const pool = pools.get(db);
  return pool ? pool.rows<T>(sql, params, scope) : db.$queryRawUnsafe<T[]>(sql, ...params);
}

/** one page of `select` in the order (expr, id), from `offset` */
export function readPage<T>(db: Db, req: PageRequest): Promise<T[]> {
  const pool = pools.get(db);
  if (pool) return pool.page<T>(req);
  const dir = req.order.desc ? 'DESC' : 'ASC';
  return db.$queryRawUnsafe<T[]>(`${req.select} ORDER BY ${req.order.expr} ${dir}, "id" ${dir} LIMIT ? OFFSET ?`, ...req.params, req.limit, req.offset);
}

/** the Weights rows (all roles) of these runs, as Prisma types them (blobs as Uint8Array) */
export async function readWeights<T>(db: Db, runIds: number[]): Promise<T[]> {
  if (runIds.length === 0) return [];
  const pool = pools.get(db);
  if (pool) return pool.weights<T>(runIds);
  return (await db.weights.findMany({ where: { runId: { in: runIds } } })) as unknown as T[];
}

/** whole Run rows by id, in the order given (rows that do not exist are left out) */
export async function readRuns<T extends { id: number }>(db: Db, ids: number[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const pool = pools.get(db);
  if (pool) return pool.runs<T>(ids);
  const rows = (await db.run.findMany({ where: { id: { in: ids } } })) as unknown as T[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}
