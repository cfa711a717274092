/**
 * The case solver's worker thread (importSolver.ts): receives { id, case }, parses the case file and
 * solves it with the engine (solveInstance), posts { id, started } when it begins and { id, result,
 * planted } or { id, error } when it ends. One case at a time; the engine is single-threaded.
 */
import { parentPort } from 'node:worker_threads';
import { caseToInstance } from '../../engine/caseFile.ts';
import { solveInstance } from '../../engine/solve.ts';

if (!parentPort) throw new Error('importWorker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (msg: { id: number; case: unknown }) => {
  port.postMessage({ id: msg.id, started: true });
  try {
    const inst = caseToInstance(msg.case);
    const result = solveInstance(inst).result;
    port.postMessage({ id: msg.id, result });
  } catch (err) {
    port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
