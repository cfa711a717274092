// The API bench's load generator (bench/api.ts), in a worker thread of its own: the requests' fetch
// (undici, Node's own), the reading of each body and its check run on this thread's event loop, not on
// the server's main thread, as a real client (the app's renderer, a script) is another thread or process.
// Plain JavaScript, so the thread starts without a TypeScript loader.
//
// Message in:  { id, url, token, bodies: string[], concurrency }
//   `concurrency` loops each POST the next body of `bodies` until none is left (each body is one request)
// Message out: { id, times: number[] (ms per request), wallMs, bytes } or { id, error }
import { parentPort } from 'node:worker_threads';

async function run({ url, token, bodies, concurrency }) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const times = [];
  let next = 0;
  let bytes = 0;
  const w0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t = performance.now();
        const res = await fetch(url, { method: 'POST', headers, body });
        const text = await res.text();
        times.push(performance.now() - t);
        bytes += text.length;
        // an answer with errors would be a fast wrong one: stop the bench
        if (!res.ok || text.startsWith('{"errors"') || !text.startsWith('{"data"')) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      }
    }),
  );
  return { times, wallMs: performance.now() - w0, bytes };
}

parentPort.on('message', (m) => {
  run(m).then(
    (r) => parentPort.postMessage({ id: m.id, ...r }),
    (err) => parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
