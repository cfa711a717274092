/**
 * A compute process (one per worker slot, local pool and `rlab worker` alike): jobs in over IPC, one at a
 * time, results out. It owns its compute backend (RLAB_BACKEND in its environment) and dies with its
 * parent (IPC disconnect), so a kill -9 of the server leaves no orphans computing.
 */
import { computeJob } from './compute.ts';
import type { ChildReply, ChildRequest } from './slot.ts';

let cancelRequested = false;
const send = (m: ChildReply) => process.send?.(m);

process.on('disconnect', () => process.exit(0));
process.on('message', (m: ChildRequest) => {
  if (m.type === 'cancel') {
    cancelRequested = true;
    return;
  }
  cancelRequested = false;
  computeJob(m.payload, (fraction) => send({ type: 'progress', id: m.id, fraction }), () => cancelRequested).then(
    (output) => send({ type: 'done', id: m.id, output }),
    (err: unknown) => send({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
send({ type: 'ready', id: 0 } as ChildReply);
