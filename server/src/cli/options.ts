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
  defaultPlanted,
  instanceSpecSchema,
  type InstanceSpec,
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

/** "10:10:120" | "10,20,30" | "40" */
export function parseGrid(flag: string, value: string | undefined, opts: { integer?: boolean; min?: number; max?: number } = {}): number[] {
  if (value === undefined) throw new InputError(`--${flag} is required`, flag);
  const out: number[] = [];
  for (const part of value.split(',')) {
    const p = part.trim();
    if (p.includes(':')) {
      const bits = p.split(':');
      if (bits.length !== 3) throw new InputError(`--${flag} "${p}" is not a range; write start:step:end, e.g. 10:10:120`, flag);
      const [a, s, b] = bits.map((x) => parseNumber(flag, x, { integer: opts.integer })) as [number, number, number];
      if (s <= 0) throw new InputError(`--${flag} "${p}": the step must be > 0`, flag);
      if (b < a) throw new InputError(`--${flag} "${p}": the end must be >= the start`, flag);
      if ((b - a) / s > 100000) throw new InputError(`--${flag} "${p}" has more than 100000 values`, flag);
      for (let v = a; v <= b + 1e-9 * s; v += s) out.push(opts.integer ? Math.round(v) : Number(v.toPrecision(12)));
    } else out.push(parseNumber(flag, p, { integer: opts.integer }));
  }
  for (const v of out) {
    if (opts.min !== undefined && v < opts.min) throw new InputError(`--${flag} value ${v} is too small; it must be >= ${opts.min}`, flag);
    if (opts.max !== undefined && v > opts.max) throw new InputError(`--${flag} value ${v} is too large; it must be <= ${opts.max}`, flag);
  }
  return [...new Set(out)];
}

/** the spec fields common to every cell of a grid */
export function baseSpec(f: InstanceFlags): Omit<InstanceSpec, 'n' | 'd' | 'seed' | 'sigma'> {
  const architecture = oneOf('arch', f.arch, ARCHITECTURES);
  const program = oneOf('program', f.program, PROGRAMS);
  const data = oneOf('data', f.data, DATA_DISTRIBUTIONS);
  const def = defaultPlanted(architecture);
  const kind = f.planted === undefined ? def.kind : oneOf('planted', f.planted, PLANTED_KINDS);
  const weights = f.weights === undefined ? (kind === def.kind ? def.weights : 'gaussian') : oneOf('weights', f.weights, PLANTED_WEIGHTS);
  const k = parseNumber('k', f.k ?? '1', { integer: true, min: 1, max: 16 });
  if (kind === 'linear' && architecture !== 'skip') throw new InputError(`--planted linear needs --arch skip (a linear model is learned by the skip neuron); got --arch ${architecture}`, 'planted');
  const beta = parseNumber('beta', f.beta ?? '0', { min: 0 });
  const out: Omit<InstanceSpec, 'n' | 'd' | 'seed' | 'sigma'> = {
    architecture,
    program,
    planted: { kind, k, weights },
    data,
    beta,
    testSize: parseNumber('test-size', f.testSize ?? '200', { integer: true, min: 0, max: 100000 }),
  };
  if (f.patterns !== undefined) out.patternSamples = parseNumber('patterns', f.patterns, { integer: true, min: 1, max: 20000 });
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
    n: parseNumber('n', f.n ?? '', { integer: true, min: 1, max: 5000 }),
    d: parseNumber('d', f.d ?? '', { integer: true, min: 1, max: 1000 }),
    seed: parseNumber('seed', f.seed ?? '0', { integer: true, min: 0, max: 2 ** 31 - 1 }),
    sigma: parseNumber('sigma', f.sigma ?? '0', { min: 0, max: 10 }),
  });
}
