/**
 * One worker slot: a compute process (child.ts) that runs one job at a time. A crash of the process
 * (kill -9, out of memory) rejects the job in progress with `WorkerCrashedError` and the next job
 * starts a fresh process; a cancel asks the job to stop at its next check and kills the process when
 * it does not answer within `killAfterMs`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { JobOutput } from './compute.ts';

export type ChildRequest = { type: 'run'; id: number; payload: unknown } | { type: 'cancel'; id: number };
export type ChildReply =
  | { type: 'ready'; id: number }
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; output: JobOutput }
  | { type: 'error'; id: number; message: string };

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}
export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelledError';
  }
}

const CHILD_ENTRY = new URL('./child.mjs', import.meta.url);

export interface SlotInfo {
  id: string;
  backend: string;
  busy: boolean;
  jobsDone: number;
  runId: number | null;
  progress: number | null;
  pid: number | null;
}

export class ComputeSlot {
  private child: ChildProcess | null = null;
  private seq = 0;
  private current: { id: number; resolve: (o: JobOutput) => void; reject: (e: Error) => void; progress: (f: number) => void; cancelled: boolean } | null = null;
  runId: number | null = null;
  progress: number | null = null;
  jobsDone = 0;

  constructor(
    readonly id: string,
    readonly backend: string,
    private readonly killAfterMs = 2000,
  ) {}

  get busy(): boolean {
    return this.current !== null;
  }
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  info(): SlotInfo {
    return { id: this.id, backend: this.backend, busy: this.busy, jobsDone: this.jobsDone, runId: this.runId, progress: this.progress, pid: this.pid };
  }

  /** start the compute process ahead of the first job (its start-up is not a job's cost) */
  async warm(): Promise<void> {
    if (this.child) return;
    const child = fork(CHILD_ENTRY, [], {
      env: { ...process.env, ...(this.backend !== 'auto' ? { RLAB_BACKEND: this.backend } : {}) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    child.on('message', (m: ChildReply) => {
      const cur = this.current;
      if (!cur || m.id !== cur.id) return;
      if (m.type === 'progress') {
        this.progress = m.fraction;
        cur.progress(m.fraction);
      } else if (m.type === 'done') cur.resolve(m.output);
      else if (m.type === 'error') cur.reject(cur.cancelled ? new JobCancelledError() : new Error(m.message));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      const cur = this.current;
      if (!cur) return;
      cur.reject(cur.cancelled ? new JobCancelledError() : new WorkerCrashedError(`worker ${this.id} crashed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
    await new Promise<void>((ok) => {
      const onReady = (m: ChildReply) => {
        if (m.type === 'ready') {
          child.off('message', onReady);
          ok();
        }
      };
      child.on('message', onReady);
      child.once('exit', () => ok());
    });
  }

  async run(runId: number, payload: unknown, progress: (fraction: number) => void = () => undefined): Promise<JobOutput> {
    if (this.current) throw new Error(`worker ${this.id} is busy`);
    await this.warm();
    const child = this.child;
    if (!child) throw new WorkerCrashedError(`worker ${this.id} could not start`);
    const id = ++this.seq;
    this.runId = runId;
    this.progress = null;
    try {
      const out = await new Promise<JobOutput>((resolve, reject) => {
        this.current = { id, resolve, reject, progress, cancelled: false };
        child.send({ type: 'run', id, payload } satisfies ChildRequest);
      });
      this.jobsDone++;
      return out;
    } finally {
      this.current = null;
      this.runId = null;
      this.progress = null;
    }
  }

  /** stop the job in progress: at its next check, or by killing the process after killAfterMs */
  cancel(): void {
    const cur = this.current;
    const child = this.child;
    if (!cur || !child) return;
    cur.cancelled = true;
    child.send({ type: 'cancel', id: cur.id } satisfies ChildRequest, () => undefined);
    const t = setTimeout(() => {
      if (this.current === cur) child.kill('SIGKILL');
    }, this.killAfterMs);
    t.unref();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((ok) => {
      child.once('exit', () => ok());
      child.kill('SIGKILL');
    });
  }
}
