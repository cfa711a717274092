/**
 * Issue 12 item 7: in Redis mode a worker killed with SIGKILL leaves `workerState` when its heartbeat
 * stops (its keys expire after a few heartbeats), instead of being listed as busy until the server
 * restarts. Real redis-server, the CLI worker as a process with a short heartbeat.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerKeyPrefix } from '../../src/modules/job/bullmqShared.ts';
import { BullmqJobExecutor } from '../../src/modules/job/bullmqExecutor.ts';
import type { WorkerStateSnapshot } from '../../src/modules/job/executor.ts';
import { CONTRACT_RETRY, MemorySink, probe } from '../api/jobExecutorContract.ts';
import { spawnCliWorker, startRedis, type RunningRedis } from './redis.ts';

let redis: RunningRedis | undefined;
beforeAll(async () => {
  redis = await startRedis();
}, 20_000);
afterAll(async () => {
  await redis?.stop();
});

/** resolves with the first snapshot that satisfies pred (the executor refreshes its worker list every reconcile) */
async function stateWhere(executor: BullmqJobExecutor, pred: (s: WorkerStateSnapshot) => boolean): Promise<WorkerStateSnapshot> {
  for (;;) {
    const s = await executor.status();
    if (pred(s)) return s;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

describe('bullmq executor: worker heartbeat', () => {
  it('a worker killed with SIGKILL mid-job leaves workerState once its heartbeat stops', async () => {
    const prefix = `beat-${process.pid}`;
    const sink = new MemorySink();
    const executor = new BullmqJobExecutor(sink, { redisUrl: redis!.url, prefix, retry: CONTRACT_RETRY, reconcileMs: 100 });
    const { proc, ready } = spawnCliWorker(redis!.url, prefix, ['--name', 'victim', '--heartbeat-ms', '200']);
    try {
      await ready;
      await executor.start();
      // a job much longer than the test: the worker is busy when it dies
      sink.add(1, probe({ sleepMs: 600_000, steps: 6000 }));
      await executor.enqueue([1]);
      const busy = await stateWhere(executor, (s) => (s.workers ?? []).some((w) => w.id.startsWith('victim') && w.busy));
      expect(busy.workers!.filter((w) => w.id.startsWith('victim'))).toHaveLength(1);
      const exited = new Promise((ok) => proc.once('exit', ok));
      proc.kill('SIGKILL');
      await exited;
      // the event: the worker list no longer holds the dead worker (no fixed sleep; the test's timeout bounds it)
      const after = await stateWhere(executor, (s) => !(s.workers ?? []).some((w) => w.id.startsWith('victim')));
      expect(after.workers!.some((w) => w.busy)).toBe(false);
    } finally {
      proc.kill('SIGKILL');
      await executor.stop();
    }
  }, 60_000);

  it('an entry whose heartbeat is older than 3 beats is not listed, even while its key lingers in Redis', async () => {
    const prefix = `stale-${process.pid}`;
    const executor = new BullmqJobExecutor(new MemorySink(), { redisUrl: redis!.url, prefix, reconcileMs: 100 });
    const r = new Redis(redis!.url);
    try {
      const info = { id: 'ghost/1', backend: 'auto', busy: true, jobsDone: 0, runId: 7, progress: 0.5, pid: 1, host: 'h' };
      // a worker that beat 10 s ago with a 200 ms heartbeat, its key kept alive (no TTL) as if the expiry were lost
      await r.set(`${workerKeyPrefix(prefix)}ghost/1`, JSON.stringify({ ...info, beatAt: Date.now() - 10_000, heartbeatMs: 200 }));
      await r.set(`${workerKeyPrefix(prefix)}alive/1`, JSON.stringify({ ...info, id: 'alive/1', beatAt: Date.now() + 60_000, heartbeatMs: 200 }));
      await executor.start();
      const s = await stateWhere(executor, (x) => (x.workers ?? []).length > 0);
      expect(s.workers!.map((w) => w.id)).toEqual(['alive/1']);
      expect(Object.keys(s.workers![0]!)).not.toContain('beatAt');
    } finally {
      r.disconnect();
      await executor.stop();
    }
  }, 30_000);
});
