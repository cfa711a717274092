/**
 * The contract every JobExecutor implementation passes (style.md 8): the `local` pool and the `bullmq`
 * executor (server/test/api/jobExecutor.test.ts, server/test/jobs/bullmq.test.ts). Call
 * `jobExecutorContract(name, factory[, makeSink])` from a test file; the factory must use CONTRACT_RETRY.
 * The sink is the in-memory MemorySink by default, or the real SQLite queue (JobService over a store on a
 * temporary file, test/api/storeSink.ts): the same assertions hold for both.
 * Ordering is not promised, completion is; cancel stops queued jobs and running ones at their next check;
 * a job that throws fails its run with the message and the rest goes on; a crashed worker's job is
 * retried with backoff up to a limit; progress reaches the sink (and from there the subscription).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SolveResult } from '@rlab/shared';
import type { DurableQueue, JobExecutor, JobSink, Lease, Planted, RetryPolicy, StoredBy } from '../../src/modules/job/executor.ts';

export const CONTRACT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 300 };

export type State = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** what the contract drives and observes: a sink and durable queue, plus the test's view of every run */
export interface ContractSink extends JobSink, DurableQueue {
  readonly states: Map<number, State>;
  readonly results: Map<number, SolveResult>;
  readonly failures: Map<number, string>;
  readonly order: number[];
  readonly attempts: Map<number, number>;
  readonly startTimes: Map<number, number[]>;
  readonly progressOf: Map<number, number[]>;
  /** a queued run computing `spec` (an engine spec or a probe) */
  add(runId: number, spec: unknown): void;
  /** what the service does before telling the executor to cancel */
  cancelRuns(ids: number[]): void;
  until(pred: () => boolean, timeoutMs?: number): Promise<void>;
  close?(): Promise<void>;
}

/** what a sink's until() waits on: notify() wakes every waiter, and each re-checks every 50 ms */
export class SinkEvents {
  private waiters: (() => void)[] = [];
  notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  /** waits for the event (notify, or a 50 ms re-check); no deadline of its own: the test's timeout guards against a hang */
  async until(pred: () => boolean, timeoutMs = Infinity): Promise<void> {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting for the executor');
      await new Promise<void>((ok) => {
        this.waiters.push(ok);
        setTimeout(ok, 50);
      });
    }
  }
}

/** an in-memory sink and durable queue: specs by run id, records what the executor hands back */
export class MemorySink implements ContractSink {
  readonly specs = new Map<number, unknown>();
  readonly states = new Map<number, State>();
  readonly results = new Map<number, SolveResult>();
  readonly failures = new Map<number, string>();
  readonly order: number[] = [];
  /** every done() call, stored or not */
  readonly doneCalls = new Map<number, number>();
  readonly attempts = new Map<number, number>();
  readonly startTimes = new Map<number, number[]>();
  readonly progressOf = new Map<number, number[]>();
  private readonly leases = new Map<number, { owner: string | null; until: number; notBefore: number }>();
  private readonly events = new SinkEvents();

