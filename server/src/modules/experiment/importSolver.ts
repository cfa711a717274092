/**
 * Solving imported case files off the server's main thread (issue 12 item 3): one (100, 40) exact case
 * takes seconds of CPU, and a call may carry 200 of them, so `importCases` hands each case to the engine
 * pool (engine/pool.ts, one worker thread, started on the first import) and awaits it while the main
 * thread keeps answering requests. Cases are solved one after the other, in the order given. `events`
 * reports each case as it is handed over and as it comes back (tests and progress wait on these).
 */
import { EventEmitter } from 'node:events';
import type { SolveResult } from '@rlab/shared';
import { EnginePool } from '../../engine/pool.ts';

export interface CaseSolverEvents {
  /** the case (`index` in its call) went to the pool */
  started: [{ index: number }];
  finished: [{ index: number; ok: boolean }];
}

export class CaseSolver {
  readonly events = new EventEmitter<CaseSolverEvents>();
  private pool: EnginePool | null = null;
  /** one solve at a time: the pool has one thread, and imports must not take every core from the jobs */
  private queue: Promise<unknown> = Promise.resolve();

  /** solve one case file (already validated by the caller) on the pool's thread */
  solve(raw: unknown, index: number): Promise<SolveResult> {
    const run = this.queue.then(async () => {
      this.pool ??= new EnginePool(1);
      this.events.emit('started', { index });
      try {
        const result = await this.pool.solveCase(raw);
        this.events.emit('finished', { index, ok: true });
        return result;
      } catch (err) {
        this.events.emit('finished', { index, ok: false });
        throw err;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** stop the pool's thread */
  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    await p?.destroy();
  }
}
