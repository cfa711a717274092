/**
 * The job contract's sink on the real SQLite queue: a store on a temporary file and the server's own
 * JobService (sink and durable queue: leases, renewals, backoff, attempts, status transitions are its
 * SQL). Each added run is a Run and Job row; only what a worker computes (an engine spec or a probe,
 * which no Run row can express) is kept beside, by run id, and handed out in its lease. The maps the
 * contract reads mirror what JobService answered, and `checkAgainstStore` compares them with the rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SolveResult } from '@rlab/shared';
import { openStore, type OpenedStore } from '../../src/db/client.ts';
import { PubSub } from '../../src/graphql/pubsub.ts';
import { JobService } from '../../src/modules/job/service.ts';
import { RunService } from '../../src/modules/run/service.ts';
import type { Lease, Planted, StoredBy } from '../../src/modules/job/executor.ts';
import { SinkEvents, type ContractSink, type State } from './jobExecutorContract.ts';

export class StoreSink implements ContractSink {
  readonly states = new Map<number, State>();
  readonly results = new Map<number, SolveResult>();
  readonly failures = new Map<number, string>();
  readonly order: number[] = [];
  readonly attempts = new Map<number, number>();
  readonly startTimes = new Map<number, number[]>();
  readonly progressOf = new Map<number, number[]>();
  private readonly payloads = new Map<number, unknown>();
  private readonly jobs: JobService;
  /** the rows written so far: every queue operation waits for them */
  private writes: Promise<void> = Promise.resolve();
  private readonly events = new SinkEvents();

  private constructor(
    private readonly store: OpenedStore,
    private readonly dir: string,
  ) {
    this.jobs = new JobService(store.db, new RunService(store.db), new PubSub());
  }

  static async open(): Promise<StoreSink> {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-contract-'));
    const store = await openStore(join(dir, 'rlab.db'));
    await store.db.experiment.create({ data: { id: 1, name: 'job contract', spec: '{}', specHash: 'contract' } });
    return new StoreSink(store, dir);
  }

  private write(f: () => Promise<unknown>): void {
    this.writes = this.writes.then(async () => {
      await f();
    });
  }

  add(runId: number, spec: unknown): void {
    this.payloads.set(runId, spec);
    this.states.set(runId, 'queued');
    const db = this.store.db;
    this.write(async () => {
      // the run's own columns are a placeholder: what it computes is the payload above
      await db.run.create({ data: { id: runId, experimentId: 1, architecture: 'plain', program: 'exact', planted: 'relu', n: 12, d: 3, seed: runId, testSize: 20 } });
      await db.job.create({ data: { experimentId: 1, runId } });
    });
  }

  cancelRuns(ids: number[]): void {
    for (const id of ids) if (this.states.get(id) === 'queued' || this.states.get(id) === 'running') this.states.set(id, 'cancelled');
    const db = this.store.db;
    this.write(async () => {
      const now = new Date();
      await db.$transaction([
        db.run.updateMany({ where: { id: { in: ids }, status: { in: ['queued', 'running'] } }, data: { status: 'cancelled', finishedAt: now } }),
        db.job.updateMany({ where: { runId: { in: ids }, status: { in: ['queued', 'running'] } }, data: { status: 'cancelled', finishedAt: now } }),
      ]);
    });
  }

  async describe(runId: number) {
    await this.writes;
    const d = await this.jobs.describe(runId);
    return d && { ...d, spec: this.payloads.get(runId) };
  }

  async started(runId: number, worker: string, attempt: number): Promise<void> {
    await this.writes;
    await this.jobs.started(runId, worker, attempt);
    const status = await this.runStatus(runId);
    if (status === 'running') {
      this.states.set(runId, 'running');
      this.attempts.set(runId, attempt);
      this.startTimes.set(runId, [...(this.startTimes.get(runId) ?? []), Date.now()]);
    }
  }

  async done(runId: number, result: SolveResult, planted: Planted, by: StoredBy): Promise<boolean> {
    await this.writes;
    const stored = await this.jobs.done(runId, result, planted, by);
    if (stored) {
      this.states.set(runId, 'done');
      this.results.set(runId, result);
      this.order.push(runId);
      this.notify();
    }
    return stored;
  }

  async failed(runId: number, message: string): Promise<void> {
    await this.writes;
    const before = await this.runStatus(runId);
    await this.jobs.failed(runId, message);
    if ((before === 'queued' || before === 'running') && (await this.runStatus(runId)) === 'failed') {
      this.states.set(runId, 'failed');
      this.failures.set(runId, message);
      this.order.push(runId);
      this.notify();
    }
  }

  progress(runId: number, fraction: number, worker: string): void {
    this.progressOf.set(runId, [...(this.progressOf.get(runId) ?? []), fraction]);
    this.jobs.progress(runId, fraction, worker);
  }

  async pending(): Promise<number[]> {
    await this.writes;
    return this.jobs.pending();
  }

  async lease(worker: string, leaseMs: number): Promise<Lease | null> {
    await this.writes;
    const l = await this.jobs.lease(worker, leaseMs);
    if (!l) return null;
    this.states.set(l.runId, 'running');
    this.attempts.set(l.runId, l.attempt);
    return { ...l, spec: this.payloads.get(l.runId) };
  }

  async renew(runId: number, worker: string, leaseMs: number): Promise<boolean> {
    await this.writes;
    return this.jobs.renew(runId, worker, leaseMs);
  }

  async requeue(runId: number, worker: string, message: string, notBefore: Date): Promise<void> {
    await this.writes;
    await this.jobs.requeue(runId, worker, message, notBefore);
    if ((await this.runStatus(runId)) === 'queued') this.states.set(runId, 'queued');
  }

  private async runStatus(runId: number): Promise<string | null> {
    return (await this.store.db.run.findUnique({ where: { id: runId }, select: { status: true } }))?.status ?? null;
  }

  /** the rows agree with what the contract saw: run and job status, attempts, error messages */
  async checkAgainstStore(): Promise<string[]> {
    await this.writes;
    const problems: string[] = [];
    const rows = await this.store.db.run.findMany({ include: { job: true } });
    for (const r of rows) {
      const seen = this.states.get(r.id);
      if (seen !== r.status) problems.push(`run ${r.id}: the contract saw ${seen}, the store has ${r.status}`);
      if (r.job && r.job.status !== r.status) problems.push(`run ${r.id}: job ${r.job.status}, run ${r.status}`);
      if (r.status === 'failed' && r.error !== this.failures.get(r.id)) problems.push(`run ${r.id}: error ${r.error}`);
    }
    return problems;
  }

  private notify(): void {
    this.events.notify();
  }

  /** waits for the event (notify, or a 50 ms re-check); no deadline of its own: the test's timeout guards against a hang */
  until(pred: () => boolean, timeoutMs = Infinity): Promise<void> {
    return this.events.until(pred, timeoutMs);
  }

  async close(): Promise<void> {
    const problems = await this.checkAgainstStore();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
    if (problems.length) throw new Error(`the SQLite queue disagrees with what the executor reported:\n${problems.join('\n')}`);
  }
}
