/**
 * Runs: the filtered, sorted, cursor-paginated page; one run; results written back from jobs; tags,
 * notes; case files imported as runs.
 */
import { certifies, type NeuronOut, type SolveResult } from '@rlab/shared';
import { TEXT_LIMITS, textProblem } from '@rlab/shared/experiment.ts';
import type { Db } from '../../db/client.ts';
import { readPage, readRows, readRuns } from '../../db/readPool.ts';
import type { Run } from '../../db/generated/prisma/client.ts';
import { badInput, describeValue } from '../errors.ts';
import { LIMITS } from '../../graphql/limits.ts';
import { encodeWeights } from '../weights/codec.ts';
import { compileRunFilter, experimentScope, type RunFilter } from './filter.ts';

export type { Run };
export type { RunOrder, RunSortField } from '../../graphql/generated/resolvers.ts';
import type { RunOrder, RunSortField } from '../../graphql/generated/resolvers.ts';

export const RUN_SORT_COLUMNS = {
  ID: 'id',
  N: 'n',
  D: 'd',
  SIGMA: 'sigma',
  SEED: 'seed',
  TRIAL: 'trial',
  DISTANCE: 'distance',
  REL_DISTANCE: 'relDistance',
  COSINE: 'cosine',
  TEST_ERROR: 'testError',
  OBJECTIVE: 'objective',
  NIC: 'nic',
  TIME_MS: 'timeMs',
  CREATED_AT: 'createdAt',
  FINISHED_AT: 'finishedAt',
} as const satisfies Record<RunSortField, string>; // every sort field of the SDL has its column, and no other

const NULLABLE = new Set(['distance', 'relDistance', 'cosine', 'testError', 'objective', 'nic', 'timeMs', 'finishedAt']);

export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function pageSize(first: number | null | undefined, field = 'first'): number {
  const n = first ?? LIMITS.defaultPageSize;
  if (!Number.isInteger(n) || n < 0 || n > LIMITS.maxPageSize) throw badInput(field, `${describeValue(first)} is not allowed: page sizes go from 0 to ${LIMITS.maxPageSize}`);
  return n;
}

function encodeCursor(v: unknown[]): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
function decodeCursor(field: string, c: string): [string | number, number] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'number' || typeof v[0] === 'string') && typeof v[1] === 'number') return [v[0], v[1]];
  } catch {
    /* fall through */
  }
  throw badInput(field, `${describeValue(c)} is not a cursor returned by this query`);
}

/** the result of one solve, flattened into the Run's metric columns */
export function metricColumns(result: SolveResult) {
  const nic = result.certificate?.nic ?? null;
  return {
    recovered: result.recovered,
    recoveredTol: result.recoveredTolerance ?? null,
    recoveredAllclose: result.recoveredAllclose ?? null,
    testOk: result.testOk ?? null,
    nearTie: result.nearTie ?? null,
    allOnesPattern: result.allOnesPattern ?? null,
    objective: finiteOrNull(result.objective),
    plantedObjective: finiteOrNull(result.plantedObjective),
    relErrPlanted: finiteOrNull(result.relErrPlanted),
    distance: finiteOrNull(result.distance),
    relDistance: finiteOrNull(result.relDistance),
    cosine: finiteOrNull(result.cosine),
    support: result.support ?? null,
    testError: finiteOrNull(result.testError),
    testErrorRel: finiteOrNull(result.testErrorRel),
    activeNeurons: result.activeNeurons,
    maxOtherBlockNorm: finiteOrNull(result.maxOtherBlockNorm),
    patterns: result.patterns,
    iterations: result.iterations,
    solverStatus: result.status ?? null,
    nic: finiteOrNull(nic),
    nicKind: result.certificate?.kind ?? null,
    bestDual: finiteOrNull(result.certificate?.bestDual),
    certified: nic == null || !Number.isFinite(nic) ? null : certifies(nic),
    timeMs: finiteOrNull(result.timeMs),
    lossCurve: lossCurveJson((result as { lossCurve?: unknown }).lossCurve),
  };
}

