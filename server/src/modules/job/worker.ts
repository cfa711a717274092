/**
 * Worker thread of the local executor: spec in, runSpec output out. No database access here.
 */
import { parentPort } from 'node:worker_threads';
import { instanceSpecSchema } from '@rlab/shared';
import { runSpec } from '../../engine/run.ts';

export interface WorkRequest {
  runId: number;
  spec: unknown;
}
export type WorkReply = { runId: number; ok: true; output: ReturnType<typeof runSpec> } | { runId: number; ok: false; error: string };

parentPort?.on('message', (req: WorkRequest) => {
  let reply: WorkReply;
  try {
    const output = runSpec(instanceSpecSchema.parse(req.spec));
    reply = { runId: req.runId, ok: true, output };
  } catch (err) {
    reply = { runId: req.runId, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
