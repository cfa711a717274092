/**
 * Experiments: create from a validated spec (its runs and jobs in one transaction), cancel, retry failed
 * runs, delete (runs, weights and jobs cascade), tags and notes, progress; case files imported as runs.
 */
import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import type { SolveResult } from '@rlab/shared';
import { experimentSpecSchema, expandExperiment, textProblem, type ExperimentSpec } from '@rlab/shared/experiment.ts';
import type { Db } from '../../db/client.ts';
import type { Experiment, Run } from '../../db/generated/prisma/client.ts';
import { badInput, describeValue, fromZod, notFound } from '../errors.ts';
import type { EventBus } from '../events.ts';
import type { JobExecutor } from '../job/executor.ts';
import { applyTags, metricColumns, pageSize, parseTags, type Page } from '../run/service.ts';
import { caseToInstance, InputError } from '../../engine/caseFile.ts';
import { serializePlanted } from '../../engine/instance.ts';
import { CaseSolver } from './importSolver.ts';
import { encodeWeights } from '../weights/codec.ts';

export interface Progress {
  experimentId: number;
  status: string;
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
}

/** the SDL's inputs (generated from shared/src/schema.graphql); the spec is validated by the shared zod schema */
export type { CaseImport, CreateExperimentInput, ExperimentFilter } from '../../graphql/generated/resolvers.ts';
import type { CaseImport, CreateExperimentInput, ExperimentFilter } from '../../graphql/generated/resolvers.ts';

const MAX_IMPORT = 200;

/** JSON with sorted keys, so equal specs hash equally */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function checkName(field: string, name: string): string {
  const t = name.trim();
  const problem = textProblem('name', t);
  if (problem) throw badInput(field, `${describeValue(name)} is not allowed: ${problem}`);
  return t;
}


/** concurrent tag calls queue for the one writer: wait long (a busy machine), hold briefly */
const TAG_TX = { maxWait: 60_000, timeout: 10_000 };
export class ExperimentService {
  constructor(
    private readonly db: Db,
    private readonly executor: JobExecutor,
    private readonly pubsub: EventBus,
    /** solves imported cases in a worker thread (importSolver.ts), never on the main thread */
    readonly caseSolver: CaseSolver = new CaseSolver(),
  ) {}

  get(id: number): Promise<Experiment | null> {
    return this.db.experiment.findUnique({ where: { id } });
  }

  async require(id: number): Promise<Experiment> {
    const e = await this.get(id);
    if (!e) throw notFound('experiment', id);
    return e;
  }

  loader(): DataLoader<number, Experiment | null> {
    return new DataLoader(async (ids: readonly number[]) => {
      const rows = await this.db.experiment.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  progressLoader(): DataLoader<number, Progress> {
    return new DataLoader(async (ids: readonly number[]) => {
      const [groups, exps] = await Promise.all([
        this.db.run.groupBy({ by: ['experimentId', 'status'], where: { experimentId: { in: [...ids] } }, _count: { _all: true } }),
        this.db.experiment.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true } }),
      ]);
      return ids.map((id) => {
        const count = (s: string) => groups.find((g) => g.experimentId === id && g.status === s)?._count._all ?? 0;
        const p = { queued: count('queued'), running: count('running'), done: count('done'), failed: count('failed'), cancelled: count('cancelled') };
        return { experimentId: id, status: exps.find((e) => e.id === id)?.status ?? 'deleted', total: p.queued + p.running + p.done + p.failed + p.cancelled, ...p };
      });
    });
  }

