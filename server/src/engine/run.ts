/**
 * Spec in, result out: the unit of work of sweeps, jobs and the server. Pure (no I/O).
 */
import { instanceSpecSchema, type InstanceSpec, type InstanceSpecInput, type SolveResult, type NeuronOut } from '@rlab/shared';
import { generateInstance } from './data.ts';
import { solveInstance } from './solve.ts';

export interface RunOutput {
  spec: InstanceSpec;
  result: SolveResult;
  planted: { neurons: NeuronOut[]; skip: number[] | null } | null;
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
  const planted = inst.planted
    ? {
        neurons: inst.planted.neurons.map((p) => {
          const o: NeuronOut = { w: Array.from(p.w), a: p.a };
          if (p.normalizer !== undefined) o.normalizer = p.normalizer;
          return o;
        }),
        skip: inst.planted.skip ? Array.from(inst.planted.skip) : null,
      }
    : null;
  return { spec, result, planted };
}
