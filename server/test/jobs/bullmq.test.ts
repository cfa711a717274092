/**
 * The bullmq executor against a real redis-server: the shared contract suite (server-side executor plus
 * an in-process `rlab worker`), and a kill -9 of an `rlab worker` process in the middle of a job: BullMQ
 * hands the stalled job to another worker and the result is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullmqJobExecutor } from '../../src/modules/job/bullmqExecutor.ts';
import { startBullmqWorker, type RunningWorker } from '../../src/modules/job/bullmqWorker.ts';
import type { JobExecutor, JobSink, WorkerStateSnapshot } from '../../src/modules/job/executor.ts';
import { CONTRACT_RETRY, jobExecutorContract, MemorySink, probe } from '../api/jobExecutorContract.ts';
import { spawnCliWorker, startRedis, type RunningRedis } from './redis.ts';
import { StoreSink } from '../api/storeSink.ts';

let redis: RunningRedis | undefined;
beforeAll(async () => {
  redis = await startRedis();
}, 20_000);
afterAll(async () => {
  await redis?.stop();
});

let prefixSeq = 0;

/** the server-side executor and one worker with 2 compute processes, on a fresh queue prefix */
class ExecutorWithWorker implements JobExecutor {
  readonly name = 'bullmq+worker';
  private readonly inner: BullmqJobExecutor;
  private worker: RunningWorker | null = null;
  private readonly prefix = `t${process.pid}-${++prefixSeq}`;
  constructor(sink: JobSink) {
    this.inner = new BullmqJobExecutor(sink, { redisUrl: redis!.url, prefix: this.prefix, retry: CONTRACT_RETRY, reconcileMs: 500 });
  }
  async start() {
    this.worker = await startBullmqWorker({ redisUrl: redis!.url, prefix: this.prefix, concurrency: 2, lockMs: 3000 });
    await this.inner.start();
  }
  enqueue(ids: number[]) {
    return this.inner.enqueue(ids);
  }
  cancel(e: number, ids: number[]) {
    return this.inner.cancel(e, ids);
  }
  status(): Promise<WorkerStateSnapshot> {
    return this.inner.status();
  }
  async stop() {
    await this.worker?.close();
    await this.inner.stop();
  }
}

jobExecutorContract('bullmq (real redis-server, one worker with 2 compute processes)', (sink) => new ExecutorWithWorker(sink));
jobExecutorContract('bullmq (real redis-server, one worker with 2 compute processes; the real SQLite queue as the sink)', (sink) => new ExecutorWithWorker(sink), () => StoreSink.open());

describe('bullmq executor: crashes', () => {
  it('kill -9 of an `rlab worker` process in the middle of a job: another worker reruns it, stored once', async () => {
    const prefix = `kill-${process.pid}`;
    const sink = new MemorySink();
    const executor = new BullmqJobExecutor(sink, { redisUrl: redis!.url, prefix, retry: CONTRACT_RETRY, reconcileMs: 500 });
    // the CLI worker, as a process; the test kills it with SIGKILL
    const { proc, ready } = spawnCliWorker(redis!.url, prefix, ['--lock-ms', '1500', '--name', 'victim']);
    let second: RunningWorker | undefined;
    try {
      await ready;
      await executor.start();
      sink.add(1, probe({ sleepMs: 3000, steps: 30 }));
      await executor.enqueue([1]);
      await sink.until(() => (sink.progressOf.get(1)?.length ?? 0) > 0);
      proc.kill('SIGKILL');
      second = await startBullmqWorker({ redisUrl: redis!.url, prefix, concurrency: 1, lockMs: 1500, name: 'rescuer' });
      await sink.until(() => sink.states.get(1) === 'done');
      await new Promise((ok) => setTimeout(ok, 1000));
      expect(sink.doneCalls.get(1)).toBe(1);
      expect(sink.startTimes.get(1)!.length).toBeGreaterThanOrEqual(1);
    } finally {
      proc.kill('SIGKILL');
      await second?.close();
      await executor.stop();
    }
  }, 60_000);
});
