/**
 * A fixed pool of worker threads (one per core by default) that runs tasks and reports each record as it
 * finishes. Results are keyed by task index, so callers can restore grid order for deterministic output.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Task, TaskRecord } from './task.ts';

export interface PoolOptions {
  workers?: number;
  onRecord?: (index: number, record: TaskRecord) => void;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export async function runPool(tasks: Task[], opts: PoolOptions = {}): Promise<TaskRecord[]> {
  const count = Math.max(1, Math.min(opts.workers ?? defaultWorkers(), tasks.length));
  const out: TaskRecord[] = new Array(tasks.length);
  if (tasks.length === 0) return out;
  const url = new URL('./workerEntry.mjs', import.meta.url);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  await new Promise<void>((resolve, reject) => {
    const feed = (w: Worker) => {
      if (next >= tasks.length) return;
      const id = next++;
      w.postMessage({ id, task: tasks[id] });
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(url);
      workers.push(w);
      w.on('message', (msg: { id: number; record: TaskRecord }) => {
        out[msg.id] = msg.record;
        done++;
        opts.onRecord?.(msg.id, msg.record);
        if (done === tasks.length) resolve();
        else feed(w);
      });
      w.on('error', reject);
      w.on('exit', (code) => {
        if (done < tasks.length) reject(new Error(`a sweep worker exited with code ${code} before the sweep finished`));
      });
      feed(w);
    }
  }).finally(() => Promise.all(workers.map((w) => w.terminate())));
  return out;
}
