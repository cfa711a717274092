/**
 * The worker side of the `bullmq` executor (`rlab worker --redis redis://HOST:PORT`): a BullMQ Worker
 * whose processor runs each job in one of `concurrency` compute processes (each with its own backend)
 * and returns the result through BullMQ; the server stores it. No database here. BullMQ does the rest:
 * locks and stalled-job recovery when this process dies, attempts with exponential backoff when a
 * compute process crashes. A job that throws is an UnrecoverableError: its run fails with the message
 * and is not retried (the same spec would throw again).
 */
import { hostname } from 'node:os';
import { Redis, type RedisOptions as RedisConnectionOptions } from 'ioredis';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { JobOutput } from './compute.ts';
import { ComputeSlot, JobCancelledError, WorkerCrashedError } from './slot.ts';
import { cancelChannel, DEFAULT_HEARTBEAT_MS, DEFAULT_PREFIX, HEARTBEAT_MISSES, QUEUE_NAME, redisOptions, workerKeyPrefix, type RunJobData, type WorkerBeat } from './bullmqShared.ts';

export interface BullmqWorkerOptions {
  redisUrl: string;
  concurrency?: number;
  backend?: string;
  prefix?: string;
  /** BullMQ lock duration: how soon another worker takes over a job of a dead worker (ms) */
  lockMs?: number;
  /** how often this worker looks for stalled jobs (ms) */
  stalledIntervalMs?: number;
  /** how often this worker publishes its state (ms); its entries expire after HEARTBEAT_MISSES beats without one */
  heartbeatMs?: number;
  name?: string;
}

export interface RunningWorker {
  name: string;
  slots: ComputeSlot[];
  close(): Promise<void>;
}

export async function startBullmqWorker(opts: BullmqWorkerOptions): Promise<RunningWorker> {
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const backend = opts.backend ?? 'auto';
  const slots = Array.from({ length: concurrency }, (_, i) => new ComputeSlot(`${name}/${i + 1}`, backend));
  await Promise.all(slots.map((s) => s.warm()));
  const free = [...slots];
  const lockMs = opts.lockMs ?? 30_000;

  const processor = async (job: Job<RunJobData, JobOutput>, _token?: string, signal?: AbortSignal): Promise<JobOutput> => {
    const slot = free.pop();
    if (!slot) throw new Error('no free compute process (concurrency mismatch)');
    const onAbort = () => slot.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await slot.run(job.data.runId, job.data.spec, (f) => void job.updateProgress(f).catch(() => undefined));
    } catch (err) {
      if (err instanceof JobCancelledError) throw new UnrecoverableError('cancelled');
      if (err instanceof WorkerCrashedError) throw err;
      throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
    } finally {
      signal?.removeEventListener('abort', onAbort);
      free.push(slot);
    }
  };

  const worker = new Worker<RunJobData, JobOutput>(QUEUE_NAME, processor, {
    connection: redisOptions(opts.redisUrl),
    prefix,
    name,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: opts.stalledIntervalMs ?? Math.max(500, Math.floor(lockMs / 2)),
    maxStalledCount: 2,
    autorun: false,
  });
  worker.on('error', (err) => process.stderr.write(`rlab worker: ${err.message}\n`));

  // cancel: the server publishes the job id; the worker holding it aborts it (BullMQ's cancelJob)
  const sub = new Redis(redisOptions(opts.redisUrl) as RedisConnectionOptions);
  await sub.subscribe(cancelChannel(prefix));
  sub.on('message', (_ch: string, jobId: string) => void worker.cancelJob(jobId, 'cancelled'));

  // worker state for the API: one key per compute process, refreshed every heartbeat and expiring
  // (Redis TTL) after HEARTBEAT_MISSES missed beats, so a worker killed with SIGKILL leaves the list
  const heartbeatMs = Math.max(50, opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  const pub = new Redis(redisOptions(opts.redisUrl) as RedisConnectionOptions);
  const beat = async () => {
    const m = pub.multi();
    const beatAt = Date.now();
    for (const s of slots) m.set(`${workerKeyPrefix(prefix)}${s.id}`, JSON.stringify({ ...s.info(), host: hostname(), beatAt, heartbeatMs } satisfies WorkerBeat), 'PX', heartbeatMs * HEARTBEAT_MISSES);
    await m.exec();
  };
  await beat();
  const beatTimer = setInterval(() => void beat().catch(() => undefined), heartbeatMs);
  void worker.run();
  await worker.waitUntilReady();

  return {
    name,
    slots,
    async close() {
      clearInterval(beatTimer);
      await worker.close(true);
      await Promise.all(slots.map((s) => s.stop()));
      await pub.del(...slots.map((s) => `${workerKeyPrefix(prefix)}${s.id}`)).catch(() => undefined);
      sub.disconnect();
      pub.disconnect();
    },
  };
}
