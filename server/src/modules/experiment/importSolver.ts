/**
 * Solving imported case files off the server's main thread (issue 12 item 3): one (100, 40) exact case
 * takes seconds of CPU, and a call may carry 200 of them, so `importCases` hands each case to a worker
 * thread and awaits it while the main thread keeps answering requests. The thread starts on the first
 * import and then stays, unref'd: it never keeps the process alive (the server's sockets do; a server
 * that stops ends it, and the imports in progress fail, storing nothing); cases are solved one after the
 * other, in the order they were given. `events` reports each case as its solve starts and ends (tests
 * and progress wait on these, not on time).
 */
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SolveResult } from '@rlab/shared';

type Reply = { id: number; started: true } | { id: number; result: SolveResult } | { id: number; error: string };

export interface CaseSolverEvents {
  /** the worker began solving the case (`index` in its call) */
  started: [{ index: number }];
  finished: [{ index: number; ok: boolean }];
}

export class CaseSolver {
  readonly events = new EventEmitter<CaseSolverEvents>();
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, { index: number; resolve: (r: SolveResult) => void; reject: (e: Error) => void }>();

  /** solve one case file (already validated by the caller) in the worker thread */
  solve(raw: unknown, index: number): Promise<SolveResult> {
    const worker = this.ensureWorker();
    const id = ++this.seq;
    return new Promise<SolveResult>((resolve, reject) => {
      this.pending.set(id, { index, resolve, reject });
      worker.postMessage({ id, case: raw });
    });
  }

  /** stop the thread; cases in progress fail with a message saying so */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
    this.failAll('the server stopped before the case was solved');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./importWorker.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('started' in m) {
        this.events.emit('started', { index: p.index });
        return;
      }
      this.pending.delete(m.id);
      this.events.emit('finished', { index: p.index, ok: 'result' in m });
      if ('result' in m) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    w.on('error', (err) => {
      if (this.worker === w) this.worker = null;
      this.failAll(`the case solver failed: ${err.message}`);
    });
    w.on('exit', (code) => {
      if (this.worker === w) this.worker = null;
      this.failAll(`the case solver exited (code ${code}) before the case was solved`);
    });
    this.worker = w;
    return w;
  }

  private failAll(message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new Error(message));
  }
}
