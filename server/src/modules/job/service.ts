/**
 * Jobs: the JobSink the executor hands results to (the only path by which computed results reach the
 * database), the job listing and the experiment status bookkeeping that follows every finished run.
 */
import type { InstanceSpec, NeuronOut, SolveResult } from '@rlab/shared';
import type { Db } from '../../db/client.ts';
import type { Job, Run } from '../../db/generated/prisma/client.ts';
import type { PubSub } from '../../graphql/pubsub.ts';
import { pageSize, type Page, type RunService } from '../run/service.ts';
import { badInput, describeValue } from '../../graphql/errors.ts';
import type { JobSink } from './executor.ts';

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

export class JobService implements JobSink {
  constructor(
    private readonly db: Db,
    private readonly runs: RunService,
    private readonly pubsub: PubSub,
  ) {}

  async claim(runId: number, worker: string): Promise<{ spec: unknown } | null> {
    const run = await this.db.run.findUnique({ where: { id: runId }, include: { experiment: { select: { spec: true, status: true } } } });
    if (!run || run.status !== 'queued') return null;
    if (!(await this.runs.markStarted(runId, worker))) return null;
    if (run.experiment.status === 'queued') await this.db.experiment.update({ where: { id: run.experimentId }, data: { status: 'running' } });
    this.pubsub.publish('experimentProgress', { experimentId: run.experimentId });
    return { spec: runToSpec(run, run.experiment.spec) };
  }

  async done(runId: number, result: SolveResult, planted: { neurons: NeuronOut[]; skip: number[] | null } | null): Promise<void> {
    const run = await this.runs.recordResult(runId, result, planted);
    if (run) await this.finished(run.id, run.experimentId);
  }

  async failed(runId: number, message: string): Promise<void> {
    await this.runs.recordFailure(runId, message);
    const run = await this.db.run.findUnique({ where: { id: runId }, select: { experimentId: true } });
    if (run) await this.finished(runId, run.experimentId);
  }

  async pending(): Promise<number[]> {
    // runs a previous process left running go back to the queue
    await this.db.run.updateMany({ where: { status: 'running' }, data: { status: 'queued', startedAt: null } });
    await this.db.job.updateMany({ where: { status: 'running' }, data: { status: 'queued', startedAt: null } });
    const jobs = await this.db.job.findMany({ where: { status: 'queued' }, select: { runId: true }, orderBy: { id: 'asc' } });
    return jobs.map((j) => j.runId);
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
