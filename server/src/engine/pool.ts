/**
 * The one worker pool of the engine and the trainer: worker threads (one per core by default) started
 * once and reused for every task submitted to them, on tinypool. A sweep or command creates one
 * EnginePool, runs all its batches through it and destroys it; runPool and trainBatch (train/batch.ts)
 * create a pool for one batch when they are not given one.
 *
 * Tasks are submitted largest first (estimated cost n * P * d^2 with P = max(n, 50) sampled patterns:
 * one interior-point iteration over all blocks is about that many flops), so the longest solves do not
 * start last and leave the other cores idle at the end. Results are keyed by task index, so callers
 * restore grid order for deterministic output.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { InstanceSpec, SolveResult } from '@rlab/shared';
import type { Task, TaskRecord } from './task.ts';
import type { CaseFileMessage } from './caseFile.ts';
import type { TrainOptions } from './train/index.ts';
import type { BatchRecord } from './train/batch.ts';

export interface PoolOptions {
  workers?: number;
  onRecord?: (index: number, record: TaskRecord) => void;
  /** run on this pool (its workers already started) instead of a pool for this call */
  pool?: EnginePool;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** estimated cost of solving a spec: n * P * d^2, P = max(n, 50) (the pattern count of science.md section 3) */
export function specCost(spec: Pick<InstanceSpec, 'n' | 'd'>): number {
  return spec.n * Math.max(spec.n, 50) * spec.d * spec.d;
}

/** task indices in submission order: largest estimated cost first, ties in index order */
export function largestFirst(specs: readonly Pick<InstanceSpec, 'n' | 'd'>[]): number[] {
  const cost = specs.map(specCost);
  return specs.map((_, i) => i).sort((a, b) => cost[b]! - cost[a]! || a - b);
}

export class EnginePool {
  readonly workers: number;
  private readonly pool: Tinypool;
  private destroyed = false;

  /**
   * @param workers worker threads, started now
   * @param opts.tasksPerWorker tasks handed to a worker at once (default 1): 2 keeps the next one queued in
   *   the worker, so it does not wait for this thread to hand it over when this thread is busy
   */
  constructor(workers = defaultWorkers(), opts: { tasksPerWorker?: number } = {}) {
    this.workers = Math.max(1, Math.floor(workers));
    this.pool = new Tinypool({
      filename: new URL('./poolWorker.mjs', import.meta.url).href,
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 0,
      isolateWorkers: false,
      concurrentTasksPerWorker: Math.max(1, Math.floor(opts.tasksPerWorker ?? 1)),
    });
  }

  private check(): void {
    if (this.destroyed) throw new Error('EnginePool: used after destroy()');
  }

  /** run sweep tasks, largest first; onRecord as each finishes; records in task order */
  async runTasks(tasks: readonly Task[], onRecord?: (index: number, record: TaskRecord) => void): Promise<TaskRecord[]> {
    this.check();
    const out: TaskRecord[] = new Array(tasks.length);
    await Promise.all(
      largestFirst(tasks.map((t) => t.spec)).map(async (i) => {
        const record = (await this.pool.run(tasks[i], { name: 'runTask' })) as TaskRecord;
        out[i] = record;
        onRecord?.(i, record);
      }),
    );
    return out;
  }

  /** train specs (trainBatch), largest first; records in spec order */
  async trainSpecs(specs: readonly InstanceSpec[], opts: TrainOptions = {}): Promise<BatchRecord[]> {
    this.check();
    const out: BatchRecord[] = new Array(specs.length);
    await Promise.all(
      largestFirst(specs).map(async (i) => {
        const rec = (await this.pool.run({ spec: specs[i], opts }, { name: 'trainTask' })) as Omit<BatchRecord, 'spec'>;
        out[i] = { spec: specs[i]!, ...rec };
      }),
    );
    return out;
  }

  /** solve one case file (recovery-case/1, validated by the caller) on a worker */
  async solveCase(raw: unknown): Promise<SolveResult> {
    this.check();
    return (await this.pool.run(raw, { name: 'solveCase' })) as SolveResult;
  }

  /** solve one case file of `rlab solve --case` (validated by the caller) on a worker, with the CLI's options; given its path, the worker reads it */
  async solveCaseFile(msg: CaseFileMessage): Promise<SolveResult> {
    this.check();
    return (await this.pool.run(msg, { name: 'solveCaseFile' })) as SolveResult;
  }

  /** the thread id and task count of the worker that runs it (tests; also a probe that a worker has started) */
  async threadInfo(): Promise<{ threadId: number; tasksRun: number }> {
    this.check();
    return (await this.pool.run(null, { name: 'threadInfo' })) as { threadId: number; tasksRun: number };
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.pool.destroy();
  }
}

/** run tasks on opts.pool, or on a pool started for this call (min(workers, tasks) threads) and closed after */
export async function runPool(tasks: Task[], opts: PoolOptions = {}): Promise<TaskRecord[]> {
  if (opts.pool) return opts.pool.runTasks(tasks, opts.onRecord);
  if (tasks.length === 0) return [];
  const pool = new EnginePool(Math.min(opts.workers ?? defaultWorkers(), tasks.length));
  try {
    return await pool.runTasks(tasks, opts.onRecord);
  } finally {
    await pool.destroy();
  }
}
