/**
 * API latency and throughput on a store of 1,000,000 runs (issue 12, "Scale"): p50/p95 (ms) and requests
 * per second of each query through HTTP, at concurrency 1 and 16, from a load generator on a worker thread
 * of its own (apiClient.mjs: fetch, as a real client is another thread or process), so the client's CPU
 * is not charged to the server's event loop; for comparison also with the client in the server's own
 * event loop (`inProcess`, as this bench measured before), at concurrency 16:
 *   - a filtered, sorted runs page: the first page and a page deep in the list (offset 60% of the total)
 *   - phaseDiagram of one experiment and of all runs
 *   - compareRecovery of two architectures
 *   - one run with its planted and recovered weights
 * plus the time to seed and the database size per run. Goal: p95 < 20 ms at concurrency 1 for every
 * query, and throughput that grows with concurrency.
 *
 * Seeding goes through the store's own write path: experiments and their queued runs and jobs through
 * ExperimentService.create (the multi-row inserts the API uses), results through RunService's column
 * mapping (metricColumns) and the weights codec (encodeWeights), written with prepared statements in
 * large transactions (the per-run Prisma transaction of a live job, ~1 ms, would take 20 minutes here).
 * The database lives in the OS temp dir and is deleted afterwards. Called by bench/run.ts (`pnpm bench`).
 * RLAB_BENCH_API_DB=<file> measures a copy of a store seeded before (`seedRuns`, e.g. by an earlier run
 * with RLAB_BENCH_API_KEEP=<file>) instead of seeding again; the server's migrations bring the copy up
 * to date. The load average (os.loadavg) is recorded at the start and end of each part.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { SolveResult } from '@rlab/shared';
import { openStore } from '../src/db/client.ts';
import { configureConnection } from '../src/db/migrate.ts';
import { startServer } from '../src/http/server.ts';
import { PubSub } from '../src/graphql/pubsub.ts';
import { ExperimentService } from '../src/modules/experiment/service.ts';
import { metricColumns } from '../src/modules/run/service.ts';
import { encodeWeights } from '../src/modules/weights/codec.ts';
import type { JobExecutor } from '../src/modules/job/executor.ts';

const RUNS = 1_000_000;
const PER_EXPERIMENT = 50_000;

/** a deterministic generator, so every bench run sees the same store */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const idleExecutor = (): JobExecutor => ({
  name: 'bench-idle',
  start: async () => undefined,
  enqueue: async () => undefined,
  cancel: async () => 0,
  status: () => ({ executor: 'bench-idle', started: true, concurrency: 0, queued: 0, active: 0, processed: 0, failed: 0 }),
  stop: async () => undefined,
});

const ARCHS = ['plain', 'skip', 'normalized'] as const;

