/**
 * The experiment spec: a grid over n, d and sigma with repeated trials (science.md section 7). It expands
 * to one InstanceSpec per (n, d, sigma, trial) with seed = baseSeed + trial. Validated by the server
 * before anything is written.
 */
import { z } from 'zod';
import { ARCHITECTURES, PROGRAMS, DATA_DISTRIBUTIONS, plantedSpecSchema, defaultPlanted, type InstanceSpec } from './spec.ts';

export const EXPERIMENT_METHODS = ['convex', 'train', 'both'] as const;
/** compute backends of the trainer (the convex program always runs on the engine's own IPM) */
export const TRAIN_BACKENDS = ['wasm', 'cpu', 'tensorflow', 'webgpu'] as const;
export type ExperimentMethod = (typeof EXPERIMENT_METHODS)[number];

/** most runs one experiment may create */
export const MAX_RUNS_PER_EXPERIMENT = 100_000;

const finiteNonNeg = z.number().refine(Number.isFinite, { message: 'must be a finite number' }).pipe(z.number().min(0).max(10));

export const experimentSpecSchema = z
  .object({
    architecture: z.enum(ARCHITECTURES),
    program: z.enum(PROGRAMS).default('exact'),
    planted: plantedSpecSchema.optional(),
    data: z.enum(DATA_DISTRIBUTIONS).default('gaussian'),
    n: z.array(z.number().int().min(1).max(5000)).min(1, { message: 'needs at least one value' }).max(500),
    d: z.array(z.number().int().min(1).max(1000)).min(1, { message: 'needs at least one value' }).max(500),
    sigma: z.array(finiteNonNeg).min(1).max(50).default([0]),
    trials: z.number().int().min(1).max(10_000).default(1),
    beta: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).pipe(z.number().min(0)).default(0),
    seed: z.number().int().min(0).max(2 ** 31 - 1 - 10_000).default(0),
    patternSamples: z.number().int().min(1).max(20000).optional(),
    testSize: z.number().int().min(0).max(100000).default(200),
    method: z.enum(EXPERIMENT_METHODS).default('convex'),
    /** the trainer's backend for method train/both (default wasm) */
    backend: z.enum(TRAIN_BACKENDS).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const total = new Set(s.n).size * new Set(s.d).size * new Set(s.sigma).size * s.trials;
    if (total > MAX_RUNS_PER_EXPERIMENT)
      ctx.addIssue({ code: 'custom', path: ['trials'], message: `the grid has ${total} runs; at most ${MAX_RUNS_PER_EXPERIMENT} are allowed` });
  });
export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;

export interface ExpandedRun {
  trial: number;
  spec: InstanceSpec;
}

/** one run per (n, d, sigma, trial), in that nesting order, duplicates in the lists removed */
export function expandExperiment(s: ExperimentSpec): ExpandedRun[] {
  const planted = s.planted ?? defaultPlanted(s.architecture);
  const out: ExpandedRun[] = [];
  for (const n of [...new Set(s.n)])
    for (const d of [...new Set(s.d)])
      for (const sigma of [...new Set(s.sigma)])
        for (let trial = 0; trial < s.trials; trial++) {
          const spec: InstanceSpec = {
            architecture: s.architecture,
            program: s.program,
            planted,
            data: s.data,
            n,
            d,
            seed: s.seed + trial,
            sigma,
            beta: s.beta,
            testSize: s.testSize,
          };
          if (s.patternSamples !== undefined) spec.patternSamples = s.patternSamples;
          out.push({ trial, spec });
        }
  return out;
}
