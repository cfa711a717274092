/**
 * The `bullmq` executor (`rlab serve --redis redis://HOST:PORT`): each queued run becomes a BullMQ job
 * (id from the run and its spec hash, so adding a run twice adds one job) with attempts and exponential
 * backoff; workers anywhere (`rlab worker`) compute and return results through BullMQ. The server is the
 * only SQLite writer: it settles every completed or failed job (from QueueEvents, and by sweeping the
 * completed/failed sets at start and every few seconds, so nothing finished while it was down is lost),
 * stores it through the sink (exactly once) and then removes the job from Redis.
 */
import { Redis, type RedisOptions as RedisConnectionOptions } from 'ioredis';
import { Queue, QueueEvents } from 'bullmq';
import type { JobOutput } from './compute.ts';
import { DEFAULT_RETRY, type JobExecutor, type JobSink, type RetryPolicy, type WorkerInfo, type WorkerStateSnapshot } from './executor.ts';
import { beatIsFresh, cancelChannel, DEFAULT_PREFIX, jobIdOf, QUEUE_NAME, redisOptions, runIdOf, workerKeyPrefix, type RunJobData, type WorkerBeat } from './bullmqShared.ts';

export interface BullmqExecutorOptions {
  redisUrl: string;
  prefix?: string;
  retry?: RetryPolicy;
  /** how often the completed/failed sets are swept and the worker list refreshed */
  reconcileMs?: number;
}

export class BullmqJobExecutor implements JobExecutor {
  readonly name = 'bullmq';
  private readonly prefix: string;
  private readonly retry: RetryPolicy;
  private queue: Queue | null = null;
  private events: QueueEvents | null = null;
  private redis: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly settling = new Set<string>();
  private started = false;
  private processed = 0;
  private failedCount = 0;
  private workers: WorkerInfo[] = [];

  constructor(
    private readonly sink: JobSink,
    private readonly opts: BullmqExecutorOptions,
  ) {
    this.prefix = opts.prefix ?? DEFAULT_PREFIX;
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  async start(): Promise<void> {
    if (this.started) return;
    const connection = redisOptions(this.opts.redisUrl);
    const queue = new Queue(QUEUE_NAME, { connection, prefix: this.prefix });
    const events = new QueueEvents(QUEUE_NAME, { connection, prefix: this.prefix });
    this.queue = queue;
    this.events = events;
    this.redis = new Redis(connection as RedisConnectionOptions);
    queue.on('error', (err) => process.stderr.write(`rlab: bullmq queue: ${err.message}\n`));
    events.on('error', (err) => process.stderr.write(`rlab: bullmq events: ${err.message}\n`));
    events.on('active', ({ jobId }) => void this.onActive(jobId));
    events.on('progress', ({ jobId, data }) => {
      const runId = runIdOf(jobId);
      if (runId !== null && typeof data === 'number') this.sink.progress(runId, data, 'bullmq');
    });
    events.on('completed', ({ jobId }) => void this.settle(jobId));
    events.on('failed', ({ jobId }) => void this.settle(jobId));
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    this.started = true;
    await this.enqueue(await this.sink.pending());
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile().catch((err: unknown) => process.stderr.write(`rlab: bullmq reconcile: ${String(err)}\n`)), this.opts.reconcileMs ?? 2000);
    this.timer.unref();
  }

  async enqueue(runIds: number[]): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    const jobs: { name: string; data: RunJobData; opts: { jobId: string; attempts: number; backoff: { type: 'exponential'; delay: number } } }[] = [];
    for (const runId of runIds) {
      const d = await this.sink.describe(runId);
      if (!d || (d.status !== 'queued' && d.status !== 'running')) continue;
      jobs.push({ name: 'run', data: { runId, key: d.key, spec: d.spec }, opts: { jobId: jobIdOf(runId, d.key), attempts: this.retry.attempts, backoff: { type: 'exponential', delay: this.retry.backoffMs } } });
    }
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  }

  async cancel(_experimentId: number, runIds: number[]): Promise<number> {
    const queue = this.queue;
    if (!queue || !this.redis) return 0;
    let dropped = 0;
    for (const runId of runIds) {
      const d = await this.sink.describe(runId);
      if (!d) continue;
      const jobId = jobIdOf(runId, d.key);
      const job = await queue.getJob(jobId);
      if (!job) continue;
      const state = await job.getState();
      if (state === 'active') {
        // the worker holding it aborts it at its next check
        await this.redis.publish(cancelChannel(this.prefix), jobId);
        continue;
      }
      try {
        await job.remove();
        dropped++;
      } catch {
        // became active meanwhile
        await this.redis.publish(cancelChannel(this.prefix), jobId);
      }
    }
    return dropped;
  }

  async status(): Promise<WorkerStateSnapshot> {
    const counts = this.queue ? await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active') : {};
    return {
      executor: this.name,
      started: this.started,
      concurrency: this.workers.length,
      queued: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      processed: this.processed,
      failed: this.failedCount,
      workers: this.workers,
    };
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.events?.close();
    await this.queue?.close();
    this.redis?.disconnect();
    this.events = null;
    this.queue = null;
    this.redis = null;
  }

  private async onActive(jobId: string): Promise<void> {
    const runId = runIdOf(jobId);
    const job = await this.queue?.getJob(jobId);
    if (runId === null || !job) return;
    await this.sink.started(runId, job.processedBy ?? 'bullmq', job.attemptsMade + 1);
  }

  /** store a finished job (exactly once, by the sink) and remove it from Redis */
  private async settle(jobId: string): Promise<void> {
    const queue = this.queue;
    const runId = runIdOf(jobId);
    if (!queue || runId === null || this.settling.has(jobId)) return;
    this.settling.add(jobId);
    try {
      const job = await queue.getJob(jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === 'completed') {
        const out = job.returnvalue as JobOutput;
        if (await this.sink.done(runId, out.result, out.planted, { worker: job.processedBy ?? 'bullmq', attempt: job.attemptsMade })) this.processed++;
      } else if (state === 'failed') {
        await this.sink.failed(runId, job.failedReason);
        this.failedCount++;
      } else return;
      await job.remove().catch(() => undefined);
    } finally {
      this.settling.delete(jobId);
    }
  }

  private async reconcile(): Promise<void> {
    const queue = this.queue;
    if (!queue || !this.started) return;
    for (const state of ['completed', 'failed'] as const) {
      const jobs = await queue.getJobs([state], 0, 999);
      for (const job of jobs) if (job.id) await this.settle(job.id);
    }
    await this.refreshWorkers();
  }

  private async refreshWorkers(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${workerKeyPrefix(this.prefix)}*`, 'COUNT', 200);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const values = keys.length ? await redis.mget(...keys) : [];
    const now = Date.now();
    this.workers = values
      .flatMap((v): WorkerInfo[] => {
        try {
          const b = v ? (JSON.parse(v) as Partial<WorkerBeat>) : null;
          if (!b || typeof b.id !== 'string' || !beatIsFresh(b, now)) return [];
          const { beatAt: _at, heartbeatMs: _hb, ...info } = b;
          return [info as WorkerInfo];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