/** `runs` runs in experiments of `perExperiment` (a grid of 10 n x 5 d x 4 sigma x trials), all finished; weights for every tenth */
export async function seedRuns(file: string, runs = RUNS, perExperiment = PER_EXPERIMENT): Promise<{ experiments: number }> {
  const store = await openStore(file);
  const experiments = new ExperimentService(store.db, idleExecutor(), new PubSub());
  const perExp = Math.min(perExperiment, runs);
  const count = Math.ceil(runs / perExp);
  try {
    for (let e = 0; e < count; e++) {
      const arch = ARCHS[e % ARCHS.length]!;
      const trials = Math.max(1, Math.round(perExp / 200));
      await experiments.create({ name: `bench ${e + 1}`, spec: { architecture: arch, program: arch === 'skip' ? 'relaxed' : 'exact', n: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], d: [5, 10, 15, 20, 25], sigma: [0, 0.05, 0.1, 0.2], trials, seed: e * 10_000 } });
    }
  } finally {
    await store.close();
  }
  // the results, through the store's column mapping
  const db = new Database(file);
  configureConnection(db);
  const rand = lcg(42);
  const sample = metricColumns(fakeResult(10, 5, 0, rand));
  const cols = Object.keys(sample);
  const update = db.prepare(`UPDATE "Run" SET ${cols.map((c) => `"${c}" = ?`).join(', ')}, "status" = 'done', "startedAt" = ?, "finishedAt" = ? WHERE "id" = ?`);
  const insW = db.prepare(`INSERT INTO "Weights" (runId, role, neurons, d, w, a, skip, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const all = db.prepare(`SELECT "id", "n", "d", "sigma" FROM "Run" ORDER BY "id"`).all() as { id: number; n: number; d: number; sigma: number }[];
  const now = new Date().toISOString();
  const bind = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number | null));
  const BATCH = 50_000;
  for (let i = 0; i < all.length; i += BATCH) {
    db.transaction(() => {
      for (const r of all.slice(i, i + BATCH)) {
        const result = fakeResult(r.n, r.d, r.sigma, rand);
        const m = metricColumns(result) as Record<string, unknown>;
        update.run(...cols.map((c) => bind(m[c])), now, now, r.id);
        if (r.id % 10 === 0) {
          const nets: [string, Parameters<typeof encodeWeights>[0]][] = [['planted', { neurons: [{ w: result.neurons[0]!.w, a: 1 }], skip: null }], ['recovered', { neurons: result.neurons, skip: result.skip }]];
          for (const [role, net] of nets) {
            const enc = encodeWeights(net, r.d);
            insW.run(r.id, role, enc.neurons, enc.d, enc.w, enc.a, enc.skip, enc.checksum);
          }
        }
      }
    })();
  }
  db.exec(`UPDATE "Job" SET "status" = 'done', "finishedAt" = '${now}'`);
  db.exec(`UPDATE "Experiment" SET "status" = 'done', "finishedAt" = '${now}'`);
  db.exec('ANALYZE');
  db.close();
  return { experiments: count };
}

/** a plausible solver answer: recovery follows a logistic curve in n / d around 2.5 */
function fakeResult(n: number, d: number, sigma: number, rand: () => number): SolveResult {
  const recovered = rand() < 1 / (1 + Math.exp(-(n / d - 2.5) * 2));
  const nic = 0.5 + (rand() * 2 * d) / n;
  const distance = recovered ? rand() * 1e-6 : rand() + sigma;
  const w = Array.from({ length: d }, () => rand() - 0.5);
  return {
    name: 'bench',
    recovered,
    objective: 1 + rand(),
    distance,
    relDistance: distance / 1.2,
    cosine: recovered ? 1 : rand(),
    support: recovered,
    testError: distance * 0.5,
    activeNeurons: recovered ? 1 : 3,
    patterns: n,
    iterations: 20 + Math.floor(rand() * 40),
    timeMs: rand() * 100,
    neurons: [{ w, a: 1 }],
    skip: null,
    certificate: { nic, kind: 'NIC-1' },
    status: 'optimal',
  } as SolveResult;
}

/** the bench's GraphQL documents (test/api/responseCache.test.ts sends the same ones) */
export const BENCH_QUERIES = {
  filter: { architecture: ['plain', 'skip'], n: { min: 30, max: 80 }, or: [{ sigma: { max: 0.05 } }, { recovered: true }], nic: { max: 1.5 } },
  pageQuery: `query($filter: RunFilter, $offset: Int) { runs(first: 50, offset: $offset, orderBy: { field: DISTANCE, direction: ASC }, filter: $filter) {
        totalCount pageInfo { endCursor hasNextPage } nodes { id n d sigma seed recovered distance testError objective certificate { nic certified } } } }`,
  phase: `query($filter: RunFilter) { phaseDiagram(filter: $filter, bySigma: true) { trials cells { n d sigma trials successes p pLow pHigh pCertified meanDistance meanTestError } } }`,
  compare: `query($a: RunFilter!, $b: RunFilter!) { compareRecovery(a: $a, b: $b) { cells { n d diff diffLow diffHigh } } }`,
  oneRun: `query($id: ID!) { run(id: $id) { id n d recovered distance certificate { nic } plantedNetwork { w a checksumOk } recoveredNetwork { w a skip checksumOk } } }`,
};

/** the body of the i-th request of each query on a store of `runs` runs (`deep`: the deep page's first offset) */
export function benchRequests(runs: number, deep: number): Record<string, (i: number) => { query: string; variables: Record<string, unknown> }> {
  const { filter, pageQuery, phase, compare, oneRun } = BENCH_QUERIES;
  return {
    runsFirstPage: () => ({ query: pageQuery, variables: { filter, offset: 0 } }),
    // a different page deep in the list every time
    runsDeepPage: (i) => ({ query: pageQuery, variables: { filter, offset: deep + i * 50 } }),
    phaseOneExperiment: () => ({ query: phase, variables: { filter: { experimentId: ['2'] } } }),
    phaseAllRuns: () => ({ query: phase, variables: {} }),
    compareRecovery: () => ({ query: compare, variables: { a: { architecture: ['plain'] }, b: { architecture: ['normalized'] } } }),
    runWithWeights: (i) => ({ query: oneRun, variables: { id: String(10 * (1 + ((i * 7919) % Math.floor(runs / 10)))) } }),
  };
}

/** the load generator on a thread of its own (apiClient.mjs) */
class LoadClient {
  private readonly worker = new Worker(new URL('./apiClient.mjs', import.meta.url));
  private seq = 0;
  private readonly pending = new Map<number, { ok: (r: { times: number[]; wallMs: number }) => void; fail: (e: Error) => void }>();

  constructor() {
    this.worker.on('message', (m: { id: number; times?: number[]; wallMs?: number; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) p?.fail(new Error(m.error));
      else p?.ok({ times: m.times!, wallMs: m.wallMs! });
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.fail(err);
      this.pending.clear();
    });
  }

  /** POST each of `bodies` to `url`, `concurrency` requests at a time: each request's time and the wall time */
  run(url: string, token: string, bodies: string[], concurrency: number): Promise<{ times: number[]; wallMs: number }> {
    const id = ++this.seq;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail });
      this.worker.postMessage({ id, url, token, bodies, concurrency });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** every query of the bench against a server on `file`: cold (first) time, then p50/p95 and throughput at concurrency 1 and 16 */
async function measureServer(file: string, runs: number, iterations: number, prefix: string, out: Record<string, number>, concurrencies = [1, 16], inProcess: number[] = []): Promise<void> {
  const server = await startServer({ dbFile: file, port: 0, executor: idleExecutor });
  const client = new LoadClient();
  try {
    const base = `http://127.0.0.1:${server.port}/graphql`;
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const { pageQuery, filter } = BENCH_QUERIES;
    // the first request on this server is the first page's cold one (it also counts the filter's matches)
    const c0 = performance.now();
    const total = ((await post(pageQuery, { filter, offset: 0 })).runs as { totalCount: number }).totalCount;
    out[`${prefix}.runsFirstPage.coldMs`] = performance.now() - c0;
    const deep = Math.floor(total * 0.6);
    const bodies = benchRequests(runs, deep);
    const queries = Object.fromEntries(Object.entries(bodies).map(([name, body]) => [name, (i: number) => { const b = body(i); return post(b.query, b.variables); }]));
    for (const [name, fn] of Object.entries(queries)) {
      let seq = 1000;
      // cold: the first call of this query on this server (nothing cached yet)
      if (name !== 'runsFirstPage') {
        const t0 = performance.now();
        await fn(0);
        out[`${prefix}.${name}.coldMs`] = performance.now() - t0;
      }
      for (let i = 1; i < Math.min(10, iterations); i++) await fn(i);
      for (const concurrency of concurrencies) {
        // the load from the client thread (apiClient.mjs): `iterations` requests, `concurrency` at a time
        const requests = Array.from({ length: iterations }, () => JSON.stringify(bodies[name]!(seq++)));
        const { times, wallMs } = await client.run(base, server.token, requests, concurrency);
        times.sort((a, b) => a - b);
        out[`${prefix}.${name}.c${concurrency}.p50Ms`] = percentile(times, 0.5);
        out[`${prefix}.${name}.c${concurrency}.p95Ms`] = percentile(times, 0.95);
        out[`${prefix}.${name}.c${concurrency}.perSecond`] = Math.round((times.length / wallMs) * 1000);
      }
      // the same load generated on the server's own thread (fetch in this process, as this bench did
      // before): the client's work competes with the server's event loop
      for (const concurrency of inProcess) {
        const times: number[] = [];
        let done = 0;
        const w0 = performance.now();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (done < iterations) {
              done++;
              const t = performance.now();
              await fn(seq++);
              times.push(performance.now() - t);
            }
          }),
        );
        const wall = performance.now() - w0;
        times.sort((a, b) => a - b);
        out[`${prefix}.${name}.inProcess.c${concurrency}.p95Ms`] = percentile(times, 0.95);
        out[`${prefix}.${name}.inProcess.c${concurrency}.perSecond`] = Math.round((times.length / wall) * 1000);
      }
      const c1 = out[`${prefix}.${name}.c1.perSecond`]!;
      const c16 = out[`${prefix}.${name}.c16.perSecond`];
      if (c16 !== undefined) out[`${prefix}.${name}.c16OverC1`] = Math.round((c16 / c1) * 100) / 100;
      const ip = inProcess.map((c) => `c${c} ${out[`${prefix}.${name}.inProcess.c${c}.perSecond`]}/s`).join(', ');
      process.stderr.write(
        `bench ${prefix}: ${name}: cold ${out[`${prefix}.${name}.coldMs`]!.toFixed(0)} ms; c1 p50 ${out[`${prefix}.${name}.c1.p50Ms`]!.toFixed(1)} ms, p95 ${out[`${prefix}.${name}.c1.p95Ms`]!.toFixed(1)} ms, ${c1}/s; c16 ${c16 ?? '-'}/s${c16 !== undefined ? ` (${out[`${prefix}.${name}.c16OverC1`]}x)` : ''}${ip ? `; client in the server's process: ${ip}` : ''}\n`,
      );
    }
    // the first request after a run finished (a sweep running): in another experiment (experiment 2's
    // diagram stays cached) and in experiment 2 itself (recomputed), written by a second connection
    const writer = new Database(file);
    configureConnection(writer);
    try {
      for (const [label, experimentId] of [['afterOtherWrite', 5], ['afterOwnWrite', 2]] as const) {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          writer.prepare(`UPDATE "Run" SET "timeMs" = "timeMs" + 1 WHERE "id" = (SELECT MIN("id") + ? FROM "Run" WHERE "experimentId" = ?)`).run(i, experimentId);
          const t = performance.now();
          await queries.phaseOneExperiment!(0);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        out[`${prefix}.phaseOneExperiment.${label}.medianMs`] = times[1]!;
        process.stderr.write(`bench ${prefix}: phaseOneExperiment right after a write (${label}): ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
      }
    } finally {
      writer.close();
    }
  } finally {
    await client.close();
    await server.close();
  }
}

export async function benchApi(opts: { runs?: number; iterations?: number } = {}): Promise<Record<string, number>> {
  const runs = opts.runs ?? RUNS;
  const dir = mkdtempSync(join(tmpdir(), 'rlab-bench-api-'));
  const file = join(dir, 'bench.db');
  const out: Record<string, number> = {};
  const load = (key: string) => {
    const [one, five] = loadavg();
    out[`api.load.${key}.1min`] = Math.round(one! * 100) / 100;
    out[`api.load.${key}.5min`] = Math.round(five! * 100) / 100;
  };
  try {
    load('start');
    const seeded = process.env.RLAB_BENCH_API_DB;
    if (seeded) {
      copyFileSync(seeded, file);
      process.stderr.write(`bench api: measuring a copy of ${seeded} (not seeded here)\n`);
    } else {
      const t0 = performance.now();
      await seedRuns(file, runs);
      out['api.seedMs'] = Math.round(performance.now() - t0);
      if (process.env.RLAB_BENCH_API_KEEP) copyFileSync(file, process.env.RLAB_BENCH_API_KEEP);
    }
    out['api.seedRuns'] = runs;
    const bytes = ['', '-wal', '-shm'].map((s) => (existsSync(file + s) ? statSync(file + s).size : 0)).reduce((a, b) => a + b, 0);
    out['api.dbBytesPerRun'] = Math.round(bytes / runs);
    process.stderr.write(`bench api: seeded ${runs} runs in ${out['api.seedMs'] ?? '(not seeded here)'} ms, ${out['api.dbBytesPerRun']} bytes per run\n`);
    load('seeded');

    // the API as it runs (reads on the read threads, cached until the store changes), then the reference
    // path in the same run on the same store: RLAB_READ_THREADS=0, every read through Prisma on the main
    // thread with no cache (4 iterations at concurrency 1: it is slow), and the ratio of the two p50s
    await measureServer(file, runs, opts.iterations ?? 200, 'api', out, [1, 16], [16]);
    load('measured');
    const saved = process.env.RLAB_READ_THREADS;
    process.env.RLAB_READ_THREADS = '0';
    try {
      await measureServer(file, runs, 4, 'api.reference', out, [1]);
    } finally {
      if (saved === undefined) delete process.env.RLAB_READ_THREADS;
      else process.env.RLAB_READ_THREADS = saved;
    }
    load('reference');
    for (const key of Object.keys(out)) {
      const m = /^api\.reference\.(\w+)\.c(1)\.p50Ms$/.exec(key);
      if (m) out[`api.${m[1]}.c${m[2]}.speedupVsReference`] = out[key]! / out[`api.${m[1]}.c${m[2]}.p50Ms`]!;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchApi(runs ? { runs } : {}), null, 2));
}
