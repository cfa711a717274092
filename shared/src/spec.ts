/**
 * The instance specification: everything needed to regenerate one planted recovery problem
 * bit for bit (science.md sections 2-4). Shared by the engine, the server, the jobs and the app.
 */
import { z } from 'zod';

import { ARCHITECTURES, DATA_DISTRIBUTIONS, MAX_BETA, PLANTED_KINDS, PLANTED_WEIGHTS, PROGRAMS, SPEC_RANGES, type Architecture } from './contract.ts';

export * from './contract.ts';
export * from './grid.ts';

export const plantedSpecSchema = z
  .object({
    kind: z.enum(PLANTED_KINDS),
    /** number of planted neurons (relu, normalized); ignored for linear/none */
    k: z.number().int().min(SPEC_RANGES.plantedK.min).max(SPEC_RANGES.plantedK.max).default(1),
    /** weights: gaussian unit vectors (the default everywhere); smallest right singular vector of X (linear; the authors' script default optw 1); e_j (normalized); w2 = -w1 */
    weights: z.enum(PLANTED_WEIGHTS).default('gaussian'),
    /** output-layer signs for k relu neurons; default alternating +1, -1, +1, ... */
    signs: z.array(z.union([z.literal(1), z.literal(-1)])).optional(),
  })
  .strict();
export type PlantedSpec = z.infer<typeof plantedSpecSchema>;

const finite = (field: string) =>
  z.number({ message: `${field} must be a finite number` }).refine(Number.isFinite, { message: `${field} must be a finite number (got NaN or Infinity)` });

export const instanceSpecSchema = z
  .object({
    architecture: z.enum(ARCHITECTURES),
    program: z.enum(PROGRAMS),
    planted: plantedSpecSchema,
    data: z.enum(DATA_DISTRIBUTIONS).default('gaussian'),
    n: z.number().int().min(SPEC_RANGES.n.min).max(SPEC_RANGES.n.max),
    d: z.number().int().min(SPEC_RANGES.d.min).max(SPEC_RANGES.d.max),
    seed: z.number().int().min(SPEC_RANGES.seed.min).max(SPEC_RANGES.seed.max),
    sigma: finite('sigma').pipe(z.number().min(SPEC_RANGES.sigma.min).max(SPEC_RANGES.sigma.max)).default(0),
    beta: finite('beta').pipe(z.number().min(SPEC_RANGES.beta.min).max(MAX_BETA)).default(0),
    /** sampled directions; default max(n, 50) */
    patternSamples: z.number().int().min(SPEC_RANGES.patternSamples.min).max(SPEC_RANGES.patternSamples.max).optional(),
    /** size of the fresh noise-free test set */
    testSize: z.number().int().min(SPEC_RANGES.testSize.min).max(SPEC_RANGES.testSize.max).default(200),
  })
  .strict();
export type InstanceSpec = z.infer<typeof instanceSpecSchema>;
export type InstanceSpecInput = z.input<typeof instanceSpecSchema>;

/** The planted model that goes with an architecture when none is given. */
export function defaultPlanted(architecture: Architecture): PlantedSpec {
  switch (architecture) {
    case 'plain':
      return { kind: 'relu', k: 1, weights: 'gaussian' };
    case 'skip':
      // science.md 4: Gaussian unit w, as the authors' README commands (--optw 0); n ~ 2 d. The smallest
      // right singular vector of X (their script's default, optw 1; about 2.5 d) is weights 'smallest-singular'.
      return { kind: 'linear', k: 1, weights: 'gaussian' };
    case 'normalized':
      return { kind: 'normalized', k: 1, weights: 'gaussian' };
  }
}
