/**
 * Instance and grid flags shared by solve, export-case and sweep, validated with messages that name the
 * flag, the value and what is allowed.
 */
import type { Command } from 'commander';
import {
  ARCHITECTURES,
  PROGRAMS,
  DATA_DISTRIBUTIONS,
  PLANTED_KINDS,
  PLANTED_WEIGHTS,
  SPEC_RANGES,
  defaultPlanted,
  instanceSpecSchema,
  parseGrid as parseGridText,
  type InstanceSpec,
  type Range,
} from '@rlab/shared';
import { InputError, describeIssue } from '../engine/caseFile.ts';

export interface InstanceFlags {
  arch?: string;
  program?: string;
  planted?: string;
  k?: string;
  weights?: string;
  data?: string;
  n?: string;
  d?: string;
  seed?: string;
  sigma?: string;
  beta?: string;
  patterns?: string;
  testSize?: string;
}

export function addInstanceFlags(cmd: Command, grid: boolean): Command {
  const nd = grid ? 'a value, a list a,b,c or a range start:step:end' : 'an integer';
  return cmd
    .option('--arch <architecture>', `architecture: ${ARCHITECTURES.join(', ')}`)
    .option('--program <program>', `convex program: ${PROGRAMS.join(', ')}`, 'exact')
    .option('--planted <kind>', `planted model: ${PLANTED_KINDS.join(', ')} (default: relu for plain, linear for skip, normalized for normalized)`)
    .option('--k <count>', 'number of planted neurons', '1')
    .option('--weights <how>', `planted weights: ${PLANTED_WEIGHTS.join(', ')} (default gaussian; smallest-singular is the authors' script default optw 1 for the linear model)`)
    .option('--data <distribution>', `data: ${DATA_DISTRIBUTIONS.join(', ')}`, 'gaussian')
    .option('--n <n>', `samples: ${nd}`)
    .option('--d <d>', `dimension: ${nd}`)
    .option('--seed <seed>', 'random seed (integer >= 0)', '0')
    .option('--sigma <sigma>', grid ? 'label noise level(s), e.g. 0,0.05,0.1' : 'label noise level', '0')
    .option('--beta <beta>', 'regularization (0: min-norm interpolation)', '0')
    .option('--patterns <count>', 'sampled directions (default max(n, 50))')
    .option('--test-size <count>', 'fresh test points', '200');
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new InputError(`--${flag} is required; allowed: ${allowed.join(', ')}`, flag);
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(`--${flag} "${value}" is not allowed; allowed: ${allowed.join(', ')}`, flag);
  return value as T;
}

export function parseNumber(flag: string, value: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) throw new InputError(`--${flag} "${value}" is not a finite number`, flag);
  if (opts.integer && !Number.isInteger(v)) throw new InputError(`--${flag} "${value}" must be an integer`, flag);
  if (opts.min !== undefined && v < opts.min) throw new InputError(`--${flag} ${value} is too small; it must be >= ${opts.min}`, flag);
  if (opts.max !== undefined && v > opts.max) throw new InputError(`--${flag} ${value} is too large; it must be <= ${opts.max}`, flag);
  return v;
}

/** a number flag within one of the shared ranges (SPEC_RANGES) */
export function parseInRange(flag: string, value: string, range: Range): number {
  return parseNumber(flag, value, range);
}

/** "10:10:120" | "10,20,30" | "40": the shared grid parser (shared/src/grid.ts), errors naming the flag */
export function parseGrid(flag: string, value: string | undefined, range: Range): number[] {
  if (value === undefined) throw new InputError(`--${flag} is required`, flag);
  const r = parseGridText(value, `--${flag}`, range);
  if (r.error !== null) throw new InputError(r.error, flag);
  return r.value;
}

/** the spec fields common to every cell of a grid */
export function baseSpec(f: InstanceFlags): Omit<InstanceSpec, 'n' | 'd' | 'seed' | 'sigma'> {
  const architecture = oneOf('arch', f.arch, ARCHITECTURES);
  const program = oneOf('program', f.program, PROGRAMS);
  const data = oneOf('data', f.data, DATA_DISTRIBUTIONS);
  const def = defaultPlanted(architecture);
  const kind = f.planted === undefined ? def.kind : oneOf('planted', f.planted, PLANTED_KINDS);
  const weights = f.weights === undefined ? (kind === def.kind ? def.weights : 'gaussian') : oneOf('weights', f.weights, PLANTED_WEIGHTS);
  const k = parseInRange('k', f.k ?? '1', SPEC_RANGES.plantedK);
  if (kind === 'linear' && architecture !== 'skip') throw new InputError(`--planted linear needs --arch skip (a linear model is learned by the skip neuron); got --arch ${architecture}`, 'planted');
  const beta = parseInRange('beta', f.beta ?? '0', SPEC_RANGES.beta);
  const out: Omit<InstanceSpec, 'n' | 'd' | 'seed' | 'sigma'> = {
    architecture,
    program,
    planted: { kind, k, weights },
    data,
    beta,
    testSize: parseInRange('test-size', f.testSize ?? '200', SPEC_RANGES.testSize),
  };
  if (f.patterns !== undefined) out.patternSamples = parseInRange('patterns', f.patterns, SPEC_RANGES.patternSamples);
  return out;
}

/** validate a full spec; zod errors become InputErrors that name the field */
export function checkSpec(spec: unknown): InstanceSpec {
  const r = instanceSpecSchema.safeParse(spec);
  if (r.success) return r.data;
  const { field, text } = describeIssue(spec, r.error.issues);
  throw new InputError(`spec ${text}`, field);
}

export function singleSpec(f: InstanceFlags): InstanceSpec {
  const base = baseSpec(f);
  return checkSpec({
    ...base,
    n: parseInRange('n', f.n ?? '', SPEC_RANGES.n),
    d: parseInRange('d', f.d ?? '', SPEC_RANGES.d),
    seed: parseInRange('seed', f.seed ?? '0', SPEC_RANGES.seed),
    sigma: parseInRange('sigma', f.sigma ?? '0', SPEC_RANGES.sigma),
  });
}
