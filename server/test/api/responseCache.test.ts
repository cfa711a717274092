/**
 * The response cache (cache/responseCache.ts) against a real server on a small seeded store: a cached
 * response is byte for byte the one Apollo computed (and the one the reference path, RLAB_READ_THREADS=0,
 * computes on a copy of the store) for every query of the API bench; after a change of a run the next
 * response changes (and equals the reference path's on the same change); a change in another
 * experiment leaves an experiment's diagram cached; fields that read other tables (Run.experiment),
 * mutations and responses with errors are never kept; and under concurrent requests no response started
 * after a write shows the runs as they were before it. The read threads' Weights and Run rows equal
 * Prisma's.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_HEADER, isCacheableDocument } from '../../src/cache/responseCache.ts';
import { openStore } from '../../src/db/client.ts';
import { readRuns, readWeights } from '../../src/db/readPool.ts';
import { configureConnection } from '../../src/db/migrate.ts';
import { buildExecutableSchema } from '../../src/graphql/schema.ts';
import { parse } from 'graphql';
import { BENCH_QUERIES, benchRequests, seedRuns } from '../../bench/api.ts';
import { startServe, type TestServer } from './helpers.ts';

const RUNS = 1200; // 3 experiments of 400 (plain, skip, normalized), weights for every tenth run
const dir = mkdtempSync(join(tmpdir(), 'rlab-respcache-'));
const file = join(dir, 'cached.db');
const refFile = join(dir, 'reference.db');
const rowsFile = join(dir, 'rows.db');
let server: TestServer;
let reference: TestServer;

async function startReference(dbFile: string): Promise<TestServer> {
  const saved = process.env.RLAB_READ_THREADS;
  process.env.RLAB_READ_THREADS = '0';
  try {
    return await startServe({ dir, dbFile });
  } finally {
    if (saved === undefined) delete process.env.RLAB_READ_THREADS;
    else process.env.RLAB_READ_THREADS = saved;
  }
}

beforeAll(async () => {
  await seedRuns(file, RUNS, 400);
  copyFileSync(file, refFile);
  copyFileSync(file, rowsFile);
  server = await startServe({ dir, dbFile: file });
  reference = await startReference(refFile);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await reference?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  contentType: string | null;
  /** the cache's header: hit, stored, or null (not cacheable) */
  cache: string | null;
  body: string;
}

