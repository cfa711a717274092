/**
 * The values and ranges of the spec axes, listed once. No dependencies (no zod), so the app's renderer
 * imports them as they are; the zod schemas (spec.ts, experiment.ts), the CLI's flags and messages, the
 * engine and the New experiment form all read them from here. Adding an architecture, a program, a
 * method or a backend starts with one entry below (science.md sections 2-4 say what they mean).
 */

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

/** convex program, trained networks, or both on the same data */
export const EXPERIMENT_METHODS = ['convex', 'train', 'both'] as const;
export type ExperimentMethod = (typeof EXPERIMENT_METHODS)[number];

/** compute backends of the trainer (the convex program always runs on the engine's own IPM) */
export const TRAIN_BACKENDS = ['wasm', 'cpu', 'tensorflow', 'webgpu'] as const;
export type TrainBackend = (typeof TRAIN_BACKENDS)[number];

/**
 * Largest weight decay the engine is asked to solve with. Past the largest block correlation of the data
 * (for n <= 5000, sigma <= 10 well below 1e6) every block is zero and the program's answer no longer
 * changes; at 1e308 the interior point method overflowed (issue 12 item 9), so larger values are refused.
 */
export const MAX_BETA = 1e6;

/** most runs one experiment (and one rlab sweep combination) may create */
export const MAX_RUNS_PER_EXPERIMENT = 100_000;

export interface Range {
  min: number;
  max: number;
  integer: boolean;
}

/** the allowed values of every numeric axis; seeds of experiments leave room for seed + trial */
export const SPEC_RANGES = {
  n: { min: 1, max: 5000, integer: true },
  d: { min: 1, max: 1000, integer: true },
  sigma: { min: 0, max: 10, integer: false },
  beta: { min: 0, max: MAX_BETA, integer: false },
  trials: { min: 1, max: 10_000, integer: true },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  experimentSeed: { min: 0, max: 2 ** 31 - 1 - 10_000, integer: true },
  plantedK: { min: 1, max: 16, integer: true },
  patternSamples: { min: 1, max: 20_000, integer: true },
  testSize: { min: 0, max: 100_000, integer: true },
  epochs: { min: 1, max: 100_000, integer: true },
} as const satisfies Record<string, Range>;

/** most distinct values in one axis list of an experiment (n, d) */
export const MAX_AXIS_VALUES = 500;
/** most distinct noise levels in one experiment */
export const MAX_SIGMA_VALUES = 50;
