/**
 * RunFilter (schema.graphql) -> one SQL WHERE clause with bound parameters. Shared by the runs page,
 * the exports and the aggregations (phase diagrams), so every view of "these runs" agrees.
 *
 * SQLite's own limits (issue 12 item 5) are kept well inside here, so a filter that is too large is
 * refused as BAD_USER_INPUT naming the field instead of failing in the database: at most MAX_BRANCHES
 * filters in one `and`/`or` list, MAX_CONDITIONS conditions and MAX_VALUES bound values in all
 * (SQLITE_MAX_VARIABLE_NUMBER is 32766), and the conditions of one level joined as a balanced tree, so
 * the expression depth grows with the log of their number (SQLITE_MAX_EXPR_DEPTH is 1000).
 */
import { ARCHITECTURES, PROGRAMS, DATA_DISTRIBUTIONS, PLANTED_KINDS } from '@rlab/shared';
import { badInput, describeValue, parseId } from '../errors.ts';

/** the SDL's filter inputs (generated from shared/src/schema.graphql): what the API, exports and services pass */
export type { IntRange, FloatRange, RunFilter } from '../../graphql/generated/resolvers.ts';
import type { FloatRange, RunFilter } from '../../graphql/generated/resolvers.ts';

export interface SqlWhere {
  sql: string;
  params: (string | number)[];
}

const MAX_NESTING = 5;
const MAX_LIST = 1000;
export const FILTER_LIMITS = { maxNesting: MAX_NESTING, maxList: MAX_LIST, maxBranches: 100, maxConditions: 1000, maxValues: 10_000 } as const;

/** what one filter may still use, shared by all its levels */
interface Budget {
  conditions: number;
  values: number;
}

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

/**
 * The experiments a filter's runs all belong to: its top-level experimentId list (every other condition
 * is ANDed with it), or null when it names none. The read threads' cache keys on their runs' changes
 * only (db/readPool.ts). Call after compileRunFilter, which refuses bad ids.
 */
export function experimentScope(filter: RunFilter | null | undefined, field = 'filter'): number[] | null {
  if (!filter || !Array.isArray(filter.experimentId)) return null;
  return filter.experimentId.map((id, i) => parseId(`${field}.experimentId.${i}`, id as string | number));
}

export function compileRunFilter(filter: RunFilter | null | undefined, field = 'filter'): SqlWhere {
  return compileLevel(filter, field, 0, { conditions: 0, values: 0 });
}

/** `a AND b AND c ...` parses as a chain as deep as it is long; pair the terms up instead */
function joinBalanced(parts: readonly string[], op: 'AND' | 'OR'): string {
  if (parts.length === 1) return parts[0]!;
  const mid = Math.ceil(parts.length / 2);
  return `(${joinBalanced(parts.slice(0, mid), op)}) ${op} (${joinBalanced(parts.slice(mid), op)})`;
}

