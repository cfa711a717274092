/**
 * A unit of sweep work: one spec solved by the convex program, trained, or both.
 */
import type { InstanceSpec } from '@rlab/shared';
import { runSpec } from './run.ts';
import type { TrialRecord } from './sweep.ts';

export type Method = 'convex' | 'train' | 'both';
export const METHODS: readonly Method[] = ['convex', 'train', 'both'];

export interface Task {
  method: Method;
  spec: InstanceSpec;
  /** training options (method train/both) */
  train?: Record<string, unknown>;
}

export interface TaskRecord extends TrialRecord {
  /** the trained network's result, for method 'both' */
  trained?: unknown;
}

type TrainFn = (spec: InstanceSpec, opts: Record<string, unknown>) => Promise<{ result: TrialRecord['result'] } & Record<string, unknown>>;
let trainFn: TrainFn | null = null;

async function loadTrainer(): Promise<TrainFn> {
  if (trainFn) return trainFn;
  // resolved at run time so that the convex engine does not load TensorFlow.js
  const specifier = './train/index.ts';
  const mod = (await import(specifier)) as { trainSpec?: TrainFn };
  if (!mod.trainSpec) throw new Error('the trainer (engine/train) does not export trainSpec');
  trainFn = mod.trainSpec;
  return mod.trainSpec;
}

export async function runTask(task: Task): Promise<TaskRecord> {
  const { spec, method } = task;
  try {
    if (method === 'convex') {
      const out = runSpec(spec);
      return { spec, result: out.result, method };
    }
    const train = await loadTrainer();
    const trained = await train(spec, task.train ?? {});
    if (method === 'train') return { spec, result: trained.result, method };
    const out = runSpec(spec);
    return { spec, result: out.result, method, trained: trained.result };
  } catch (err) {
    return { spec, result: null, error: err instanceof Error ? err.message : String(err), method };
  }
}
