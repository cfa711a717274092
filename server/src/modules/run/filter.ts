/**
 * RunFilter (schema.graphql) -> one SQL WHERE clause with bound parameters. Shared by the runs page,
 * the exports and the aggregations (phase diagrams), so every view of "these runs" agrees.
 */
import { ARCHITECTURES, PROGRAMS, DATA_DISTRIBUTIONS, PLANTED_KINDS } from '@rlab/shared';
import { badInput, describeValue, parseId } from '../../graphql/errors.ts';

export interface IntRange {
  eq?: number | null;
  in?: number[] | null;
  min?: number | null;
  max?: number | null;
}
export interface FloatRange {
  min?: number | null;
  max?: number | null;
}
export interface RunFilter {
  and?: RunFilter[] | null;
  or?: RunFilter[] | null;
  not?: RunFilter | null;
  experimentId?: (string | number)[] | null;
  status?: string[] | null;
  architecture?: string[] | null;
  program?: string[] | null;
  method?: string[] | null;
  planted?: string[] | null;
  data?: string[] | null;
  backend?: string[] | null;
  source?: string[] | null;
  n?: IntRange | null;
  d?: IntRange | null;
  seed?: IntRange | null;
  trial?: IntRange | null;
  sigma?: FloatRange | null;
  beta?: FloatRange | null;
  recovered?: boolean | null;
  certified?: boolean | null;
  testOk?: boolean | null;
  nearTie?: boolean | null;
  distance?: FloatRange | null;
  relDistance?: FloatRange | null;
  cosine?: FloatRange | null;
  support?: boolean | null;
  testError?: FloatRange | null;
  objective?: FloatRange | null;
  nic?: FloatRange | null;
  activeNeurons?: IntRange | null;
  iterations?: IntRange | null;
  timeMs?: FloatRange | null;
  tag?: string | null;
}

export interface SqlWhere {
  sql: string;
  params: (string | number)[];
}

const MAX_NESTING = 5;
const MAX_LIST = 1000;

const STRING_AXES: Record<string, readonly string[] | null> = {
  status: ['queued', 'running', 'done', 'failed', 'cancelled'],
  architecture: ARCHITECTURES,
  program: null, // convex programs or training methods
  method: ['convex', 'train'],
  planted: PLANTED_KINDS,
  data: [...DATA_DISTRIBUTIONS, 'case'],
  backend: null,
  source: ['spec', 'case'],
};
void PROGRAMS;
const INT_RANGES = ['n', 'd', 'seed', 'trial', 'activeNeurons', 'iterations'] as const;
const FLOAT_RANGES = ['sigma', 'beta', 'distance', 'relDistance', 'cosine', 'testError', 'objective', 'nic', 'timeMs'] as const;
const BOOLS = ['recovered', 'certified', 'testOk', 'nearTie', 'support'] as const;

export function compileRunFilter(filter: RunFilter | null | undefined, field = 'filter', depth = 0): SqlWhere {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (!filter) return { sql: '1=1', params };
  if (depth >= MAX_NESTING) throw badInput(field, `filters nest ${depth + 1} levels deep; at most ${MAX_NESTING} are allowed`);

  if (filter.experimentId) {
    const ids = filter.experimentId.map((id, i) => parseId(`${field}.experimentId.${i}`, id));
    if (ids.length === 0) parts.push('0=1');
    else {
      parts.push(`"experimentId" IN (${ids.map(() => '?').join(',')})`);
      params.push(...ids);
    }
  }
  for (const [key, allowed] of Object.entries(STRING_AXES)) {
    const values = (filter as Record<string, unknown>)[key] as string[] | null | undefined;
    if (!values) continue;
    if (values.length > MAX_LIST) throw badInput(`${field}.${key}`, `lists at most ${MAX_LIST} values`);
    values.forEach((v, i) => {
      if (allowed && !allowed.includes(v)) throw badInput(`${field}.${key}.${i}`, `${describeValue(v)} is not allowed; allowed: ${allowed.join(', ')}`);
    });
    if (values.length === 0) parts.push('0=1');
    else {
      parts.push(`"${key}" IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    }
  }
  for (const key of INT_RANGES) {
    const r = filter[key];
    if (!r) continue;
    if (r.eq != null) {
      parts.push(`"${key}" = ?`);
      params.push(r.eq);
    }
    if (r.in) {
      if (r.in.length > MAX_LIST) throw badInput(`${field}.${key}.in`, `lists at most ${MAX_LIST} values`);
      parts.push(r.in.length === 0 ? '0=1' : `"${key}" IN (${r.in.map(() => '?').join(',')})`);
      params.push(...r.in);
    }
    rangeParts(`${field}.${key}`, key, r, parts, params);
  }
  for (const key of FLOAT_RANGES) {
    const r = filter[key];
    if (r) rangeParts(`${field}.${key}`, key, r, parts, params);
  }
  for (const key of BOOLS) {
    const b = filter[key];
    if (b != null) {
      parts.push(`"${key}" = ?`);
      params.push(b ? 1 : 0);
    }
  }
  if (filter.tag != null) {
    parts.push(`EXISTS (SELECT 1 FROM json_each("Run"."tags") WHERE json_each.value = ?)`);
    params.push(filter.tag);
  }
  if (filter.and) {
    filter.and.forEach((f, i) => {
      const w = compileRunFilter(f, `${field}.and.${i}`, depth + 1);
      parts.push(`(${w.sql})`);
      params.push(...w.params);
    });
  }
  if (filter.or) {
    if (filter.or.length === 0) parts.push('0=1');
    else {
      const ors = filter.or.map((f, i) => compileRunFilter(f, `${field}.or.${i}`, depth + 1));
      parts.push(`(${ors.map((w) => `(${w.sql})`).join(' OR ')})`);
      for (const w of ors) params.push(...w.params);
    }
  }
  if (filter.not) {
    const w = compileRunFilter(filter.not, `${field}.not`, depth + 1);
    parts.push(`NOT (${w.sql})`);
    params.push(...w.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1=1', params };
}

function rangeParts(field: string, column: string, r: FloatRange, parts: string[], params: (string | number)[]): void {
  if (r.min != null && r.max != null && r.min > r.max) throw badInput(field, `min ${r.min} is greater than max ${r.max}`);
  if (r.min != null) {
      parts.push(`"${column}" >= ?`);
      params.push(r.min);
    }
  if (r.max != null) {
      parts.push(`"${column}" <= ?`);
      params.push(r.max);
    }
}
