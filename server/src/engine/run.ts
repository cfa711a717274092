/**
 * Spec in, result out: the unit of work of sweeps, jobs and the server. Pure (no I/O).
 */
import { instanceSpecSchema, type InstanceSpec, type InstanceSpecInput, type SolveResult } from '@rlab/shared';
import { generateInstance } from './data.ts';
import { solveInstance } from './solve.ts';
import { serializePlanted, type PlantedNetwork } from './instance.ts';

export interface RunOutput {
  spec: InstanceSpec;
  result: SolveResult;
  planted: PlantedNetwork | null;
}

export function parseSpec(input: InstanceSpecInput): InstanceSpec {
  return instanceSpecSchema.parse(input);
}

/** generate the instance of a spec and solve its convex program */
export function runSpec(spec: InstanceSpec, options: { bestDual?: boolean } = {}): RunOutput {
  const inst = generateInstance(spec);
  const opts: { seedKey: string; patternSamples?: number; bestDual?: boolean } = { seedKey: inst.name, bestDual: !!options.bestDual };
  if (spec.patternSamples !== undefined) opts.patternSamples = spec.patternSamples;
  const { result } = solveInstance(inst, opts);
  return { spec, result, planted: serializePlanted(inst.planted) };
}