  add(runId: number, spec: unknown): void {
    this.specs.set(runId, spec);
    this.states.set(runId, 'queued');
    this.leases.set(runId, { owner: null, until: 0, notBefore: 0 });
  }
  cancelRuns(ids: number[]): void {
    for (const id of ids) if (this.states.get(id) === 'queued' || this.states.get(id) === 'running') this.states.set(id, 'cancelled');
  }
  async describe(runId: number) {
    const status = this.states.get(runId);
    return status ? { spec: this.specs.get(runId), key: `key${runId}`, status } : null;
  }
  async started(runId: number, _worker: string, attempt: number): Promise<void> {
    const s = this.states.get(runId);
    if (s !== 'queued' && s !== 'running') return;
    this.states.set(runId, 'running');
    this.attempts.set(runId, attempt);
    this.startTimes.set(runId, [...(this.startTimes.get(runId) ?? []), Date.now()]);
  }
  async done(runId: number, result: SolveResult, _planted: Planted, _by: StoredBy): Promise<boolean> {
    this.doneCalls.set(runId, (this.doneCalls.get(runId) ?? 0) + 1);
    const s = this.states.get(runId);
    if (s !== 'queued' && s !== 'running') return false;
    this.states.set(runId, 'done');
    this.results.set(runId, result);
    this.order.push(runId);
    this.notify();
    return true;
  }
  async failed(runId: number, message: string): Promise<void> {
    const s = this.states.get(runId);
    if (s !== 'queued' && s !== 'running') return;
    this.states.set(runId, 'failed');
    this.failures.set(runId, message);
    this.order.push(runId);
    this.notify();
  }
  progress(runId: number, fraction: number): void {
    this.progressOf.set(runId, [...(this.progressOf.get(runId) ?? []), fraction]);
  }
  async pending(): Promise<number[]> {
    return [...this.states].filter(([, s]) => s === 'queued' || s === 'running').map(([id]) => id);
  }
  async lease(worker: string, leaseMs: number): Promise<Lease | null> {
    const now = Date.now();
    for (const [runId, s] of this.states) {
      const l = this.leases.get(runId)!;
      if ((s === 'queued' && l.notBefore <= now) || (s === 'running' && l.until < now)) {
        this.states.set(runId, 'running');
        l.owner = worker;
        l.until = now + leaseMs;
        const attempt = (this.attempts.get(runId) ?? 0) + 1;
        this.attempts.set(runId, attempt);
        return { runId, spec: this.specs.get(runId), key: `key${runId}`, attempt };
      }
    }
    return null;
  }
  async renew(runId: number, worker: string, leaseMs: number): Promise<boolean> {
    const l = this.leases.get(runId);
    if (!l || this.states.get(runId) !== 'running' || l.owner !== worker) return false;
    l.until = Date.now() + leaseMs;
    return true;
  }
  async requeue(runId: number, worker: string, _message: string, notBefore: Date): Promise<void> {
    const l = this.leases.get(runId);
    if (!l || this.states.get(runId) !== 'running' || l.owner !== worker) return;
    this.states.set(runId, 'queued');
    l.owner = null;
    l.notBefore = notBefore.getTime();
  }
  private notify(): void {
    this.events.notify();
  }
  /** waits for the event (notify, or a 50 ms re-check); no deadline of its own: the test's timeout guards against a hang */
  until(pred: () => boolean, timeoutMs = Infinity): Promise<void> {
    return this.events.until(pred, timeoutMs);
  }
}

export const spec = (seed: number, n = 12) => ({ architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, data: 'gaussian', n, d: 3, seed, sigma: 0, beta: 0, testSize: 20 });
export const probe = (p: { sleepMs?: number; steps?: number; fail?: string; crash?: boolean }) => ({ probe: p });

