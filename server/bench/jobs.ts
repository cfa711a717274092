/**
 * Job dispatch (issue 5): jobs per second and overhead per job for 10,000 tiny jobs (the `probe` task
 * kind with nothing to do) through each executor, and the speed-up of a small sweep of real solves from
 * 1 to 2 local workers. The sink is in memory, so the figures are the executors' own costs (queue,
 * leases, IPC to the compute processes, Redis round trips), not SQLite's. The bullmq part starts a
 * redis-server on a free port (skipped, with a note, when redis-server is not installed).
 * `benchJobs({ quick: true })` uses 1,000 jobs.
 */
import { availableParallelism } from 'node:os';
import type { SolveResult } from '@rlab/shared';
import { LocalJobExecutor } from '../src/modules/job/localExecutor.ts';
import { BullmqJobExecutor } from '../src/modules/job/bullmqExecutor.ts';
import { startBullmqWorker } from '../src/modules/job/bullmqWorker.ts';
import type { DurableQueue, JobExecutor, JobSink, Lease } from '../src/modules/job/executor.ts';
import { startRedis } from '../test/jobs/redis.ts';

/** an in-memory sink and FIFO queue, O(1) per job */
class BenchSink implements JobSink, DurableQueue {
  private readonly specs = new Map<number, unknown>();
  private readonly fifo: number[] = [];
  private head = 0;
  finished = 0;
  private waiter: (() => void) | null = null;
  private target = 0;

  add(runId: number, spec: unknown): void {
    this.specs.set(runId, spec);
    this.fifo.push(runId);
  }
  async describe(runId: number) {
    return { spec: this.specs.get(runId), key: `k${runId}`, status: 'queued' };
  }
  async started(): Promise<void> {}
  async done(_runId: number, _r: SolveResult): Promise<boolean> {
    this.tick();
    return true;
  }
  async failed(runId: number, message: string): Promise<void> {
    process.stderr.write(`bench job ${runId} failed: ${message}\n`);
    this.tick();
  }
  progress(): void {}
  async pending(): Promise<number[]> {
    return [];
  }
  async lease(): Promise<Lease | null> {
    if (this.head >= this.fifo.length) return null;
    const runId = this.fifo[this.head++]!;
    return { runId, spec: this.specs.get(runId), key: `k${runId}`, attempt: 1 };
  }
  async renew(): Promise<boolean> {
    return true;
  }
  async requeue(): Promise<void> {}
  private tick(): void {
    this.finished++;
    if (this.finished >= this.target) this.waiter?.();
  }
  until(n: number): Promise<void> {
    this.target = n;
    return this.finished >= n ? Promise.resolve() : new Promise((ok) => (this.waiter = ok));
  }
}

async function timeJobs(make: (sink: BenchSink) => JobExecutor, specs: unknown[], warm: unknown[] = []): Promise<number> {
  const sink = new BenchSink();
  const ex = make(sink);
  await ex.start(); // compute processes start before the clock
  try {
    // warm-up jobs (JIT, lazily loaded engine modules in every compute process) before the clock
    const warmIds = warm.map((s, i) => {
      sink.add(-(i + 1), s);
      return -(i + 1);
    });
    await ex.enqueue(warmIds);
    await sink.until(warmIds.length);
    const ids = specs.map((s, i) => {
      sink.add(i + 1, s);
      return i + 1;
    });
    const base = warmIds.length;
    const t0 = performance.now();
    await ex.enqueue(ids);
    await sink.until(base + ids.length);
    return (performance.now() - t0) / 1000;
  } finally {
    await ex.stop();
  }
}

export async function benchJobs(opts: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const n = opts.quick ? 1000 : 10_000;
  const tiny = Array.from({ length: n }, () => ({ probe: {} }));
  const workers = Math.min(2, availableParallelism());
  const out: Record<string, number> = {};

  const local = await timeJobs((s) => new LocalJobExecutor(s, { workers, pollMs: 20 }), tiny);
  out.jobs_local_tiny_jobs_per_s = n / local;
  // time a worker slot spends per no-op job (all overhead)
  out.jobs_local_overhead_ms_per_job = (local * 1000 * workers) / n;

  let redis;
  try {
    redis = await startRedis();
  } catch (err) {
    process.stderr.write(`bench jobs: bullmq skipped: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  if (redis) {
    const url = redis.url;
    try {
      const bull = await timeJobs((s) => {
        const inner = new BullmqJobExecutor(s, { redisUrl: url, prefix: 'bench' });
        let w: Awaited<ReturnType<typeof startBullmqWorker>> | null = null;
        return {
          name: 'bullmq',
          async start() {
            w = await startBullmqWorker({ redisUrl: url, prefix: 'bench', concurrency: workers });
            await inner.start();
          },
          enqueue: (ids) => inner.enqueue(ids),
          cancel: (e, ids) => inner.cancel(e, ids),
          status: () => inner.status(),
          async stop() {
            await w?.close();
            await inner.stop();
          },
        };
      }, tiny);
      out.jobs_bullmq_tiny_jobs_per_s = n / bull;
      out.jobs_bullmq_overhead_ms_per_job = (bull * 1000 * workers) / n;
    } finally {
      await redis.stop();
    }
  }

  // a sweep of real solves: 1 vs 2 local compute processes
  const solve = (seed: number) => ({ architecture: 'skip', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, data: 'gaussian', n: 60, d: 8, seed, sigma: 0, beta: 0, testSize: 50 });
  const sweep = Array.from({ length: opts.quick ? 8 : 24 }, (_, i) => solve(i + 1));
  const warm = Array.from({ length: 4 }, (_, i) => solve(1000 + i));
  const one = await timeJobs((s) => new LocalJobExecutor(s, { workers: 1, pollMs: 20 }), sweep, warm);
  const two = await timeJobs((s) => new LocalJobExecutor(s, { workers: 2, pollMs: 20 }), sweep, warm);
  out.jobs_sweep_1_worker_s = one;
  out.jobs_sweep_2_workers_s = two;
  out.jobs_sweep_speedup_1_to_2_workers = one / two;
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const r = await benchJobs({ quick: process.argv.includes('--quick') });
  for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v.toPrecision(4)}\n`);
}
