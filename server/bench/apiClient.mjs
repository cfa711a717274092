// The API bench's load generator (bench/api.ts), in a worker thread of its own: the requests, the reading
// of each body and its check run on this thread's event loop, not on the server's main thread, as a real
// client (the app's renderer, a script) is another thread or process. node:http with keep-alive
// connections (one per concurrent request): fetch (undici) cost this thread about three times the CPU
// per request, and with 2 cores the client's CPU is taken from the server's. Plain JavaScript, so the
// thread starts without a TypeScript loader.
//
// Message in:  { id, url, token, bodies: string[], concurrency }
//   `concurrency` loops each POST the next body of `bodies` until none is left (each body is one request)
// Message out: { id, times: number[] (ms per request), wallMs, bytes } or { id, error }
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';

/** POST `body`; the status and the whole answer as text */
function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run({ url, token, bodies, concurrency }) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const times = [];
  let next = 0;
  let bytes = 0;
  const w0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t = performance.now();
        const { status, text } = await post(agent, url, headers, body);
        times.push(performance.now() - t);
        bytes += text.length;
        // an answer with errors would be a fast wrong one: stop the bench
        if (status !== 200 || !text.startsWith('{"data"')) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
      }
    }),
  );
  const wallMs = performance.now() - w0;
  agent.destroy();
  return { times, wallMs, bytes };
}

parentPort.on('message', (m) => {
  run(m).then(
    (r) => parentPort.postMessage({ id: m.id, ...r }),
    (err) => parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