export function jobExecutorContract(name: string, factory: (sink: ContractSink) => JobExecutor, makeSink: () => Promise<ContractSink> = async () => new MemorySink()): void {
  describe(`JobExecutor contract: ${name}`, () => {
    let executor: JobExecutor | undefined;
    const sinks: ContractSink[] = [];
    const newSink = async () => {
      const s = await makeSink();
      sinks.push(s);
      return s;
    };
    afterEach(async () => {
      await executor?.stop();
      executor = undefined;
      for (const s of sinks.splice(0)) await s.close?.();
    });

    it('resumes queued work at start and completes everything enqueued (in no promised order); workers are listed', async () => {
      const sink = await newSink();
      sink.add(1, spec(1));
      executor = factory(sink);
      await executor.start();
      sink.add(2, spec(2));
      sink.add(3, spec(3));
      sink.add(4, probe({}));
      await executor.enqueue([2, 3, 4]);
      await sink.until(() => sink.order.length === 4);
      expect([...sink.results.keys()].sort()).toEqual([1, 2, 3, 4]);
      expect(sink.results.get(2)!.neurons.length).toBeGreaterThan(0);
      await new Promise((ok) => setTimeout(ok, 2500)); // worker state refresh (bullmq: heartbeats)
      const st = await executor.status();
      expect(st).toMatchObject({ started: true, active: 0 });
      expect(st.processed).toBe(4);
      expect(st.workers!.length).toBeGreaterThan(0);
      expect(st.workers!.reduce((n, w) => n + w.jobsDone, 0)).toBe(4);
      expect(st.workers![0]).toMatchObject({ busy: false, backend: expect.any(String) });
    });

    it('a job that throws fails its run with the message, without retries, and the rest goes on', async () => {
      const sink = await newSink();
      executor = factory(sink);
      await executor.start();
      sink.add(1, { architecture: 'nope' });
      sink.add(2, probe({ fail: 'boom: planted failure' }));
      sink.add(3, spec(4));
      await executor.enqueue([1, 2, 3]);
      await sink.until(() => sink.order.length === 3);
      expect(sink.failures.get(1)).toMatch(/architecture/);
      expect(sink.failures.get(2)).toBe('boom: planted failure');
      expect(sink.attempts.get(2)).toBe(1);
      expect(sink.states.get(3)).toBe('done');
      expect((await executor.status()).failed).toBe(2);
    });

    it('cancel stops queued jobs and a running one at its next check; the executor goes on', async () => {
      const sink = await newSink();
      executor = factory(sink);
      await executor.start();
      sink.add(1, probe({ sleepMs: 20_000, steps: 200 }));
      for (const id of [2, 3, 4]) sink.add(id, probe({ sleepMs: 20_000, steps: 200 }));
      await executor.enqueue([1, 2, 3, 4]);
      await sink.until(() => (sink.progressOf.get(1)?.length ?? 0) > 0 && sink.states.get(1) === 'running');
      const t0 = Date.now();
      sink.cancelRuns([1, 2, 3, 4]); // the service marks them cancelled, then tells the executor
      await executor.cancel(1, [1, 2, 3, 4]);
      sink.add(5, probe({ sleepMs: 10 }));
      await executor.enqueue([5]);
      await sink.until(() => sink.states.get(5) === 'done');
      expect(Date.now() - t0).toBeLessThan(8000);
      for (const id of [1, 2, 3, 4]) {
        expect(sink.states.get(id)).toBe('cancelled');
        expect(sink.results.has(id)).toBe(false);
      }
    });

    it('a crashed worker process: its job is retried with backoff up to the limit, then the run fails; the rest goes on', async () => {
      const sink = await newSink();
      executor = factory(sink);
      await executor.start();
      sink.add(1, probe({ crash: true }));
      sink.add(2, probe({}));
      await executor.enqueue([1, 2]);
      await sink.until(() => sink.order.length === 2);
      expect(sink.states.get(2)).toBe('done');
      expect(sink.states.get(1)).toBe('failed');
      expect(sink.failures.get(1)).toMatch(/crashed/);
      const starts = sink.startTimes.get(1)!;
      expect(starts.length).toBe(CONTRACT_RETRY.attempts);
      // exponential backoff: at least 300 ms before try 2, 600 ms before try 3
      expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(CONTRACT_RETRY.backoffMs * 0.9);
      expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(2 * CONTRACT_RETRY.backoffMs * 0.9);
    });

    it('progress events of a running job reach the sink', async () => {
      const sink = await newSink();
      executor = factory(sink);
      await executor.start();
      sink.add(1, probe({ sleepMs: 400, steps: 4 }));
      await executor.enqueue([1]);
      await sink.until(() => sink.states.get(1) === 'done');
      await new Promise((ok) => setTimeout(ok, 200));
      const p = sink.progressOf.get(1) ?? [];
      expect(p.length).toBeGreaterThanOrEqual(3);
      expect(p[p.length - 1]).toBe(1);
    });
  });
}
