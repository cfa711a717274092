/**
 * The `local` executor (default): a pool of compute processes on this machine, one per core unless told
 * otherwise, each fed from the durable queue in SQLite (`DurableQueue`). Every job runs under a lease that
 * its slot renews while it computes; a job whose worker died (or whose server died) is leased again when
 * the lease expires, and a crash gives the job back with exponential backoff until the retry limit, after
 * which the run fails. A job that throws fails its run with the message; the others go on.
 */
import { availableParallelism, hostname } from 'node:os';
import { backoffDelay, DEFAULT_RETRY, type DurableQueue, type JobExecutor, type JobSink, type Lease, type RetryPolicy, type WorkerStateSnapshot } from './executor.ts';
import { ComputeSlot, JobCancelledError, WorkerCrashedError } from './slot.ts';

export interface LocalExecutorOptions {
  /** compute processes (default: one per core) */
  workers?: number;
  /** RLAB_BACKEND of every compute process (default "auto": the engine picks) */
  backend?: string;
  leaseMs?: number;
  retry?: RetryPolicy;
  /** how often idle slots look for work that became due (backoff over, lease expired) */
  pollMs?: number;
}

export class LocalJobExecutor implements JobExecutor {
  readonly name = 'local';
  private readonly slots: ComputeSlot[];
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly pollMs: number;
  private started = false;
  private processed = 0;
  private failedCount = 0;
  private loops: Promise<void>[] = [];
  private wakers: (() => void)[] = [];
  private readonly prefix = `${hostname()}:${process.pid}`;

  constructor(
    private readonly sink: JobSink & DurableQueue,
    opts: LocalExecutorOptions = {},
  ) {
    const n = Math.max(1, opts.workers ?? availableParallelism());
    this.slots = Array.from({ length: n }, (_, i) => new ComputeSlot(`local-${i + 1}`, opts.backend ?? 'auto'));
    this.leaseMs = opts.leaseMs ?? 15_000;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.pollMs = opts.pollMs ?? 500;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all(this.slots.map((s) => s.warm()));
    this.loops = this.slots.map((s) => this.loop(s));
  }

  async enqueue(_runIds: number[]): Promise<void> {
    // the jobs are in the database already: wake the idle slots
    this.wake();
  }

  async cancel(_experimentId: number, runIds: number[]): Promise<number> {
    const ids = new Set(runIds);
    let running = 0;
    for (const s of this.slots) {
      if (s.runId !== null && ids.has(s.runId)) {
        s.cancel();
        running++;
      }
    }
    return runIds.length - running;
  }

  status(): WorkerStateSnapshot {
    const workers = this.slots.map((s) => ({ ...s.info(), id: `${this.prefix}/${s.id}`, host: hostname() }));
    return {
      executor: this.name,
      started: this.started,
      concurrency: this.slots.length,
      queued: 0,
      active: workers.filter((w) => w.busy).length,
      processed: this.processed,
      failed: this.failedCount,
      workers,
    };
  }

  /** the compute processes' pids (for crash tests) */
  pids(): (number | null)[] {
    return this.slots.map((s) => s.pid);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.wake();
    // jobs in progress stay leased; the next start leases them again when their leases expire
    await Promise.all(this.slots.map((s) => s.stop()));
    await Promise.all(this.loops);
    this.loops = [];
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }

  private idle(): Promise<void> {
    return new Promise<void>((ok) => {
      const t = setTimeout(ok, this.pollMs);
      t.unref();
      this.wakers.push(() => {
        clearTimeout(t);
        ok();
      });
    });
  }

  private workerName(slot: ComputeSlot): string {
    return `${this.prefix}/${slot.id}`;
  }

  private async loop(slot: ComputeSlot): Promise<void> {
    while (this.started) {
      let lease: Lease | null = null;
      try {
        lease = await this.sink.lease(this.workerName(slot), this.leaseMs);
      } catch (err) {
        process.stderr.write(`rlab: lease failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      if (!this.started) return;
      if (!lease) {
        await this.idle();
        continue;
      }
      await this.runLeased(slot, lease);
    }
  }

  private async runLeased(slot: ComputeSlot, lease: Lease): Promise<void> {
    const worker = this.workerName(slot);
    if (lease.attempt > this.retry.attempts) {
      await this.sink.failed(lease.runId, `gave up after ${lease.attempt - 1} tries: its worker died each time`);
      this.failedCount++;
      return;
    }
    await this.sink.started(lease.runId, worker, lease.attempt);
    // renew the lease while computing; a lost lease (cancelled, re-leased) stops the job at its next check
    const renew = setInterval(() => {
      this.sink.renew(lease.runId, worker, this.leaseMs).then(
        (ok) => {
          if (!ok && slot.runId === lease.runId) slot.cancel();
        },
        () => undefined,
      );
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renew.unref();
    try {
      const out = await slot.run(lease.runId, lease.spec, (f) => this.sink.progress(lease.runId, f, worker));
      clearInterval(renew);
      if (!this.started) return;
      await this.sink.done(lease.runId, out.result, out.planted, { worker, attempt: lease.attempt });
      this.processed++;
    } catch (err) {
      clearInterval(renew);
      // stopped mid-run (server shutdown): report nothing; the lease expires and the job is leased again
      if (!this.started) return;
      if (err instanceof JobCancelledError) return;
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof WorkerCrashedError) {
        if (lease.attempt >= this.retry.attempts) {
          await this.sink.failed(lease.runId, `${message}; gave up after ${lease.attempt} tries`);
          this.failedCount++;
        } else {
          await this.sink.requeue(lease.runId, worker, message, new Date(Date.now() + backoffDelay(this.retry, lease.attempt)));
          // wake a slot when the backoff is over
          setTimeout(() => this.wake(), backoffDelay(this.retry, lease.attempt) + 5).unref();
        }
        return;
      }
      await this.sink.failed(lease.runId, message);
      this.failedCount++;
    }
  }
}
