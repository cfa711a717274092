/**
 * The in-process executor: one worker thread runs queued runs one after another, so the server's event
 * loop stays free for requests. Queue order is FIFO by run id; the queue is rebuilt from the Job table
 * at start (runs left queued or running by a previous process are resumed).
 */
import { Worker } from 'node:worker_threads';
import type { JobExecutor, JobSink, WorkerStateSnapshot } from './executor.ts';
import type { WorkReply } from './worker.ts';

export class LocalJobExecutor implements JobExecutor {
  readonly name = 'local-worker-thread';
  private readonly queue: number[] = [];
  private readonly queued = new Set<number>();
  private worker: Worker | null = null;
  private active: number | null = null;
  private started = false;
  private processed = 0;
  private failedCount = 0;
  private pump: Promise<void> = Promise.resolve();
  private waiter: ((r: WorkReply) => void) | null = null;

  constructor(private readonly sink: JobSink) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.enqueue(await this.sink.pending());
  }

  async enqueue(runIds: number[]): Promise<void> {
    for (const id of runIds) {
      if (this.queued.has(id) || this.active === id) continue;
      this.queued.add(id);
      this.queue.push(id);
    }
    this.kick();
  }

  async cancel(_experimentId: number, runIds: number[]): Promise<number> {
    const drop = new Set(runIds);
    let dropped = 0;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const id = this.queue[i]!;
      if (drop.has(id)) {
        this.queue.splice(i, 1);
        this.queued.delete(id);
        dropped++;
      }
    }
    // a run in progress finishes; the sink ignores its result because the run is cancelled
    return dropped;
  }

  status(): WorkerStateSnapshot {
    return {
      executor: this.name,
      started: this.started,
      concurrency: 1,
      queued: this.queue.length,
      active: this.active === null ? 0 : 1,
      processed: this.processed,
      failed: this.failedCount,
    };
  }

  async stop(): Promise<void> {
    this.started = false;
    this.queue.length = 0;
    this.queued.clear();
    const w = this.worker;
    this.worker = null;
    if (this.waiter) this.waiter({ runId: this.active ?? -1, ok: false, error: 'executor stopped' });
    if (w) await w.terminate();
    await this.pump.catch(() => undefined);
  }

  private kick(): void {
    if (this.active !== null || !this.started) return;
    this.pump = this.pump.then(() => this.drain()).catch((err: unknown) => {
      process.stderr.write(`rlab: executor error: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.mjs', import.meta.url));
    w.on('message', (r: WorkReply) => this.waiter?.(r));
    w.on('error', (err) => this.waiter?.({ runId: this.active ?? -1, ok: false, error: `worker crashed: ${err.message}` }));
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      this.waiter?.({ runId: this.active ?? -1, ok: false, error: 'worker exited' });
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private async drain(): Promise<void> {
    while (this.started && this.queue.length > 0 && this.active === null) {
      const runId = this.queue.shift()!;
      this.queued.delete(runId);
      const claimed = await this.sink.claim(runId, this.name);
      if (!claimed || !this.started) continue;
      this.active = runId;
      try {
        const reply = await new Promise<WorkReply>((resolve) => {
          this.waiter = resolve;
          this.ensureWorker().postMessage({ runId, spec: claimed.spec });
        });
        this.waiter = null;
        // stopped mid-run (server shutdown): report nothing; the run stays "running" and the next start requeues it
        if (!this.started) return;
        if (reply.ok) {
          await this.sink.done(runId, reply.output.result, reply.output.planted);
          this.processed++;
        } else {
          await this.sink.failed(runId, reply.error);
          this.failedCount++;
        }
      } finally {
        this.waiter = null;
        this.active = null;
      }
    }
  }
}
