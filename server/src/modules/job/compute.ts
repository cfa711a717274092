/**
 * What a worker computes for one job, with no database access: a run's spec through the engine, or a
 * `probe` (a diagnostic task kind: sleeps in steps reporting progress, optionally throws or crashes its
 * process) used by the contract suite and the bench as a tiny job with known behaviour.
 */
import { instanceSpecSchema, type SolveResult } from '@rlab/shared';
import { runSpec } from '../../engine/run.ts';
import { runTask } from '../../engine/task.ts';
import { generateInstance } from '../../engine/data.ts';
import { serializePlanted, type PlantedNetwork } from '../../engine/instance.ts';

export interface JobOutput {
  result: SolveResult;
  planted: PlantedNetwork | null;
}

export interface ProbeTask {
  probe: { sleepMs?: number; steps?: number; fail?: string; crash?: boolean };
}

/** a trained run: { method: 'train', spec, train? } (a convex run's payload is the bare spec) */
export interface TrainTask {
  method: 'train';
  spec: unknown;
  train?: Record<string, unknown>;
}

export function isTrain(payload: unknown): payload is TrainTask {
  return typeof payload === 'object' && payload !== null && (payload as TrainTask).method === 'train' && 'spec' in payload;
}

/** a convex run with options: { method: 'convex', spec, bestDual } (without options the payload is the bare spec) */
export interface ConvexTask {
  method: 'convex';
  spec: unknown;
  bestDual?: boolean;
}

export function isConvexTask(payload: unknown): payload is ConvexTask {
  return typeof payload === 'object' && payload !== null && (payload as ConvexTask).method === 'convex' && 'spec' in payload;
}

export function isProbe(payload: unknown): payload is ProbeTask {
  return typeof payload === 'object' && payload !== null && 'probe' in payload && typeof (payload as ProbeTask).probe === 'object';
}

/** the output of a probe: an empty network, enough for a sink to record "done" */
export const PROBE_RESULT = { neurons: [], skip: null, recovered: false, activeNeurons: 0 } as unknown as SolveResult;

/**
 * Run one job. `progress` is called with fractions in [0, 1]; a probe checks `cancelled()` between its
 * steps (the "next check" at which a running job stops); an engine solve is one step.
 */
export async function computeJob(payload: unknown, progress: (fraction: number) => void, cancelled: () => boolean): Promise<JobOutput> {
  if (isProbe(payload)) {
    const { sleepMs = 0, steps = 1, fail, crash } = payload.probe;
    for (let i = 0; i < steps; i++) {
      if (cancelled()) throw new Error('cancelled');
      if (crash && i === Math.floor(steps / 2)) process.kill(process.pid, 'SIGKILL');
      if (sleepMs > 0) await new Promise((ok) => setTimeout(ok, sleepMs / steps));
      if (steps > 1) progress((i + 1) / steps);
    }
    if (crash) process.kill(process.pid, 'SIGKILL');
    if (fail) throw new Error(fail);
    return { result: PROBE_RESULT, planted: null };
  }
  progress(0);
  if (isTrain(payload)) {
    const spec = instanceSpecSchema.parse(payload.spec);
    const rec = await runTask({ method: 'train', spec, train: payload.train ?? {} });
    if (!rec.result) throw new Error(rec.error ?? 'training failed');
    const planted = serializePlanted(generateInstance(spec).planted);
    progress(1);
    return { result: rec.result, planted };
  }
  const out = isConvexTask(payload) ? runSpec(instanceSpecSchema.parse(payload.spec), { bestDual: payload.bestDual === true }) : runSpec(instanceSpecSchema.parse(payload));
  progress(1);
  return { result: out.result, planted: out.planted };
}
