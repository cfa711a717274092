/**
 * Reading and writing "recovery-case/1" files (../shared/case-format.md), with errors that name the
 * field, the value and what is allowed.
 */
import { readFileSync } from 'node:fs';
import { caseFileSchema, type CaseFile } from '@rlab/shared';
import { fromRows, toRows } from './linalg.ts';
import type { Instance } from './instance.ts';
import { relu, plantedPredict } from './data.ts';
import { matvec, norm2 } from './linalg.ts';

export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

function describe(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v); // JSON.stringify would say null
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** the first issue of a failed zod parse as "field \"path\" = value: message", with its field path */
export function describeIssue(raw: unknown, issues: readonly { path: readonly PropertyKey[]; message: string }[]): { field: string; text: string } {
  const issue = issues[0]!;
  const field = issue.path.map(String).join('.') || '(root)';
  let value: unknown = raw;
  for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return { field, text: `field "${field}" = ${describe(value)}: ${issue.message}` };
}

function readCaseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'case');
  }
}

/** read, parse and validate a case file into an Instance */
export function readCase(path: string): Instance {
  return caseToInstance(readCaseJson(path), path);
}

/** a case file for a worker of the engine pool: its path (the worker reads it), or the decoded JSON */
export type CaseFileMessage = ({ path: string } | { raw: unknown }) & { source: string; bestDual: boolean };

/** parse and validate a case (already JSON-decoded) into an Instance */
export function caseToInstance(raw: unknown, source = 'case'): Instance {
  const parsed = caseFileSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, text } = describeIssue(raw, parsed.error.issues);
    throw new InputError(`${source}: ${text}`, field);
  }
  const c: CaseFile = parsed.data;
  const n = c.X.length;
  const d = c.X[0]!.length;
  if (d === 0) throw new InputError(`${source}: field "X" has rows of length 0: each row needs d >= 1 numbers`, 'X');
  c.X.forEach((row, i) => {
    if (row.length !== d) throw new InputError(`${source}: field "X.${i}" has ${row.length} numbers; every row must have d = ${d} (the length of row 0)`, `X.${i}`);
  });
  if (c.y.length !== n) throw new InputError(`${source}: field "y" has ${c.y.length} labels; it must have one per row of X (n = ${n})`, 'y');
  let patterns: Uint8Array[] | undefined;
  if (c.patterns) {
    if (c.patterns.length === 0) throw new InputError(`${source}: field "patterns" is empty: give at least one mask or leave the field out`, 'patterns');
    patterns = c.patterns.map((m, j) => {
      if (m.length !== n) throw new InputError(`${source}: field "patterns.${j}" has ${m.length} entries; each mask needs one 0/1 per sample (n = ${n})`, `patterns.${j}`);
      return Uint8Array.from(m);
    });
  }
  const X = fromRows(c.X);
  let planted: Instance['planted'] = null;
  if (c.planted && (c.planted.neurons.length > 0 || c.planted.skip)) {
    const neurons = c.planted.neurons.map((nrn, k) => {
      if (nrn.w.length !== d) throw new InputError(`${source}: field "planted.neurons.${k}.w" has ${nrn.w.length} numbers; it must have d = ${d}`, `planted.neurons.${k}.w`);
      const w = Float64Array.from(nrn.w);
      const out: { w: Float64Array; a: number; normalizer?: number } = { w, a: nrn.a };
      if (c.architecture === 'normalized') out.normalizer = norm2(relu(matvec(X, w)));
      return out;
    });
    if (c.planted.skip && c.planted.skip.length !== d) throw new InputError(`${source}: field "planted.skip" has ${c.planted.skip.length} numbers; it must have d = ${d}`, 'planted.skip');
    if (c.planted.skip && c.architecture !== 'skip') throw new InputError(`${source}: field "planted.skip" is set but architecture is "${c.architecture}"; a planted skip needs architecture "skip"`, 'planted.skip');
    planted = { neurons, skip: c.planted.skip ? Float64Array.from(c.planted.skip) : null };
  }
  let test: Instance['test'] = null;
  if (c.test) {
    const tX = c.test.X;
    tX.forEach((row, i) => {
      if (row.length !== d) throw new InputError(`${source}: field "test.X.${i}" has ${row.length} numbers; it must have d = ${d}`, `test.X.${i}`);
    });
    if (c.test.y.length !== tX.length) throw new InputError(`${source}: field "test.y" has ${c.test.y.length} labels for ${tX.length} test rows`, 'test.y');
    test = { X: fromRows(tX), y: Float64Array.from(c.test.y) };
  }
  const inst: Instance = {
    name: c.name,
    architecture: c.architecture,
    program: c.program,
    beta: c.beta ?? 0,
    X,
    y: Float64Array.from(c.y),
    planted,
    test,
  };
  if (patterns) inst.patterns = patterns;
  return inst;
}

export function instanceToCase(inst: Instance): CaseFile {
  const out: CaseFile = {
    format: 'recovery-case/1',
    name: inst.name,
    architecture: inst.architecture,
    program: inst.program,
    beta: inst.beta,
    X: toRows(inst.X),
    y: Array.from(inst.y),
  };
  if (inst.patterns) out.patterns = inst.patterns.map((m) => Array.from(m) as (0 | 1)[]);
  if (inst.planted) out.planted = { neurons: inst.planted.neurons.map((p) => ({ w: Array.from(p.w), a: p.a })), skip: inst.planted.skip ? Array.from(inst.planted.skip) : null };
  if (inst.test) out.test = { X: toRows(inst.test.X), y: Array.from(inst.test.y) };
  return out;
}

export { plantedPredict };