  async page(filter: ExperimentFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<Experiment> & { totalCount: number }> {
    const size = pageSize(first);
    let beforeId: number | undefined;
    if (after) {
      beforeId = Number(Buffer.from(after, 'base64url').toString('utf8'));
      if (!Number.isSafeInteger(beforeId)) throw badInput('after', `${describeValue(after)} is not a cursor returned by this query`);
    }
    const where = {
      ...(filter?.status ? { status: { in: filter.status } } : {}),
      ...(filter?.method ? { method: { in: filter.method } } : {}),
      ...(filter?.nameContains ? { name: { contains: filter.nameContains } } : {}),
      ...(filter?.tag ? { tags: { contains: JSON.stringify(filter.tag) } } : {}),
    };
    const rows = await this.db.experiment.findMany({ where: { ...where, ...(beforeId !== undefined ? { id: { lt: beforeId } } : {}) }, orderBy: { id: 'desc' }, take: size + 1 });
    const nodes = rows.slice(0, size);
    const last = nodes[nodes.length - 1];
    return { nodes, hasNextPage: rows.length > size, endCursor: last ? Buffer.from(String(last.id)).toString('base64url') : null, totalCount: await this.db.experiment.count({ where }) };
  }

  async create(input: CreateExperimentInput): Promise<Experiment> {
    // validate everything before writing anything
    const name = checkName('input.name', input.name);
    const tags = applyTags([], input.tags, null, 'input.tags');
    const notesProblem = input.notes == null ? null : textProblem('notes', input.notes);
    if (notesProblem) throw badInput('input.notes', notesProblem);
    const raw = Object.fromEntries(Object.entries(input.spec).filter(([, v]) => v !== null && v !== undefined));
    const parsed = experimentSpecSchema.safeParse(raw);
    if (!parsed.success) throw fromZod('input.spec', raw, parsed.error.issues);
    const spec: ExperimentSpec = parsed.data;
    // method both: every trial twice, once solved (convex) and once trained, on the same data
    const methods: ('convex' | 'train')[] = spec.method === 'both' ? ['convex', 'train'] : [spec.method];
    const runs = expandExperiment(spec).flatMap((r) => methods.map((method) => ({ ...r, method })));
    const specJson = canonical(spec);
    const experiment = await this.db.$transaction(async (tx) => {
      const e = await tx.experiment.create({
        data: { name, notes: input.notes ?? '', tags: JSON.stringify(tags), spec: specJson, specHash: createHash('sha256').update(specJson).digest('hex'), method: spec.method, status: 'queued' },
      });
      // multi-row INSERTs: Prisma's createMany costs ~0.5 ms per run here, this ~10 us
      const cols = ['experimentId', 'trial', 'status', 'architecture', 'program', 'method', 'planted', 'plantedK', 'plantedWeights', 'data', 'n', 'd', 'seed', 'sigma', 'beta', 'patternSamples', 'testSize', 'backend', 'source', 'createdAt'];
      const createdAt = new Date().toISOString();
      const CHUNK = 500; // 500 x 20 parameters stays under SQLite's 32766
      for (let i = 0; i < runs.length; i += CHUNK) {
        const slice = runs.slice(i, i + CHUNK);
        const params: (string | number | null)[] = [];
        for (const { trial, spec: r, method } of slice)
          params.push(e.id, trial, 'queued', r.architecture, r.program, method, r.planted.kind, r.planted.k, r.planted.weights, r.data, r.n, r.d, r.seed, r.sigma, r.beta, r.patternSamples ?? null, r.testSize, method === 'train' ? `tfjs-${spec.backend ?? 'wasm'}` : 'ipm', 'spec', createdAt);
        const row = `(${cols.map(() => '?').join(',')})`;
        await tx.$executeRawUnsafe(`INSERT INTO "Run" (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${slice.map(() => row).join(',')}`, ...params);
      }
      // the queue leases jobs in id order: the largest problems first (the engine pool's cost, n max(n, 50) d^2),
      // so no big one is left to run alone at the end
      await tx.$executeRawUnsafe(
        `INSERT INTO "Job" ("experimentId", "runId", "status", "createdAt") SELECT "experimentId", "id", 'queued', ? FROM "Run" WHERE "experimentId" = ? ORDER BY "n" * MAX("n", 50) * "d" * "d" DESC, "id" ASC`,
        new Date().toISOString(),
        e.id,
      );
      return e;
    }, { maxWait: 10_000, timeout: 300_000 });
    // in the order of the jobs (largest first), for executors that dispatch in enqueue order (bullmq)
    const jobs = await this.db.job.findMany({ where: { experimentId: experiment.id }, select: { runId: true }, orderBy: { id: 'asc' } });
    await this.executor.enqueue(jobs.map((j) => j.runId));
    this.pubsub.publish('experimentProgress', { experimentId: experiment.id });
    return experiment;
  }

  async cancel(id: number): Promise<Experiment> {
    await this.require(id);
    const queued = await this.db.run.findMany({ where: { experimentId: id, status: { in: ['queued', 'running'] } }, select: { id: true } });
    const now = new Date();
    const [, , e] = await this.db.$transaction([
      this.db.run.updateMany({ where: { experimentId: id, status: { in: ['queued', 'running'] } }, data: { status: 'cancelled', finishedAt: now } }),
      this.db.job.updateMany({ where: { experimentId: id, status: { in: ['queued', 'running'] } }, data: { status: 'cancelled', finishedAt: now } }),
      this.db.experiment.update({ where: { id }, data: { status: 'cancelled', finishedAt: now } }),
    ]);
    await this.executor.cancel(id, queued.map((r) => r.id));
    this.pubsub.publish('experimentProgress', { experimentId: id });
    return e;
  }

  async retryFailed(id: number): Promise<{ experiment: Experiment; retried: number }> {
    await this.require(id);
    const failed = await this.db.run.findMany({ where: { experimentId: id, status: 'failed' }, select: { id: true }, orderBy: { id: 'asc' } });
    const ids = failed.map((r) => r.id);
    const [, , experiment] = await this.db.$transaction([
      this.db.run.updateMany({ where: { id: { in: ids } }, data: { status: 'queued', error: null, startedAt: null, finishedAt: null } }),
      // a retry starts afresh: the crash count and backoff of the failed attempts no longer apply
      this.db.job.updateMany({ where: { runId: { in: ids } }, data: { status: 'queued', error: null, startedAt: null, finishedAt: null, attempts: 0, leaseOwner: null, leaseUntil: null, notBefore: null } }),
      this.db.experiment.update({ where: { id }, data: ids.length ? { status: 'queued', finishedAt: null } : {} }),
    ]);
    await this.executor.enqueue(ids);
    this.pubsub.publish('experimentProgress', { experimentId: id });
    return { experiment, retried: ids.length };
  }

  async delete(id: number): Promise<{ id: number; runsDeleted: number }> {
    await this.require(id);
    const runs = await this.db.run.findMany({ where: { experimentId: id }, select: { id: true } });
    await this.executor.cancel(id, runs.map((r) => r.id));
    // weights and jobs go with their runs (ON DELETE CASCADE)
    await this.db.experiment.delete({ where: { id } });
    return { id, runsDeleted: runs.length };
  }

  /** read, change and write the tags in one transaction, so concurrent calls do not lose each other's tags */
  async tag(id: number, add: string[] | null | undefined, remove: string[] | null | undefined): Promise<Experiment> {
    return this.db.$transaction(async (tx) => {
      const e = await tx.experiment.findUnique({ where: { id } });
      if (!e) throw notFound('experiment', id);
      return tx.experiment.update({ where: { id }, data: { tags: JSON.stringify(applyTags(parseTags(e.tags), add, remove)) } });
    }, TAG_TX);
  }

  async annotate(id: number, notes: string): Promise<Experiment> {
    const problem = textProblem('notes', notes);
    if (problem) throw badInput('notes', problem);
    await this.require(id);
    return this.db.experiment.update({ where: { id }, data: { notes } });
  }

  /** case files become finished runs: with the given answer, or solved here (small problems) */
  async importCases(input: { experimentId?: number | null; name?: string | null; cases: CaseImport[] }): Promise<{ experiment: Experiment; runs: Run[] }> {
    if (input.cases.length === 0) throw badInput('input.cases', 'is empty: give at least one case');
    if (input.cases.length > MAX_IMPORT) throw badInput('input.cases', `has ${input.cases.length} cases; at most ${MAX_IMPORT} per call`);
    if (input.experimentId != null) await this.require(input.experimentId);
    const name = input.experimentId == null ? checkName('input.name', input.name ?? 'imported cases') : null;
    // validate every case (here: cheap), then solve the unanswered ones off the main thread, before writing anything
    const validated = input.cases.map((c, i) => {
      let inst;
      try {
        inst = caseToInstance(c.case, `input.cases.${i}.case`);
      } catch (err) {
        if (err instanceof InputError) throw badInput(`input.cases.${i}.case${err.field ? '.' + err.field : ''}`, err.message.replace(/^[^:]*: /, ''));
        throw err;
      }
      if (inst.X.r * inst.X.c > 200_000) throw badInput(`input.cases.${i}.case.X`, `is ${inst.X.r} x ${inst.X.c}; imports solve at most 200000 numbers per case`);
      let given: SolveResult | null = null;
      if (c.result != null) {
        const r = c.result as Partial<SolveResult>;
        if (typeof r !== 'object' || typeof r.objective !== 'number' || !Array.isArray(r.neurons))
          throw badInput(`input.cases.${i}.result`, 'is not a solver answer: it needs at least "objective" (a number) and "neurons" (a list)');
        given = { name: inst.name, recovered: null, distance: null, testError: null, activeNeurons: r.neurons.length, patterns: 0, iterations: 0, timeMs: 0, skip: null, certificate: { nic: null }, ...r } as SolveResult;
      }
      const planted = serializePlanted(inst.planted);
      return { inst, given, planted, raw: c.case };
    });
    const prepared: { inst: (typeof validated)[number]['inst']; result: SolveResult; planted: (typeof validated)[number]['planted'] }[] = [];
    for (const [i, v] of validated.entries()) {
      if (!v.given) process.stderr.write(`rlab: import: solving case ${i + 1} of ${validated.length} (${v.inst.name}, n ${v.inst.X.r}, d ${v.inst.X.c}) on the case solver thread\n`);
      prepared.push({ inst: v.inst, planted: v.planted, result: v.given ?? (await this.caseSolver.solve(v.raw, i)) });
      if (!v.given) process.stderr.write(`rlab: import: solved case ${i + 1} of ${validated.length}\n`);
    }
    const out = await this.db.$transaction(async (tx) => {
      const experiment =
        input.experimentId != null
          ? await tx.experiment.findUniqueOrThrow({ where: { id: input.experimentId } })
          : await tx.experiment.create({ data: { name: name!, spec: '{"import":"recovery-case/1"}', specHash: 'import', method: 'import', status: 'done', finishedAt: new Date() } });
      const runs: Run[] = [];
      for (const { inst, result, planted } of prepared) {
        const now = new Date();
        const run = await tx.run.create({
          data: {
            experimentId: experiment.id,
            status: 'done',
            architecture: inst.architecture,
            program: inst.program,
            method: 'convex',
            planted: planted ? (inst.architecture === 'skip' ? 'linear' : inst.architecture === 'normalized' ? 'normalized' : 'relu') : 'none',
            plantedK: planted?.neurons.length ?? 0,
            plantedWeights: 'case',
            data: 'case',
            n: inst.X.r,
            d: inst.X.c,
            seed: 0,
            beta: inst.beta,
            testSize: inst.test?.y.length ?? 0,
            backend: c_backend(result),
            source: 'case',
            caseName: inst.name,
            ...metricColumns(result),
            startedAt: now,
            finishedAt: now,
          },
        });
        await tx.weights.create({ data: { runId: run.id, role: 'recovered', ...encodeWeights({ neurons: result.neurons, skip: result.skip }, inst.X.c) } });
        if (planted) await tx.weights.create({ data: { runId: run.id, role: 'planted', ...encodeWeights(planted, inst.X.c) } });
        runs.push(run);
      }
      return { experiment, runs };
    });
    this.pubsub.publish('experimentProgress', { experimentId: out.experiment.id });
    for (const r of out.runs) this.pubsub.publish('runFinished', { runId: r.id, experimentId: r.experimentId });
    return out;
  }
}

function c_backend(result: SolveResult): string {
  return (result as { solver?: unknown }).solver && typeof (result as { solver?: unknown }).solver === 'string' ? String((result as { solver?: unknown }).solver) : 'ipm';
}
