/**
 * A unit of sweep work: one spec solved by the convex program, trained, or both.
 */
import { EXPERIMENT_METHODS, type ExperimentMethod, type InstanceSpec, type SolveResult } from '@rlab/shared';
import { runSpec } from './run.ts';

/** what one task gives back */
export interface TrialRecord {
  spec: InstanceSpec;
  result: SolveResult | null;
  error?: string;
  method?: string;
  /** method 'both': the trained network's result (result is then the convex one) */
  trained?: SolveResult | null;
  /** method 'both': trained network against the convex answer on the test set */
  comparison?: { functionGapRel: number | null; sameFunction: boolean; sameNeurons: boolean; testErrorGap: number | null } | null;
}

/** the methods of the shared contract (shared/src/contract.ts) */
export type Method = ExperimentMethod;
export const METHODS: readonly Method[] = EXPERIMENT_METHODS;

export interface Task {
  method: Method;
  spec: InstanceSpec;
  /** training options (method train/both) */
  train?: Record<string, unknown>;
  /** also compute the best-dual certificate (method convex) */
  bestDual?: boolean;
}

export type TaskRecord = TrialRecord;

interface TrainOut {
  result: NonNullable<TrialRecord['result']>;
  convex?: { result: NonNullable<TrialRecord['result']>; comparison: TrialRecord['comparison'] | null };
}
type TrainFn = (spec: InstanceSpec, opts: Record<string, unknown>) => Promise<TrainOut>;
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
      const out = runSpec(spec, { bestDual: !!task.bestDual });
      return { spec, result: out.result, method };
    }
    const train = await loadTrainer();
    // method both: the trainer solves the convex program on the same data and compares the networks
    const trained = await train(spec, { ...(task.train ?? {}), compare: method === 'both' });
    if (method === 'train') return { spec, result: trained.result, method };
    if (!trained.convex) throw new Error('the trainer returned no convex comparison');
    return { spec, result: trained.convex.result, method, trained: trained.result, comparison: trained.convex.comparison };
  } catch (err) {
    return { spec, result: null, error: err instanceof Error ? err.message : String(err), method };
  }
}
