/**
 * Worker-thread entry: receives tasks { id, method, spec }, runs them, posts { id, record }.
 * One instance per core; the engine is single-threaded per instance.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './task.ts';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (msg: { id: number; task: Task }) => {
  void runTask(msg.task).then(
    (record) => port.postMessage({ id: msg.id, record }),
    (err: unknown) => port.postMessage({ id: msg.id, record: { spec: msg.task.spec, result: null, error: err instanceof Error ? err.message : String(err), method: msg.task.method } }),
  );
});