function compileLevel(filter: RunFilter | null | undefined, field: string, depth: number, budget: Budget): SqlWhere {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (!filter) return { sql: '1=1', params };
  if (depth >= MAX_NESTING) throw badInput(field, `filters nest ${depth + 1} levels deep; at most ${MAX_NESTING} are allowed`);
  if (typeof filter !== 'object' || Array.isArray(filter)) throw badInput(field, `${describeValue(filter)} is not a RunFilter object`);
  /** count one condition binding `values` values at `at`; refuse once the filter is over its budget */
  const spend = (at: string, values: number): void => {
    budget.conditions += 1;
    budget.values += values;
    if (budget.conditions > FILTER_LIMITS.maxConditions) throw badInput(at, `the filter has more than ${FILTER_LIMITS.maxConditions} conditions in all; at most ${FILTER_LIMITS.maxConditions} are allowed`);
    if (budget.values > FILTER_LIMITS.maxValues) throw badInput(at, `the filter lists more than ${FILTER_LIMITS.maxValues} values in all; at most ${FILTER_LIMITS.maxValues} are allowed (use ranges, or fewer in lists)`);
  };
  const list = (at: string, v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw badInput(at, `${describeValue(v)} is not a list`);
    if (v.length > MAX_LIST) throw badInput(at, `lists ${v.length} values; at most ${MAX_LIST} are allowed`);
    return v;
  };
  const rangeParts = (at: string, column: string, r: FloatRange, into: string[], values: (string | number)[]): void => {
    if (typeof r !== 'object') throw badInput(at, `${describeValue(r)} is not a range object`);
    if (r.min != null && r.max != null && r.min > r.max) throw badInput(at, `min ${r.min} is greater than max ${r.max}`);
    for (const [bound, op] of [['min', '>='], ['max', '<=']] as const) {
      const v = r[bound];
      if (v == null) continue;
      spend(`${at}.${bound}`, 1);
      into.push(`"${column}" ${op} ?`);
      values.push(v);
    }
  };
  const branches = (at: string, v: unknown): RunFilter[] => {
    if (!Array.isArray(v)) throw badInput(at, `${describeValue(v)} is not a list of RunFilter`);
    if (v.length > FILTER_LIMITS.maxBranches) throw badInput(at, `lists ${v.length} filters; at most ${FILTER_LIMITS.maxBranches} are allowed`);
    return v as RunFilter[];
  };

  if (filter.experimentId) {
    const ids = list(`${field}.experimentId`, filter.experimentId).map((id, i) => parseId(`${field}.experimentId.${i}`, id as string | number));
    spend(`${field}.experimentId`, ids.length);
    if (ids.length === 0) parts.push('0=1');
    else {
      parts.push(`"experimentId" IN (${ids.map(() => '?').join(',')})`);
      params.push(...ids);
    }
  }
  for (const [key, allowed] of Object.entries(STRING_AXES)) {
    const values = (filter as Record<string, unknown>)[key] as string[] | null | undefined;
    if (!values) continue;
    list(`${field}.${key}`, values).forEach((v, i) => {
      if (typeof v !== 'string') throw badInput(`${field}.${key}.${i}`, `${describeValue(v)} is not a string`);
      if (allowed && !allowed.includes(v)) throw badInput(`${field}.${key}.${i}`, `${describeValue(v)} is not allowed; allowed: ${allowed.join(', ')}`);
    });
    spend(`${field}.${key}`, values.length);
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
      spend(`${field}.${key}.eq`, 1);
      parts.push(`"${key}" = ?`);
      params.push(r.eq);
    }
    if (r.in) {
      list(`${field}.${key}.in`, r.in);
      spend(`${field}.${key}.in`, r.in.length);
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
      spend(`${field}.${key}`, 1);
      parts.push(`"${key}" = ?`);
      params.push(b ? 1 : 0);
    }
  }
  if (filter.tag != null) {
    spend(`${field}.tag`, 1);
    parts.push(`EXISTS (SELECT 1 FROM json_each("Run"."tags") WHERE json_each.value = ?)`);
    params.push(filter.tag);
  }
  if (filter.and) {
    branches(`${field}.and`, filter.and).forEach((f, i) => {
      const w = compileLevel(f, `${field}.and.${i}`, depth + 1, budget);
      parts.push(`(${w.sql})`);
      params.push(...w.params);
    });
  }
  if (filter.or) {
    const or = branches(`${field}.or`, filter.or);
    if (or.length === 0) parts.push('0=1');
    else {
      const ors = or.map((f, i) => compileLevel(f, `${field}.or.${i}`, depth + 1, budget));
      parts.push(`(${joinBalanced(ors.map((w) => w.sql), 'OR')})`);
      for (const w of ors) params.push(...w.params);
    }
  }
  if (filter.not) {
    const w = compileLevel(filter.not, `${field}.not`, depth + 1, budget);
    parts.push(`NOT (${w.sql})`);
    params.push(...w.params);
  }
  return { sql: parts.length ? joinBalanced(parts, 'AND') : '1=1', params };
}
