/**
 * The contract every JobExecutor implementation passes (style.md 8): the local worker-thread executor
 * here, the durable executor of issue 5 later. Call `jobExecutorContract(name, factory)` from a test file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NeuronOut, SolveResult } from '@rlab/shared';
import type { JobExecutor, JobSink } from '../../src/modules/job/executor.ts';

/** an in-memory sink: specs by run id, records what the executor hands back */
export class MemorySink implements JobSink {
  readonly specs = new Map<number, unknown>();
  readonly states = new Map<number, 'queued' | 'running' | 'done' | 'failed' | 'cancelled'>();
  readonly results = new Map<number, SolveResult>();
  readonly failures = new Map<number, string>();
  readonly order: number[] = [];
  private waiters: (() => void)[] = [];

  add(runId: number, spec: unknown): void {
    this.specs.set(runId, spec);
    this.states.set(runId, 'queued');
  }
  async claim(runId: number): Promise<{ spec: unknown } | null> {
    if (this.states.get(runId) !== 'queued') return null;
    this.states.set(runId, 'running');
    return { spec: this.specs.get(runId) };
  }
  async done(runId: number, result: SolveResult, _planted: { neurons: NeuronOut[]; skip: number[] | null } | null): Promise<void> {
    if (this.states.get(runId) === 'cancelled') return;
    this.states.set(runId, 'done');
    this.results.set(runId, result);
    this.order.push(runId);
    this.notify();
  }
  async failed(runId: number, message: string): Promise<void> {
    this.states.set(runId, 'failed');
    this.failures.set(runId, message);
    this.order.push(runId);
    this.notify();
  }
  async pending(): Promise<number[]> {
    return [...this.states].filter(([, s]) => s === 'queued').map(([id]) => id);
  }
  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  async until(pred: () => boolean, timeoutMs = 60_000): Promise<void> {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting for the executor');
      await new Promise<void>((ok) => {
        this.waiters.push(ok);
        setTimeout(ok, 100);
      });
    }
  }
}

const spec = (seed: number, n = 12) => ({ architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, data: 'gaussian', n, d: 3, seed, sigma: 0, beta: 0, testSize: 20 });

export function jobExecutorContract(name: string, factory: (sink: JobSink) => JobExecutor): void {
  describe(`JobExecutor contract: ${name}`, () => {
    let executor: JobExecutor | undefined;
    afterEach(async () => {
      await executor?.stop();
      executor = undefined;
    });

    it('resumes queued work at start and runs what is enqueued, handing every result to the sink', async () => {
      const sink = new MemorySink();
      sink.add(1, spec(1));
      executor = factory(sink);
      await executor.start();
      sink.add(2, spec(2));
      sink.add(3, spec(3));
      await executor.enqueue([2, 3]);
      await sink.until(() => sink.order.length === 3);
      expect([...sink.results.keys()].sort()).toEqual([1, 2, 3]);
      expect(sink.results.get(2)!.neurons.length).toBeGreaterThan(0);
      const st = executor.status();
      expect(st).toMatchObject({ started: true, queued: 0, active: 0 });
      expect(st.processed).toBe(3);
    });

    it('reports a bad spec as a failed run and keeps going', async () => {
      const sink = new MemorySink();
      executor = factory(sink);
      await executor.start();
      sink.add(1, { architecture: 'nope' });
      sink.add(2, spec(4));
      await executor.enqueue([1, 2]);
      await sink.until(() => sink.order.length === 2);
      expect(sink.failures.get(1)).toMatch(/architecture/);
      expect(sink.states.get(2)).toBe('done');
      expect(executor.status().failed).toBe(1);
    });

    it('cancel drops queued runs; enqueueing the same run twice runs it once', async () => {
      const sink = new MemorySink();
      executor = factory(sink);
      await executor.start();
      const ids = [1, 2, 3, 4, 5, 6];
      for (const id of ids) sink.add(id, spec(id, 40));
      await executor.enqueue(ids);
      await executor.enqueue([1, 2]);
      const dropped = await executor.cancel(1, [4, 5, 6]);
      for (const id of [4, 5, 6]) sink.states.set(id, 'cancelled');
      expect(dropped).toBeGreaterThanOrEqual(2);
      await sink.until(() => [1, 2, 3].every((id) => sink.states.get(id) === 'done'));
      await new Promise((ok) => setTimeout(ok, 300));
      expect(sink.order.filter((id) => id <= 3).sort()).toEqual([1, 2, 3]);
      for (const id of [4, 5, 6]) expect(sink.results.has(id)).toBe(false);
    });
  });
}
