/**
 * Jobs: the JobSink the executors hand results to (the only path by which computed results reach the
 * database), the durable queue the local executor leases from, the job listing and the experiment status bookkeeping that follows every finished run.
 */
import { createHash } from 'node:crypto';
import type { InstanceSpec, SolveResult } from '@rlab/shared';
import type { Db } from '../../db/client.ts';
import type { Job, Run } from '../../db/generated/prisma/client.ts';
import type { EventBus } from '../events.ts';
import { pageSize, type Page, type RunService } from '../run/service.ts';
import { badInput, describeValue } from '../errors.ts';
import type { DurableQueue, JobSink, Lease, Planted, StoredBy } from './executor.ts';
import { metricColumns } from '../run/service.ts';
import { encodeWeights } from '../weights/codec.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

/** the InstanceSpec of a run, rebuilt from its axis columns (and planted signs from the experiment spec) */
export function runToSpec(run: Run, experimentSpec: string): InstanceSpec {
  let signs: (1 | -1)[] | undefined;
  try {
    const s = JSON.parse(experimentSpec) as { planted?: { signs?: (1 | -1)[] } };
    signs = s.planted?.signs;
  } catch {
    signs = undefined;
  }
  const spec: InstanceSpec = {
    architecture: run.architecture as InstanceSpec['architecture'],
    program: run.program as InstanceSpec['program'],
    planted: { kind: run.planted as InstanceSpec['planted']['kind'], k: run.plantedK, weights: run.plantedWeights as InstanceSpec['planted']['weights'] },
    data: run.data as InstanceSpec['data'],
    n: run.n,
    d: run.d,
    seed: run.seed,
    sigma: run.sigma,
    beta: run.beta,
    testSize: run.testSize,
  };
  if (signs) spec.planted.signs = signs;
  if (run.patternSamples !== null) spec.patternSamples = run.patternSamples;
  return spec;
}

/**
 * What a worker computes for a run (job/compute.ts reads it): the bare spec for a convex run, wrapped when
 * the experiment asks for more (the best-dual certificate) or for a trained run (its backend and epochs).
 * Options are added only when set, so the payload, and with it the idempotency key, of a plain run stays
 * the bare spec.
 */
export function jobPayload(run: Pick<Run, 'method' | 'backend'>, spec: InstanceSpec, experimentSpec: string): unknown {
  let options: { epochs?: unknown; bestDual?: unknown } = {};
  try {
    options = JSON.parse(experimentSpec) as typeof options;
  } catch {
    options = {};
  }
  if (run.method === 'train') {
    const train: Record<string, unknown> = { backend: run.backend.startsWith('tfjs-') ? run.backend.slice(5) : 'wasm' };
    if (typeof options.epochs === 'number') train.epochs = options.epochs;
    return { method: 'train', spec, train };
  }
  return options.bestDual === true ? { method: 'convex', spec, bestDual: true } : spec;
}

/** sha256 of the spec as canonical JSON (keys sorted): the run's idempotency key */
export function specHash(spec: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canon(spec))).digest('hex');
}

