/**
 * How queued runs get computed. The server owns the database; an executor only computes and hands each
 * result back through `JobSink` (the service layer), which writes it. The durable executor of issue 5
 * implements the same interface.
 */
import type { NeuronOut, SolveResult } from '@rlab/shared';

export interface WorkerStateSnapshot {
  executor: string;
  started: boolean;
  concurrency: number;
  queued: number;
  active: number;
  processed: number;
  failed: number;
}

export interface JobSink {
  /** the spec of a queued run, or null when it is no longer queued (cancelled, deleted) */
  claim(runId: number, worker: string): Promise<{ spec: unknown } | null>;
  done(runId: number, result: SolveResult, planted: { neurons: NeuronOut[]; skip: number[] | null } | null): Promise<void>;
  failed(runId: number, message: string): Promise<void>;
  /** ids of runs still queued (to resume after a restart) */
  pending(): Promise<number[]>;
}

export interface JobExecutor {
  readonly name: string;
  start(): Promise<void>;
  enqueue(runIds: number[]): Promise<void>;
  /** drop queued work of an experiment; returns how many queued runs were dropped */
  cancel(experimentId: number, runIds: number[]): Promise<number>;
  status(): WorkerStateSnapshot;
  stop(): Promise<void>;
}
