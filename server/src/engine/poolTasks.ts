/**
 * What a worker of the engine pool (pool.ts) can run. Loaded once per worker thread; the trainer
 * (TensorFlow.js) is imported only by the first training task, so convex-only work never loads it.
 */
import { threadId } from 'node:worker_threads';
import type { InstanceSpec, SolveResult } from '@rlab/shared';
import { caseToInstance, readCase, type CaseFileMessage } from './caseFile.ts';
import { solveInstance } from './solve.ts';
import { runTask as runEngineTask, type Task, type TaskRecord } from './task.ts';
import type { TrainOptions } from './train/index.ts';
import type { BatchRecord } from './train/batch.ts';

let tasksRun = 0;

/** one sweep task (convex, train or both) */
export async function runTask(task: Task): Promise<TaskRecord> {
  tasksRun++;
  return runEngineTask(task);
}

/** one training spec (trainBatch), with the convex comparison when opts.compare */
export async function trainTask(msg: { spec: InstanceSpec; opts: TrainOptions }): Promise<Omit<BatchRecord, 'spec'>> {
  tasksRun++;
  try {
    const { trainSpec } = await import('./train/index.ts');
    const out = await trainSpec(msg.spec, msg.opts);
    const rec: Omit<BatchRecord, 'spec'> = { result: out.result };
    if (out.convex) rec.convex = { result: out.convex.result, comparison: out.convex.comparison };
    return rec;
  } catch (err) {
    return { result: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** one imported case file (importCases): parsed and solved here, off the server's main thread */
export async function solveCase(raw: unknown): Promise<SolveResult> {
  return solveCaseFile({ raw, source: 'case', bestDual: false });
}

/** one case file of `rlab solve --case` (validated by the caller): solved as the CLI's own thread would (same seed key and options) */
export async function solveCaseFile(msg: CaseFileMessage): Promise<SolveResult> {
  tasksRun++;
  const inst = 'path' in msg ? readCase(msg.path) : caseToInstance(msg.raw, msg.source);
  return solveInstance(inst, { seedKey: inst.name, bestDual: msg.bestDual }).result;
}

/** which thread this is and how many tasks it has run (tests: workers are started once and reused) */
export function threadInfo(): { threadId: number; tasksRun: number } {
  return { threadId, tasksRun };
}