/** a trained result's sampled loss curve as JSON (finite points only), null for convex results */
function lossCurveJson(curve: unknown): string | null {
  if (!Array.isArray(curve)) return null;
  const pts = curve
    .map((p) => p as { epoch?: unknown; loss?: unknown })
    .filter((p) => Number.isInteger(p.epoch) && typeof p.loss === 'number' && Number.isFinite(p.loss))
    .map((p) => ({ epoch: p.epoch as number, loss: p.loss as number }));
  return pts.length ? JSON.stringify(pts) : null;
}

function finiteOrNull(v: number | null | undefined): number | null {
  return v == null || !Number.isFinite(v) ? null : v;
}


/** concurrent tag calls queue for the one writer: wait long (a busy machine), hold briefly */
const TAG_TX = { maxWait: 60_000, timeout: 10_000 };
export class RunService {
  constructor(private readonly db: Db) {}

  /**
   * A page in the order (column, id): after the cursor `after` (keyset), or from position `offset`
   * (0-based). Both run on a read thread (db/readPool.ts); offsets deep in a list are a slice of the
   * sorted list that thread keeps for the filter and order until the store changes.
   */
  async page(filter: RunFilter | null | undefined, order: RunOrder | null | undefined, first: number | null | undefined, after: string | null | undefined, offset?: number | null): Promise<Page<Run>> {
    const size = pageSize(first);
    if (offset != null && (!Number.isSafeInteger(offset) || offset < 0)) throw badInput('offset', `${describeValue(offset)} is not allowed: a position is an integer of at least 0`);
    if (offset != null && after) throw badInput('offset', 'give either a cursor (after) or a position (offset), not both');
    const where = compileRunFilter(filter);
    const column = RUN_SORT_COLUMNS[order?.field ?? 'ID'];
    const desc = order?.direction === 'DESC';
    // nulls sort last in both directions, through a sentinel the keyset comparison can use
    const expr = NULLABLE.has(column) ? (column.endsWith('At') ? `COALESCE("${column}", '${desc ? '0' : '9'}')` : `COALESCE("${column}", ${desc ? '-1e308' : '1e308'})`) : `"${column}"`;
    const params = [...where.params];
    let keyset = '';
    if (after) {
      const [v, id] = decodeCursor('after', after);
      keyset = ` AND (${expr}, "id") ${desc ? '<' : '>'} (?, ?)`;
      params.push(v, id);
    }
    const rows = await readPage<{ id: bigint | number; k: string | number | bigint }>(this.db, {
      select: `SELECT "id", ${expr} AS k FROM "Run" WHERE (${where.sql})${keyset}`,
      order: { expr, desc },
      params,
      scope: experimentScope(filter),
      offset: offset ?? 0,
      limit: size + 1,
    });
    const hasNextPage = rows.length > size;
    const pageRows = rows.slice(0, size);
    const ids = pageRows.map((r) => Number(r.id));
    const last = pageRows[pageRows.length - 1];
    return {
      nodes: await readRuns<Run>(this.db, ids),
      endCursor: last ? encodeCursor([typeof last.k === 'bigint' ? Number(last.k) : last.k, Number(last.id)]) : null,
      hasNextPage,
    };
  }

  async count(filter: RunFilter | null | undefined): Promise<number> {
    const where = compileRunFilter(filter);
    const rows = await readRows<{ c: bigint | number }>(this.db, `SELECT COUNT(*) AS c FROM "Run" WHERE ${where.sql}`, where.params, experimentScope(filter));
    return Number(rows[0]?.c ?? 0);
  }

  /** on a read thread when the store has one (db/readPool.ts: the same row as Prisma's), else through Prisma */
  async get(id: number): Promise<Run | null> {
    return (await readRuns<Run>(this.db, [id]))[0] ?? null;
  }

