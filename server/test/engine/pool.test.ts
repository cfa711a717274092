/**
 * The one engine/training pool (src/engine/pool.ts, on tinypool): records equal in-process runs and come
 * back in task order; tasks are submitted largest first (estimated cost n * P * d^2); a pool's workers are
 * started once and reused across batches; trainBatch runs on the same pool.
 */
import { describe, expect, it } from 'vitest';
import { instanceSpecSchema, type InstanceSpec } from '@rlab/shared';
import { EnginePool, runPool, largestFirst, specCost } from '../../src/engine/pool.ts';
import { runTask, type Task } from '../../src/engine/task.ts';
import { trainBatch } from '../../src/engine/train/batch.ts';

const spec = (n: number, d: number, seed = 1): InstanceSpec =>
  instanceSpecSchema.parse({ architecture: 'plain', program: 'relaxed', planted: { kind: 'relu' }, n, d, seed, testSize: 20 });

const strip = (r: { result: unknown }) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'timeMs' ? undefined : v)));

describe('engine pool', () => {
  it('largest first: cost n * max(n, 50) * d^2, ties in index order', () => {
    expect(specCost({ n: 20, d: 10 })).toBe(20 * 50 * 100);
    expect(specCost({ n: 100, d: 10 })).toBe(100 * 100 * 100);
    expect(largestFirst([{ n: 10, d: 5 }, { n: 100, d: 20 }, { n: 40, d: 20 }, { n: 100, d: 20 }, { n: 10, d: 5 }])).toEqual([1, 3, 2, 0, 4]);
  });

  it('runPool: records in task order, equal to running each task here; one worker finishes them largest first', async () => {
    const tasks: Task[] = [spec(12, 4), spec(30, 6), spec(16, 4, 2), spec(24, 6, 3)].map((s) => ({ method: 'convex', spec: s }));
    const order: number[] = [];
    const pooled = await runPool(tasks, { workers: 1, onRecord: (i) => order.push(i) });
    expect(order).toEqual(largestFirst(tasks.map((t) => t.spec)));
    const here = await Promise.all(tasks.map((t) => runTask(t)));
    expect(pooled.map(strip)).toEqual(here.map(strip));
    const two = await runPool(tasks, { workers: 2 });
    expect(two.map(strip)).toEqual(here.map(strip));
    expect(await runPool([], { workers: 2 })).toEqual([]);
  });

  it('a pool keeps its workers across batches (started once per command)', async () => {
    const pool = new EnginePool(1);
    try {
      const before = await pool.threadInfo();
      const tasks: Task[] = [spec(12, 4), spec(14, 4)].map((s) => ({ method: 'convex', spec: s }));
      await runPool(tasks, { pool });
      await pool.runTasks(tasks);
      const after = await pool.threadInfo();
      expect(after.threadId).toBe(before.threadId);
      expect(after.tasksRun).toBe(before.tasksRun + 4);
    } finally {
      await pool.destroy();
    }
    await expect(pool.runTasks([])).rejects.toThrow(/used after destroy/);
  });

  it('trainBatch trains on the pool, records in spec order', async () => {
    const specs = [spec(12, 3), spec(16, 3, 2)];
    const pool = new EnginePool(2);
    try {
      const recs = await trainBatch(specs, { epochs: 20, backend: 'cpu' }, 2, pool);
      expect(recs.map((r) => r.spec)).toEqual(specs);
      for (const r of recs) {
        expect(r.error).toBeUndefined();
        expect(r.result).not.toBeNull();
      }
    } finally {
      await pool.destroy();
    }
  }, 120_000);
});
