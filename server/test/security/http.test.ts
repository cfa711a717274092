/**
 * Issue 12 items 2, 4 and 8 (token scheme), issue 11 (token page, new tab): the HTTP and WebSocket front
 * door of a real `rlab serve` on a temp SQLite file. Each attack is sent as a browser or a script would.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { startServe, type TestServer } from '../api/helpers.ts';

let s: TestServer;
let cookie = '';
let port = 0;

beforeAll(async () => {
  s = await startServe();
  port = Number(new URL(s.base).port);
  const first = await fetch(`${s.base}/?token=${s.token}`);
  cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

function rowCounts(): Record<string, number> {
  const db = new Database(s.dbFile, { readonly: true, timeout: 5000 });
  try {
    return Object.fromEntries(['Experiment', 'Run', 'Job'].map((t) => [t, (db.prepare(`SELECT COUNT(*) AS c FROM "${t}"`).get() as { c: number }).c]));
  } finally {
    db.close();
  }
}

/** a raw HTTP request: node's fetch will not send some of these headers (Host) or paths (..%c0%af) as given */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path}: the server hangs`)));
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : fail(e)));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** the WebSocket upgrade's answer: 'open' or the refusal's HTTP status */
function upgrade(headers: Record<string, string>, query = ''): Promise<number | 'open'> {
  return new Promise((ok) => {
    const ws = new WebSocket(`${s.base.replace('http', 'ws')}/graphql${query}`, 'graphql-transport-ws', { headers });
    ws.on('open', () => {
      ws.close();
      ok('open');
    });
    ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
    ws.on('error', () => ok(-1));
  });
}

const CREATE = JSON.stringify({ query: 'mutation { createExperiment(input: { name: "from another page", spec: { architecture: "plain", n: [5], d: [2] } }) { id } }' });

describe('Origin (issue 12 item 2)', () => {
  it('refuses the WebSocket upgrade from another origin even with the cookie, and stores nothing', async () => {
    const before = rowCounts();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, `http://localhost:${port + 1}`, 'null', 'file://']) {
      expect(await upgrade({ Origin: origin, Cookie: cookie }), origin).toBe(403);
      expect(await upgrade({ Origin: origin }, `?token=${s.token}`), origin).toBe(403);
    }
    expect(rowCounts()).toEqual(before);
  });

  it('opens the WebSocket for the app itself (browser and Electron) and for node clients with the token', async () => {
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}`, Cookie: cookie })).toBe('open');
    expect(await upgrade({ Origin: `http://localhost:${port}`, Cookie: cookie })).toBe('open');
    expect(await upgrade({}, `?token=${s.token}`)).toBe('open');
    expect(await upgrade({ Authorization: `Bearer ${s.token}` })).toBe('open');
    // the token stays required, whatever the origin
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}` })).toBe(401);
    expect(await upgrade({})).toBe(401);
  });

  it('refuses HTTP requests that name another origin, with the cookie or the token', async () => {
    const before = rowCounts();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`]) {
      const r = await raw('POST', '/graphql', { 'content-type': 'application/json', origin, cookie }, CREATE);
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.text).errors[0].extensions.code).toBe('FORBIDDEN_ORIGIN');
      const t = await raw('POST', '/graphql', { 'content-type': 'application/json', origin, authorization: `Bearer ${s.token}` }, CREATE);
      expect(t.status, origin).toBe(403);
    }
    // a same-site page's <img>/<script> has no Origin but says where it comes from
    const sub = await raw('GET', '/export/runs.csv', { cookie, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' });
    expect(sub.status).toBe(403);
    expect(rowCounts()).toEqual(before);
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    const r = await raw('POST', '/graphql', { 'content-type': 'application/json', host: `evil.example:${port}`, authorization: `Bearer ${s.token}` }, '{"query":"{ workerState { executor } }"}');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('serves the app itself: same-origin POST with the cookie, and node clients without Origin', async () => {
    const own = await raw('POST', '/graphql', { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, cookie, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }, '{"query":"{ workerState { executor } }"}');
    expect(own.status).toBe(200);
    const node = await raw('POST', '/graphql', { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, '{"query":"{ workerState { executor } }"}');
    expect(node.status).toBe(200);
    const page = await raw('GET', '/', { cookie, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});

describe('errors are JSON with a stable code and no internals (issue 12 item 4)', () => {
  const auth = () => ({ authorization: `Bearer ${s.token}` });
  const noInternals = (text: string) => {
    expect(text).not.toMatch(/<html|<pre|\bat .*\(|node_modules|\/work\/|\/home\/|\/tmp\/|\.ts:\d|\.js:\d|SyntaxError|URIError/i);
  };

  it('a malformed JSON body is 400 BAD_REQUEST', async () => {
    const r = await raw('POST', '/graphql', { ...auth(), 'content-type': 'application/json' }, '{"query": "{ workerState { executor } }"');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('BAD_REQUEST');
    noInternals(r.text);
  });

  it('a 25 MB body is 413 PAYLOAD_TOO_LARGE', async () => {
    const body = Buffer.alloc(25 * 1024 * 1024, 0x20);
    body.write('{"query":"', 0);
    const r = await raw('POST', '/graphql', { ...auth(), 'content-type': 'application/json', 'content-length': String(body.length) }, body);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    noInternals(r.text);
  });

  it.each(['/..%c0%af..%c0%afetc/passwd', '/%c0%af', '/export/runs.%c0', '/assets/%E0%A4%A'])('GET %s is a JSON 4xx', async (path) => {
    const r = await raw('GET', path, auth());
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(['BAD_REQUEST', 'NOT_FOUND']).toContain(JSON.parse(r.text).errors[0].extensions.code);
    noInternals(r.text);
  });

  it('the traversal path is 400 with and without the token, never a file', async () => {
    const withToken = await raw('GET', '/..%c0%af..%c0%afetc/passwd', auth());
    expect(withToken.status).toBe(400);
    expect(withToken.text).not.toContain('root:');
    const without = await raw('GET', '/..%c0%af..%c0%afetc/passwd', {});
    expect(without.status).toBe(401);
    noInternals(without.text);
  });

  it('GET /graphql in a browser shows no landing page with third-party scripts', async () => {
    const r = await raw('GET', '/graphql', { ...auth(), accept: 'text/html,*/*;q=0.8', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none' });
    expect(r.text).not.toMatch(/<script|https:\/\//i);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it('an unknown route is a JSON 404', async () => {
    const r = await raw('POST', '/nothing-here', { ...auth(), 'content-type': 'application/json' }, '{}');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('token (issue 12 item 8, issue 11)', () => {
  it('a browser navigation without a token or with a wrong one gets an HTML page that says what to do', async () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const path of ['/', '/?token=wrong', '/#/runs']) {
      const r = await raw('GET', path, { accept, 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none' });
      expect(r.status, path).toBe(401);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.text).toContain('rlab serve');
      expect(r.text).toContain('?token=');
      expect(r.text).not.toContain(s.token);
    }
    expect((await raw('GET', '/?token=wrong', { accept })).text).toMatch(/earlier launch/);
  });

  it('API clients keep a JSON 401', async () => {
    const variants: Record<string, string>[] = [{}, { accept: 'application/json' }, { accept: '*/*' }, { authorization: 'Bearer nope', accept: 'text/html' }];
    for (const headers of variants) {
      const r = await raw('POST', '/graphql', { 'content-type': 'application/json', ...headers }, '{"query":"{ workerState { executor } }"}');
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const get = await raw('GET', '/export/runs.csv', { accept: 'application/json' });
    expect(get.status).toBe(401);
    expect(JSON.parse(get.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a new tab of a valid session works with the cookie alone: page, API and WebSocket', async () => {
    const tab = { cookie, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', accept: 'text/html' };
    expect((await raw('GET', '/#/compare?a=1&b=2', tab)).status).toBe(200);
    expect((await raw('GET', '/runs', tab)).status).toBe(200);
    const api = await raw('POST', '/graphql', { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, cookie }, '{"query":"{ workerState { executor } }"}');
    expect(api.status).toBe(200);
    expect(JSON.parse(api.text).data.workerState.executor).toBeTypeOf('string');
    expect((await raw('GET', '/export/runs.csv', { cookie, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' })).status).toBe(200);
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}`, Cookie: cookie })).toBe('open');
  });
});
