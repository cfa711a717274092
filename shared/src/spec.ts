/**
 * The instance specification: everything needed to regenerate one planted recovery problem
 * bit for bit (science.md sections 2-4). Shared by the engine, the server, the jobs and the app.
 */
import { z } from 'zod';

export const ARCHITECTURES = ['plain', 'skip', 'normalized'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export const PROGRAMS = ['exact', 'relaxed'] as const;
export type Program = (typeof PROGRAMS)[number];

export const DATA_DISTRIBUTIONS = ['gaussian', 'cubic', 'whitened', 'cubic-whitened'] as const;
export type DataDistribution = (typeof DATA_DISTRIBUTIONS)[number];

export const PLANTED_KINDS = ['relu', 'linear', 'normalized', 'none'] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

/** How planted first-layer weights are drawn. */
export const PLANTED_WEIGHTS = ['gaussian', 'smallest-singular', 'basis', 'opposite'] as const;
export type PlantedWeights = (typeof PLANTED_WEIGHTS)[number];

export const plantedSpecSchema = z
  .object({
    kind: z.enum(PLANTED_KINDS),
    /** number of planted neurons (relu, normalized); ignored for linear/none */
    k: z.number().int().min(1).max(16).default(1),
    /** weights: gaussian unit vectors (the default everywhere); smallest right singular vector of X (linear; the authors' script default optw 1); e_j (normalized); w2 = -w1 */
    weights: z.enum(PLANTED_WEIGHTS).default('gaussian'),
    /** output-layer signs for k relu neurons; default alternating +1, -1, +1, ... */
    signs: z.array(z.union([z.literal(1), z.literal(-1)])).optional(),
  })
  .strict();
export type PlantedSpec = z.infer<typeof plantedSpecSchema>;

/**
 * Largest weight decay the engine is asked to solve with. Past the largest block correlation of the data
 * (for n <= 5000, sigma <= 10 well below 1e6) every block is zero and the program's answer no longer
 * changes; at 1e308 the interior point method overflowed (issue 12 item 9), so larger values are refused.
 */
export const MAX_BETA = 1e6;

const finite = (field: string) =>
  z.number({ message: `${field} must be a finite number` }).refine(Number.isFinite, { message: `${field} must be a finite number (got NaN or Infinity)` });

export const instanceSpecSchema = z
  .object({
    architecture: z.enum(ARCHITECTURES),
    program: z.enum(PROGRAMS),
    planted: plantedSpecSchema,
    data: z.enum(DATA_DISTRIBUTIONS).default('gaussian'),
    n: z.number().int().min(1).max(5000),
    d: z.number().int().min(1).max(1000),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    sigma: finite('sigma').pipe(z.number().min(0).max(10)).default(0),
    beta: finite('beta').pipe(z.number().min(0).max(MAX_BETA)).default(0),
    /** sampled directions; default max(n, 50) */
    patternSamples: z.number().int().min(1).max(20000).optional(),
    /** size of the fresh noise-free test set */
    testSize: z.number().int().min(0).max(100000).default(200),
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
