/**
 * Issue 12 item 2 in real Chromium: a page served from another port of 127.0.0.1 gets the app's
 * SameSite=Strict cookie on its requests to the server (same site: ports do not count), so before the
 * Origin check it could open the server's WebSocket and store an experiment. Now the upgrade and the
 * HTTP API refuse its Origin, and nothing is stored.
 */
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let attacker: Server;
let attackerOrigin = '';

const NAME = 'stored by a page on another port';

/** the other page: tries the WebSocket and a no-preflight POST with the cookie, reports what happened */
function attackerPage(target: string): string {
  const ws = target.replace(/^http/, 'ws');
  const mutation = JSON.stringify({ query: `mutation { createExperiment(input: { name: "${NAME}", spec: { architecture: "plain", n: [5], d: [2] } }) { id } }` });
  return `<!doctype html><html><body><script>
  window.outcome = new Promise((done) => {
    const log = [];
    const sock = new WebSocket(${JSON.stringify(`${ws}/graphql`)}, 'graphql-transport-ws');
    sock.onopen = () => { log.push('open'); sock.send(JSON.stringify({ type: 'connection_init' })); };
    sock.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      log.push(msg.type);
      if (msg.type === 'connection_ack') sock.send(JSON.stringify({ id: '1', type: 'subscribe', payload: ${mutation} }));
      if (msg.type === 'next' || msg.type === 'error') { log.push(JSON.stringify(msg.payload)); sock.close(); }
    };
    sock.onclose = (e) => { log.push('close ' + e.code); finish(); };
    let pending = 2;
    const finish = () => { if (--pending === 0) done(log); };
    fetch(${JSON.stringify(`${target}/graphql`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(mutation)} })
      .then(() => log.push('fetch sent'), (e) => log.push('fetch failed ' + e)).finally(finish);
  });
  </script></body></html>`;
}

test.beforeAll(async () => {
  server = await startTestServer();
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(server.origin)));
  await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', () => ok()));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  if (test.info().status !== 'passed' && server) console.log(`server stderr:\n${server.stderr()}`);
  attacker?.close();
  await server?.stop();
});

test('a page on another 127.0.0.1 port cannot use the session cookie: WebSocket refused, nothing stored', async ({ page, context }) => {
  // the user has the app open: the browser holds the cookie
  await page.goto(server.url);
  const cookies = await context.cookies(server.origin);
  expect(cookies.map((c) => c.name)).toContain('rlab_token');

  const other = await context.newPage();
  await other.goto(`${attackerOrigin}/`);
  const log = (await other.evaluate(() => (window as unknown as { outcome: Promise<string[]> }).outcome)) as string[];
  expect(log).not.toContain('open');
  expect(log).not.toContain('connection_ack');
  expect(log.some((l) => l.startsWith('close '))).toBe(true);

  const stored = await server.gql<{ experiments: { nodes: { name: string }[] } }>('{ experiments(first: 100) { nodes { name } } }');
  expect(stored.experiments.nodes.map((e) => e.name)).not.toContain(NAME);
});

test('the app itself still opens its WebSocket from its own origin with the cookie', async ({ page }) => {
  await page.goto(server.url);
  const log = await page.evaluate(
    (origin) =>
      new Promise<string[]>((done) => {
        const out: string[] = [];
        const sock = new WebSocket(`${origin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        sock.onopen = () => sock.send(JSON.stringify({ type: 'connection_init' }));
        sock.onmessage = (m) => {
          out.push(JSON.parse(m.data as string).type as string);
          sock.close();
        };
        sock.onclose = () => done(out);
      }),
    server.origin,
  );
  expect(log).toContain('connection_ack');
});
