/**
 * API latency on a store of 100,000 runs: p50/p95 (ms) of a filtered, sorted runs page, of phaseDiagram
 * over all runs, and of one run with its planted and recovered weights, each through HTTP against an
 * in-process server. Goal (issue 4): p95 < 50 ms each. Called by bench/run.ts (`pnpm bench`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, configureConnection } from '../src/db/migrate.ts';
import { startServer } from '../src/http/server.ts';
import { encodeWeights } from '../src/modules/weights/codec.ts';
import type { JobExecutor } from '../src/modules/job/executor.ts';

const RUNS = 100_000;

/** a deterministic generator, so every bench run sees the same store */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function seedRuns(file: string, runs = RUNS): void {
  migrate(file);
  const db = new Database(file);
  configureConnection(db);
  const now = new Date().toISOString();
  const rand = lcg(42);
  const ns = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  const ds = [5, 10, 15, 20, 25];
  const sigmas = [0, 0.05, 0.1, 0.2];
  const archs = ['plain', 'skip', 'normalized'] as const;
  db.transaction(() => {
    db.prepare(`INSERT INTO "Experiment" (name, spec, specHash, status, createdAt, updatedAt) VALUES ('bench', '{}', 'bench', 'done', ?, ?)`).run(now, now);
    const insRun = db.prepare(
      `INSERT INTO "Run" (experimentId, trial, status, architecture, program, planted, data, n, d, seed, sigma, recovered, testOk, objective, distance, testError, activeNeurons, patterns, iterations, nic, nicKind, certified, timeMs, createdAt, startedAt, finishedAt)
       VALUES (1, ?, 'done', ?, 'exact', ?, 'gaussian', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NIC-1', ?, ?, ?, ?, ?)`,
    );
    const insW = db.prepare(`INSERT INTO "Weights" (runId, role, neurons, d, w, a, skip, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < runs; i++) {
      const n = ns[i % ns.length]!;
      const d = ds[Math.floor(i / ns.length) % ds.length]!;
      const sigma = sigmas[Math.floor(i / (ns.length * ds.length)) % sigmas.length]!;
      const arch = archs[Math.floor(i / 200) % archs.length]!;
      const pRec = 1 / (1 + Math.exp(-(n / d - 4) * 2));
      const recovered = rand() < pRec ? 1 : 0;
      const nic = 0.5 + rand() * (2 * d) / n;
      const distance = recovered ? rand() * 1e-6 : rand();
      const r = insRun.run(Math.floor(i / 2000), arch, arch === 'skip' ? 'linear' : arch === 'normalized' ? 'normalized' : 'relu', n, d, i % 1000, sigma, recovered, recovered, 1 + rand(), distance, distance * 0.5, 1 + (recovered ? 0 : 2), n, 20 + Math.floor(rand() * 40), nic, nic < 1 ? 1 : 0, rand() * 100, now, now, now);
      if (i % 10 === 0) {
        const runId = Number(r.lastInsertRowid);
        const w = Array.from({ length: d }, () => rand() - 0.5);
        for (const role of ['planted', 'recovered']) {
          const e = encodeWeights({ neurons: [{ w, a: 1 }], skip: null }, d);
          insW.run(runId, role, e.neurons, e.d, e.w, e.a, e.skip, e.checksum);
        }
      }
    }
  })();
  db.close();
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const idleExecutor = (): JobExecutor => ({
  name: 'bench-idle',
  start: async () => undefined,
  enqueue: async () => undefined,
  cancel: async () => 0,
  status: () => ({ executor: 'bench-idle', started: true, concurrency: 0, queued: 0, active: 0, processed: 0, failed: 0 }),
  stop: async () => undefined,
});

export async function benchApi(opts: { runs?: number; iterations?: number } = {}): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-bench-api-'));
  const file = join(dir, 'bench.db');
  try {
    const t0 = performance.now();
    seedRuns(file, opts.runs ?? RUNS);
    const seedMs = performance.now() - t0;
    const server = await startServer({ dbFile: file, port: 0, executor: idleExecutor });
    const base = `http://127.0.0.1:${server.port}/graphql`;
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const runsPage = `query($after: String) { runs(first: 50, after: $after, orderBy: { field: DISTANCE, direction: ASC },
        filter: { architecture: ["plain", "skip"], n: { min: 30, max: 80 }, or: [{ sigma: { max: 0.05 } }, { recovered: true }], nic: { max: 1.5 } }) {
        pageInfo { endCursor hasNextPage } nodes { id n d sigma seed recovered distance testError objective certificate { nic certified } } } }`;
    const phase = `{ phaseDiagram(bySigma: true) { trials cells { n d sigma trials successes p pLow pHigh pCertified meanDistance meanTestError } } }`;
    const oneRun = `query($id: ID!) { run(id: $id) { id n d recovered distance certificate { nic } plantedNetwork { w a checksumOk } recoveredNetwork { w a skip checksumOk } } }`;
    const measure = async (fn: (i: number) => Promise<void>): Promise<[number, number]> => {
      const iterations = opts.iterations ?? 200;
      for (let i = 0; i < 20; i++) await fn(i);
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        await fn(i);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return [percentile(times, 0.5), percentile(times, 0.95)];
    };
    const [runsP50, runsP95] = await measure(() => post(runsPage));
    const [phaseP50, phaseP95] = await measure(() => post(phase));
    const [runP50, runP95] = await measure((i) => post(oneRun, { id: String(1 + ((i * 7919) % 10_000) * 10) }));
    await server.close();
    return {
      'api.seedRuns': opts.runs ?? RUNS,
      'api.seedMs': Math.round(seedMs),
      'api.runsPage.p50Ms': runsP50,
      'api.runsPage.p95Ms': runsP95,
      'api.phaseDiagram.p50Ms': phaseP50,
      'api.phaseDiagram.p95Ms': phaseP95,
      'api.runWithWeights.p50Ms': runP50,
      'api.runWithWeights.p95Ms': runP95,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchApi(), null, 2));
}
