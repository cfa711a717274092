/**
 * How queued runs get computed. The server owns the database; an executor only computes and hands each
 * result back through `JobSink` (the service layer), which writes it. Two executors implement
 * `JobExecutor` and pass one contract suite (server/test/api/jobExecutorContract.ts): `local` (a pool of
 * compute processes fed from the durable queue in SQLite, `DurableQueue`) and `bullmq` (Redis, workers on
 * any machine started with `rlab worker`).
 */
import type { NeuronOut, SolveResult } from '@rlab/shared';

export interface WorkerInfo {
  id: string;
  /** compute backend of the worker process (RLAB_BACKEND or "auto") */
  backend: string;
  busy: boolean;
  jobsDone: number;
  runId: number | null;
  progress: number | null;
  host: string;
  pid: number | null;
}

export interface WorkerStateSnapshot {
  executor: string;
  started: boolean;
  concurrency: number;
  queued: number;
  active: number;
  processed: number;
  failed: number;
  /** one entry per compute process (executors written before issue 5 may leave it out) */
  workers?: WorkerInfo[];
}

export type Planted = { neurons: NeuronOut[]; skip: number[] | null } | null;

export interface StoredBy {
  worker: string;
  attempt: number;
}

export interface JobSink {
  /** what to compute for a run (its spec) and its idempotency key, or null when the run no longer exists */
  describe(runId: number): Promise<{ spec: unknown; key: string; status: string } | null>;
  /** a worker started the run (no-op unless it is queued or running) */
  started(runId: number, worker: string, attempt: number): Promise<void>;
  /** store a result once: false when the run already has one (or was cancelled meanwhile) */
  done(runId: number, result: SolveResult, planted: Planted, by: StoredBy): Promise<boolean>;
  failed(runId: number, message: string): Promise<void>;
  /** a running job reports how far it is (0..1); reaches the GraphQL progress subscription */
  progress(runId: number, fraction: number, worker: string): void;
  /** ids of runs not finished (queued, or running under a worker that may have died) */
  pending(): Promise<number[]>;
}

export interface Lease {
  runId: number;
  spec: unknown;
  key: string;
  /** 1 on the first try */
  attempt: number;
}

/** the durable queue the local executor leases from (SQLite in the server, memory in tests) */
export interface DurableQueue {
  /** lease the next runnable job (queued and past its backoff, or running with an expired lease) */
  lease(worker: string, leaseMs: number): Promise<Lease | null>;
  /** extend a lease; false when the job is no longer this worker's (cancelled, finished, re-leased) */
  renew(runId: number, worker: string, leaseMs: number): Promise<boolean>;
  /** give a job back after its worker crashed: queued again from `notBefore` */
  requeue(runId: number, worker: string, message: string, notBefore: Date): Promise<void>;
}

export interface RetryPolicy {
  /** tries in all, the first included */
  attempts: number;
  /** backoff before try k+1: backoffMs * 2^(k-1) */
  backoffMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 1000 };

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return policy.backoffMs * 2 ** Math.max(0, attempt - 1);
}

export interface JobExecutor {
  readonly name: string;
  start(): Promise<void>;
  /** wake the executor for these runs (they are queued in the database already) */
  enqueue(runIds: number[]): Promise<void>;
  /** stop queued work and running jobs of these runs (the sink marked them cancelled already); returns how many queued were dropped */
  cancel(experimentId: number, runIds: number[]): Promise<number>;
  status(): WorkerStateSnapshot | Promise<WorkerStateSnapshot>;
  stop(): Promise<void>;
}