  async markStarted(runId: number, worker: string): Promise<boolean> {
    const now = new Date();
    const res = await this.db.run.updateMany({ where: { id: runId, status: 'queued' }, data: { status: 'running', startedAt: now } });
    if (res.count === 0) return false;
    await this.db.job.updateMany({ where: { runId }, data: { status: 'running', startedAt: now, worker, attempts: { increment: 1 } } });
    return true;
  }

  /** store a finished run atomically: metrics, both networks, the job; ignored when the run was cancelled meanwhile */
  async recordResult(runId: number, result: SolveResult, planted: { neurons: NeuronOut[]; skip: number[] | null } | null): Promise<Run | null> {
    const run = await this.db.run.findUnique({ where: { id: runId } });
    if (!run || run.status === 'cancelled') return null;
    const now = new Date();
    const recovered = encodeWeights({ neurons: result.neurons, skip: result.skip }, run.d);
    const ops = [
      this.db.weights.deleteMany({ where: { runId } }),
      this.db.weights.create({ data: { runId, role: 'recovered', ...recovered } }),
      ...(planted ? [this.db.weights.create({ data: { runId, role: 'planted', ...encodeWeights(planted, run.d) } })] : []),
      this.db.job.updateMany({ where: { runId }, data: { status: 'done', finishedAt: now, error: null } }),
      this.db.run.update({ where: { id: runId }, data: { ...metricColumns(result), status: 'done', error: null, finishedAt: now } }),
    ];
    const out = await this.db.$transaction(ops);
    return out[out.length - 1] as Run;
  }

  async recordFailure(runId: number, message: string): Promise<void> {
    const now = new Date();
    await this.db.$transaction([
      this.db.run.updateMany({ where: { id: runId, status: { not: 'cancelled' } }, data: { status: 'failed', error: message, finishedAt: now } }),
      this.db.job.updateMany({ where: { runId, status: { not: 'cancelled' } }, data: { status: 'failed', error: message, finishedAt: now } }),
    ]);
  }

  /** read, change and write the tags in one transaction, so concurrent calls do not lose each other's tags */
  async tag(id: number, add: string[] | null | undefined, remove: string[] | null | undefined): Promise<Run> {
    return this.db.$transaction(async (tx) => {
      const run = await tx.run.findUnique({ where: { id } });
      if (!run) throw badInput('id', `run ${id} does not exist`);
      return tx.run.update({ where: { id }, data: { tags: JSON.stringify(applyTags(parseTags(run.tags), add, remove)) } });
    }, TAG_TX);
  }

  async annotate(id: number, notes: string): Promise<Run> {
    const problem = textProblem('notes', notes);
    if (problem) throw badInput('notes', problem);
    const run = await this.db.run.findUnique({ where: { id } });
    if (!run) throw badInput('id', `run ${id} does not exist`);
    return this.db.run.update({ where: { id }, data: { notes } });
  }
}

export function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** `field` names the list of added tags in errors: `add` of tagRun/tagExperiment, `input.tags` on create */
export function applyTags(current: string[], add: string[] | null | undefined, remove: string[] | null | undefined, field = 'add'): string[] {
  if ((add?.length ?? 0) > TEXT_LIMITS.tags) throw badInput(field, `lists ${add!.length} tags; at most ${TEXT_LIMITS.tags} are allowed`);
  (add ?? []).forEach((t, i) => {
    const problem = textProblem('tag', t.trim());
    if (problem) throw badInput(`${field}.${i}`, `${describeValue(t)} is not a tag: ${problem}`);
  });
  const out = new Set(current);
  for (const t of add ?? []) out.add(t.trim());
  for (const t of remove ?? []) out.delete(t);
  if (out.size > TEXT_LIMITS.tags && out.size > current.length) throw badInput(field, `would give ${out.size} tags; at most ${TEXT_LIMITS.tags} are allowed`);
  return [...out].sort();
}
