/**
 * The experiment spec: a grid over n, d and sigma with repeated trials (science.md section 7). It expands
 * to one InstanceSpec per (n, d, sigma, trial) with seed = baseSeed + trial. Validated by the server
 * before anything is written.
 */
import { z } from 'zod';
import { ARCHITECTURES, PROGRAMS, DATA_DISTRIBUTIONS, MAX_BETA, plantedSpecSchema, defaultPlanted, type InstanceSpec } from './spec.ts';
import { EXPERIMENT_METHODS, MAX_AXIS_VALUES, MAX_RUNS_PER_EXPERIMENT, MAX_SIGMA_VALUES, SPEC_RANGES, TRAIN_BACKENDS } from './contract.ts';

export { EXPERIMENT_METHODS, MAX_RUNS_PER_EXPERIMENT, TRAIN_BACKENDS, type ExperimentMethod, type TrainBackend } from './contract.ts';

const R = SPEC_RANGES;
const finiteNonNeg = z.number().refine(Number.isFinite, { message: 'must be a finite number' }).pipe(z.number().min(R.sigma.min).max(R.sigma.max));

export const experimentSpecSchema = z
  .object({
    architecture: z.enum(ARCHITECTURES),
    program: z.enum(PROGRAMS).default('exact'),
    planted: plantedSpecSchema.optional(),
    data: z.enum(DATA_DISTRIBUTIONS).default('gaussian'),
    n: z.array(z.number().int().min(R.n.min).max(R.n.max)).min(1, { message: 'needs at least one value' }).max(MAX_AXIS_VALUES),
    d: z.array(z.number().int().min(R.d.min).max(R.d.max)).min(1, { message: 'needs at least one value' }).max(MAX_AXIS_VALUES),
    sigma: z.array(finiteNonNeg).min(1).max(MAX_SIGMA_VALUES).default([0]),
    trials: z.number().int().min(R.trials.min).max(R.trials.max).default(1),
    beta: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).pipe(z.number().min(R.beta.min).max(MAX_BETA)).default(0),
    seed: z.number().int().min(R.experimentSeed.min).max(R.experimentSeed.max).default(0),
    patternSamples: z.number().int().min(R.patternSamples.min).max(R.patternSamples.max).optional(),
    testSize: z.number().int().min(R.testSize.min).max(R.testSize.max).default(200),
    method: z.enum(EXPERIMENT_METHODS).default('convex'),
    /** the trainer's backend for method train/both (default wasm) */
    backend: z.enum(TRAIN_BACKENDS).optional(),
    /** training epochs for method train/both (default: the trainer's) */
    epochs: z.number().int().min(R.epochs.min).max(R.epochs.max).optional(),
    /** convex runs also compute the best-dual certificate (science.md section 6; one more convex program each) */
    bestDual: z.boolean().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const total = new Set(s.n).size * new Set(s.d).size * new Set(s.sigma).size * s.trials;
    if (total > MAX_RUNS_PER_EXPERIMENT)
      ctx.addIssue({ code: 'custom', path: ['trials'], message: `the grid has ${total} runs; at most ${MAX_RUNS_PER_EXPERIMENT} are allowed` });
  });
export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;

/** bounds of the free-text fields of experiments and runs (issue 12 item 9): characters, and tags per item */
export const TEXT_LIMITS = { name: 200, notes: 100_000, tag: 64, tags: 100 } as const;
export type TextKind = 'name' | 'tag' | 'notes';
/** names and tags are one line of printable text: no C0/C1 controls (NUL, newline, escape...) */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/;
/** notes are multi-line: tab, newline and carriage return are kept, other controls refused */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** bidi embeddings, overrides and isolates reorder what is displayed (U+202E shows "txt.exe" as "exe.txt") */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** what is wrong with a name, tag or notes text, or null; the value is checked as given (names trimmed first) */
export function textProblem(kind: TextKind, value: string): string | null {
  const max = TEXT_LIMITS[kind];
  const what = kind === 'notes' ? `notes are at most ${max} characters` : `${kind}s are 1 to ${max} characters of printable text, not blank`;
  if (typeof value !== 'string') return `is not text; ${what}`;
  if (kind !== 'notes' && value.trim() === '') return `is blank; ${what}`;
  if (value.length > max) return `is ${value.length} characters long; ${what}`;
  const control = (kind === 'notes' ? CONTROL_IN_TEXT : CONTROL_IN_LINE).exec(value);
  if (control) return `contains the control character ${codePoint(control[0])} at position ${control.index}; ${what}`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `contains the bidi control ${codePoint(bidi[0])} at position ${bidi.index}, which reorders how text is shown; ${what}`;
  if (LONE_SURROGATE.test(value)) return `contains a lone UTF-16 surrogate (not a character); ${what}`;
  return null;
}

/** the same rules as zod schemas, for forms and the CLI */
export const textSchema = (kind: TextKind) =>
  z.string().superRefine((v, ctx) => {
    const problem = textProblem(kind, kind === 'notes' ? v : v.trim());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const tagListSchema = z.array(textSchema('tag')).max(TEXT_LIMITS.tags, { message: `at most ${TEXT_LIMITS.tags} tags` });

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