async function post(s: TestServer, query: string, variables: Record<string, unknown> = {}, accept?: string): Promise<Raw> {
  const res = await fetch(`${s.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, ...(accept ? { accept } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), cache: res.headers.get(CACHE_HEADER), body: await res.text() };
}

/** a second connection writing to a store (as a worker's result or another process would, committed at return) */
function write(dbFile: string, sql: string, ...params: unknown[]): void {
  const db = new Database(dbFile);
  configureConnection(db);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

const phaseOf = (experimentId: string) => ({ query: BENCH_QUERIES.phase, variables: { filter: { experimentId: [experimentId] } } });

describe('response cache', () => {
  it('exists only with read threads (the reference path computes every response)', async () => {
    const { query, variables } = phaseOf('1');
    expect((await post(reference, query, variables)).cache).toBeNull();
    expect((await post(reference, query, variables)).cache).toBeNull();
  });

  it('answers each bench query with the same bytes as Apollo computed and as the reference path', async () => {
    const total = (JSON.parse((await post(server, `query($f: RunFilter) { runs(first: 1, filter: $f) { totalCount } }`, { f: BENCH_QUERIES.filter })).body) as { data: { runs: { totalCount: number } } }).data.runs.totalCount;
    expect(total).toBeGreaterThan(60);
    const bodies = benchRequests(RUNS, Math.floor(total * 0.6));
    const extra: typeof bodies = {
      transitionEstimate: () => ({ query: `query($f: RunFilter) { transitionEstimate(filter: $f) { c low high level method trials note cells metric approxTolerance } }`, variables: { f: { experimentId: ['1'] } } }),
      runWithTagsAndLoss: () => ({ query: `query { run(id: "7") { id tags notes lossCurve { epoch loss } status finishedAt createdAt plantedNetwork { role neurons d checksum } } }`, variables: {} }),
    };
    for (const [name, body] of Object.entries({ ...bodies, ...extra })) {
      const { query, variables } = body(3);
      const first = await post(server, query, variables);
      const second = await post(server, query, variables);
      const ref = await post(reference, query, variables);
      expect(first.status, name).toBe(200);
      expect(first.body.startsWith('{"data"'), `${name}: ${first.body.slice(0, 200)}`).toBe(true);
      expect(second.body, name).toBe(first.body);
      expect(second.contentType, name).toBe(first.contentType);
      expect(ref.body, `${name} against the reference path`).toBe(first.body);
      expect(ref.contentType, name).toBe(first.contentType);
      expect(first.cache, `${name} computed and kept`).toBe('stored');
      expect(second.cache, `${name} answered from the cache the second time`).toBe('hit');
    }
  });

  it('keys on the Accept header: Apollo picks the content type from it', async () => {
    const { query, variables } = phaseOf('3');
    const json = await post(server, query, variables, 'application/json');
    const gql = await post(server, query, variables, 'application/graphql-response+json');
    const gqlAgain = await post(server, query, variables, 'application/graphql-response+json');
    expect(json.contentType).toMatch(/^application\/json/);
    expect(gql.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(gqlAgain.contentType).toBe(gql.contentType);
    expect([json.cache, gql.cache, gqlAgain.cache]).toEqual(['stored', 'stored', 'hit']);
    expect(gqlAgain.body).toBe(json.body);
  });

  it('changes the next response after a run changes, in its experiment only', async () => {
    const one = phaseOf('1');
    const two = phaseOf('2');
    const one0 = await post(server, one.query, one.variables);
    const two0 = await post(server, two.query, two.variables);
    expect((await post(server, one.query, one.variables)).cache).toBe('hit');
    expect((await post(server, two.query, two.variables)).cache).toBe('hit');
    // a run of experiment 2 changes: experiment 1's diagram stays cached, experiment 2's is recomputed
    const target = "(SELECT MIN(id) FROM Run WHERE experimentId = ? AND recovered = 0)";
    for (const f of [file, refFile]) write(f, `UPDATE Run SET recovered = 1, distance = 1e-9 WHERE id = ${target}`, 2);
    const one1 = await post(server, one.query, one.variables);
    expect(one1.body).toBe(one0.body);
    expect(one1.cache).toBe('hit');
    const two1 = await post(server, two.query, two.variables);
    expect(two1.cache).toBe('stored');
    expect(two1.body).not.toBe(two0.body);
    expect(two1.body).toBe((await post(reference, two.query, two.variables)).body);
    // the diagram of all runs and the page count follow too
    const all = { query: BENCH_QUERIES.phase, variables: {} };
    const all0 = await post(server, all.query, all.variables);
    for (const f of [file, refFile]) write(f, `UPDATE Run SET recovered = 1, distance = 1e-9 WHERE id = ${target}`, 3);
    const all1 = await post(server, all.query, all.variables);
    expect(all1.body).not.toBe(all0.body);
    expect(all1.body).toBe((await post(reference, all.query, all.variables)).body);
  });

  it('follows a run`s tags, notes and weights (run(id)) and a page`s count', async () => {
    const q = `query { run(id: "20") { id tags notes distance recoveredNetwork { w checksum } } }`;
    const r0 = await post(server, q);
    expect((await post(server, q)).cache).toBe('hit');
    const tagged = await post(server, `mutation { tagRun(id: "20", add: ["h12"]) { id tags } }`);
    expect(tagged.body).toContain('h12');
    const r1 = await post(server, q);
    expect(r1.body).not.toBe(r0.body);
    expect(JSON.parse(r1.body).data.run.tags).toContain('h12');
    // new weights for the run, written with the run in one transaction (as JobService.done does)
    expect((await post(server, q)).cache).toBe('hit');
    for (const f of [file, refFile]) {
      const db = new Database(f);
      configureConnection(db);
      db.transaction(() => {
        db.prepare(`UPDATE Weights SET checksum = 'changed' WHERE runId = 20 AND role = 'recovered'`).run();
        db.prepare(`UPDATE Run SET distance = 0.125 WHERE id = 20`).run();
      })();
      db.close();
    }
    const r2 = JSON.parse((await post(server, q)).body).data.run;
    expect(r2.distance).toBe(0.125);
    expect(r2.recoveredNetwork.checksum).toBe('changed');
    // a page's totalCount after a run leaves the filter
    const page = `query { runs(first: 5, filter: { experimentId: ["1"], status: [done] }) { totalCount nodes { id } } }`;
    const p0 = JSON.parse((await post(server, page)).body).data.runs;
    for (const f of [file, refFile]) write(f, `UPDATE Run SET status = 'failed' WHERE id = ?`, p0.nodes[0].id);
    const p1 = JSON.parse((await post(server, page)).body).data.runs;
    expect(p1.totalCount).toBe(p0.totalCount - 1);
    expect(p1.nodes[0].id).not.toBe(p0.nodes[0].id);
  });

  it('never keeps fields of other tables, mutations or responses with errors', async () => {
    const q = `query { run(id: "30") { id experiment { notes } } }`;
    const first = await post(server, q);
    expect(first.cache).toBeNull();
    const e0 = JSON.parse(first.body).data.run.experiment.notes;
    await post(server, `mutation { annotateExperiment(id: "1", notes: "changed by the cache test") { id } }`);
    const e1 = JSON.parse((await post(server, q)).body).data.run.experiment.notes;
    expect(e1).toBe('changed by the cache test');
    expect(e1).not.toBe(e0);
    for (const query of [`query { run(id: "not a number") { id } }`, `query { workerState { executor } }`, `query { __schema { queryType { name } } }`, `mutation { tagRun(id: "31", add: ["x"]) { id } }`]) {
      const a = await post(server, query);
      const b = await post(server, query);
      expect([a.cache, b.cache], query).toEqual([null, null]);
      if (query.includes('not a number')) expect(b.body).toContain('"errors"');
    }
    const schema = buildExecutableSchema();
    expect(isCacheableDocument(schema, parse(BENCH_QUERIES.phase))).toBe(true);
    expect(isCacheableDocument(schema, parse(BENCH_QUERIES.oneRun))).toBe(true);
    expect(isCacheableDocument(schema, parse(`query { runs { nodes { ...F } } } fragment F on Run { id experiment { name } }`))).toBe(false);
    expect(isCacheableDocument(schema, parse(`query { run(id: "1") { experiment { __typename } } }`))).toBe(false);
    expect(isCacheableDocument(schema, parse(`query { experiments { nodes { id } } }`))).toBe(false);
    expect(isCacheableDocument(schema, parse(`mutation { tagRun(id: "1", add: ["x"]) { id } }`))).toBe(false);
  });

  it('under concurrent requests, shows every write to every request started after it', async () => {
    const phase = phaseOf('1');
    const run = `query { run(id: "40") { id distance } }`;
    for (let k = 1; k <= 6; k++) {
      // a write, then 16 concurrent requests of each kind, racing each other on the cache
      write(file, `UPDATE Run SET distance = ?, recovered = ? WHERE id = 40`, k / 1000, k % 2);
      const [phases, runs] = await Promise.all([
        Promise.all(Array.from({ length: 16 }, () => post(server, phase.query, phase.variables))),
        Promise.all(Array.from({ length: 16 }, () => post(server, run))),
      ]);
      for (const r of runs) expect(JSON.parse(r.body).data.run.distance).toBe(k / 1000);
      write(refFile, `UPDATE Run SET distance = ?, recovered = ? WHERE id = 40`, k / 1000, k % 2);
      const expected = (await post(reference, phase.query, phase.variables)).body;
      for (const r of phases) expect(r.body).toBe(expected);
    }
  });
});

describe('read threads', () => {
  it('give the Weights and Run rows Prisma gives, read on the main thread (a few ids) and on a read thread (more)', async () => {
    const store = await openStore(rowsFile);
    try {
      for (const ids of [[10, 20, 30, 11, 99_999], Array.from({ length: 30 }, (_, i) => 1190 - 10 * i).concat([5, 99_999])]) {
        const mine = await readWeights<{ id: number; w: Uint8Array; a: Uint8Array; skip: Uint8Array | null }>(store.db, ids);
        const prisma = await store.db.weights.findMany({ where: { runId: { in: ids } }, orderBy: { id: 'asc' } });
        expect(mine.length).toBe(prisma.length);
        expect(mine.length).toBeGreaterThan(ids.length > 10 ? 40 : 4);
        const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);
        mine.forEach((w, i) => {
          const p = prisma[i]!;
          expect(w.w).toBeInstanceOf(Uint8Array);
          expect({ ...w, w: hex(w.w), a: hex(w.a), skip: hex(w.skip) }).toEqual({ ...p, w: hex(p.w), a: hex(p.a), skip: hex(p.skip) });
        });
        const runs = await readRuns<{ id: number }>(store.db, ids);
        const prismaRuns = await store.db.run.findMany({ where: { id: { in: ids } } });
        const byId = new Map(prismaRuns.map((r) => [r.id, r]));
        expect(runs.map((r) => r.id)).toEqual(ids.filter((id) => byId.has(id)));
        for (const r of runs) expect(r).toEqual(byId.get(r.id));
      }
    } finally {
      await store.close();
    }
  });
});