export class JobService implements JobSink, DurableQueue {
  private readonly experimentOf = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly runs: RunService,
    private readonly pubsub: EventBus,
  ) {}

  private async specOf(runId: number): Promise<{ spec: InstanceSpec; payload: unknown; key: string; status: string; experimentId: number; experimentStatus: string } | null> {
    const run = await this.db.run.findUnique({ where: { id: runId }, include: { experiment: { select: { spec: true, status: true } } } });
    if (!run) return null;
    this.experimentOf.set(runId, run.experimentId);
    const spec = runToSpec(run, run.experiment.spec);
    const payload = jobPayload(run, spec, run.experiment.spec);
    return { spec, payload, key: specHash(payload), status: run.status, experimentId: run.experimentId, experimentStatus: run.experiment.status };
  }

  async describe(runId: number): Promise<{ spec: unknown; key: string; status: string } | null> {
    const d = await this.specOf(runId);
    return d && { spec: d.payload, key: d.key, status: d.status };
  }

  async started(runId: number, worker: string, attempt: number): Promise<void> {
    const now = new Date();
    const res = await this.db.run.updateMany({ where: { id: runId, status: { in: ['queued', 'running'] } }, data: { status: 'running', startedAt: now } });
    if (res.count === 0) return;
    await this.db.job.updateMany({ where: { runId, status: { in: ['queued', 'running'] } }, data: { status: 'running', startedAt: now, worker, attempts: attempt } });
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { experimentId: true, experiment: { select: { status: true } } } });
    if (!run) return;
    this.experimentOf.set(runId, run.experimentId);
    if (run.experiment.status === 'queued') await this.db.experiment.updateMany({ where: { id: run.experimentId, status: 'queued' }, data: { status: 'running' } });
    this.publishProgress(run.experimentId);
  }

  /**
   * Store a result exactly once: the JobResult row (primary key runId) goes in the same transaction as
   * the metrics, the networks and the job's status, so a second store of the run (a rerun after a crash,
   * a duplicate delivery) fails on the key and changes nothing.
   */
  async done(runId: number, result: SolveResult, planted: Planted, by: StoredBy): Promise<boolean> {
    const d = await this.specOf(runId);
    if (!d || d.status === 'cancelled' || d.status === 'done') return false;
    const n = (await this.db.run.findUnique({ where: { id: runId }, select: { d: true } }))?.d ?? 0;
    const now = new Date();
    try {
      await this.db.$transaction([
        this.db.jobResult.create({ data: { runId, specHash: d.key, worker: by.worker, attempt: by.attempt } }),
        this.db.weights.deleteMany({ where: { runId } }),
        this.db.weights.create({ data: { runId, role: 'recovered', ...encodeWeights({ neurons: result.neurons, skip: result.skip }, n) } }),
        ...(planted ? [this.db.weights.create({ data: { runId, role: 'planted', ...encodeWeights(planted, n) } })] : []),
        this.db.job.updateMany({ where: { runId }, data: { status: 'done', finishedAt: now, error: null, leaseOwner: null, leaseUntil: null } }),
        this.db.run.updateMany({ where: { id: runId, status: { in: ['queued', 'running'] } }, data: { ...metricColumns(result), status: 'done', error: null, finishedAt: now } }),
      ]);
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') return false;
      throw err;
    }
    await this.finished(runId, d.experimentId);
    return true;
  }

  async failed(runId: number, message: string): Promise<void> {
    const now = new Date();
    const [res] = await this.db.$transaction([
      this.db.run.updateMany({ where: { id: runId, status: { in: ['queued', 'running'] } }, data: { status: 'failed', error: message, finishedAt: now } }),
      this.db.job.updateMany({ where: { runId, status: { in: ['queued', 'running'] } }, data: { status: 'failed', error: message, finishedAt: now, leaseOwner: null, leaseUntil: null } }),
    ]);
    if (res.count === 0) return;
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { experimentId: true } });
    if (run) await this.finished(runId, run.experimentId);
  }

  progress(runId: number, _fraction: number, _worker: string): void {
    const experimentId = this.experimentOf.get(runId);
    if (experimentId !== undefined) this.publishProgress(experimentId);
  }

  async pending(): Promise<number[]> {
    const jobs = await this.db.job.findMany({ where: { status: { in: ['queued', 'running'] } }, select: { runId: true }, orderBy: { id: 'asc' } });
    return jobs.map((j) => j.runId);
  }

  /** one UPDATE ... RETURNING picks and leases the next runnable job, so two slots never lease the same one */
  async lease(worker: string, leaseMs: number): Promise<Lease | null> {
    for (;;) {
      const now = new Date();
      const iso = now.toISOString();
      const rows = await this.db.$queryRawUnsafe<{ runId: number | bigint; attempts: number | bigint }[]>(
        `UPDATE "Job" SET "status" = 'running', "leaseOwner" = ?, "leaseUntil" = ?, "worker" = ?, "attempts" = "attempts" + 1, "startedAt" = ?
         WHERE "id" = (SELECT "id" FROM "Job" WHERE ("status" = 'queued' AND ("notBefore" IS NULL OR "notBefore" <= ?))
                                                OR ("status" = 'running' AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)) ORDER BY "id" LIMIT 1)
         RETURNING "runId", "attempts"`,
        worker,
        new Date(now.getTime() + leaseMs).toISOString(),
        worker,
        iso,
        iso,
        iso,
      );
      const row = rows[0];
      if (!row) return null;
      const runId = Number(row.runId);
      const d = await this.specOf(runId);
      const stored = await this.db.jobResult.findUnique({ where: { runId }, select: { runId: true } });
      if (stored && d && (d.status === 'queued' || d.status === 'running')) {
        // idempotency: a run whose result is stored is never run again (e.g. retried after a failure was
        // recorded over it): it is done, with the stored result
        const now = new Date();
        await this.db.$transaction([
          this.db.run.updateMany({ where: { id: runId, status: { in: ['queued', 'running'] } }, data: { status: 'done', error: null, finishedAt: now } }),
          this.db.job.updateMany({ where: { runId }, data: { status: 'done', error: null, finishedAt: now, leaseOwner: null, leaseUntil: null } }),
        ]);
        await this.finished(runId, d.experimentId);
        continue;
      }
      if (!d || stored || d.status === 'done' || d.status === 'cancelled' || d.status === 'failed') {
        // no longer open: close the job the way its run is
        await this.db.job.updateMany({ where: { runId, status: 'running' }, data: { status: stored || d?.status === 'done' ? 'done' : (d?.status ?? 'cancelled'), leaseOwner: null, leaseUntil: null } });
        continue;
      }
      return { runId, spec: d.payload, key: d.key, attempt: Number(row.attempts) };
    }
  }

  async renew(runId: number, worker: string, leaseMs: number): Promise<boolean> {
    const res = await this.db.job.updateMany({ where: { runId, status: 'running', leaseOwner: worker }, data: { leaseUntil: new Date(Date.now() + leaseMs) } });
    return res.count > 0;
  }

  async requeue(runId: number, worker: string, message: string, notBefore: Date): Promise<void> {
    const res = await this.db.job.updateMany({ where: { runId, status: 'running', leaseOwner: worker }, data: { status: 'queued', error: message, notBefore, leaseOwner: null, leaseUntil: null } });
    if (res.count > 0) await this.db.run.updateMany({ where: { id: runId, status: 'running' }, data: { status: 'queued', startedAt: null } });
  }

  private async finished(runId: number, experimentId: number): Promise<void> {
    await this.refreshExperimentStatus(experimentId);
    this.pubsub.publish('runFinished', { runId, experimentId });
    this.publishProgress(experimentId);
  }

  private readonly progressTimers = new Map<number, { last: number; timer: NodeJS.Timeout | null }>();

  /** progress events at most every 250 ms per experiment (each one is a GROUP BY per subscriber), the last one always */
  private publishProgress(experimentId: number): void {
    const state = this.progressTimers.get(experimentId) ?? { last: 0, timer: null };
    this.progressTimers.set(experimentId, state);
    if (state.timer) return;
    const wait = Math.max(0, state.last + 250 - Date.now());
    const fire = () => {
      state.timer = null;
      state.last = Date.now();
      this.pubsub.publish('experimentProgress', { experimentId });
    };
    if (wait === 0) fire();
    else {
      state.timer = setTimeout(fire, wait);
      state.timer.unref();
    }
  }

  /** done when nothing is queued or running; failed when every run that finished failed */
  async refreshExperimentStatus(experimentId: number): Promise<void> {
    const groups = await this.db.run.groupBy({ by: ['status'], where: { experimentId }, _count: { _all: true } });
    const count = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
    const open = count('queued') + count('running');
    const exp = await this.db.experiment.findUnique({ where: { id: experimentId }, select: { status: true } });
    if (!exp || exp.status === 'cancelled') return;
    const status = open > 0 ? (count('running') + count('done') + count('failed') > 0 ? 'running' : 'queued') : count('done') === 0 && count('failed') > 0 ? 'failed' : 'done';
    if (exp.status === status) return;
    await this.db.experiment.update({ where: { id: experimentId }, data: { status, finishedAt: open === 0 ? new Date() : null } });
  }

  async page(experimentId: number | null, status: string[] | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Page<Job> & { totalCount: number }> {
    const size = pageSize(first);
    (status ?? []).forEach((s, i) => {
      if (!(JOB_STATUSES as readonly string[]).includes(s)) throw badInput(`status.${i}`, `${describeValue(s)} is not allowed; allowed: ${JOB_STATUSES.join(', ')}`);
    });
    let afterId: number | undefined;
    if (after) {
      afterId = Number(Buffer.from(after, 'base64url').toString('utf8'));
      if (!Number.isSafeInteger(afterId)) throw badInput('after', `${describeValue(after)} is not a cursor returned by this query`);
    }
    const where = {
      ...(experimentId !== null ? { experimentId } : {}),
      ...(status ? { status: { in: status } } : {}),
    };
    const rows = await this.db.job.findMany({ where: { ...where, ...(afterId !== undefined ? { id: { gt: afterId } } : {}) }, orderBy: { id: 'asc' }, take: size + 1 });
    const nodes = rows.slice(0, size);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > size,
      endCursor: last ? Buffer.from(String(last.id)).toString('base64url') : null,
      totalCount: await this.db.job.count({ where }),
    };
  }
}
