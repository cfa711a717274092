/**
 * graphql-ws gets the same treatment as HTTP: a document that does not parse is that operation's error
 * (graphql-ws used to close the whole socket with 4500 and the parser's text, which dropped the app's
 * live subscriptions), and internal errors are masked.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { startServe, type TestServer } from '../api/helpers.ts';

let s: TestServer;
let ws: WebSocket;
const inbox: any[] = [];
let wake: (() => void) | null = null;

beforeAll(async () => {
  s = await startServe();
  ws = new WebSocket(`${s.base.replace('http', 'ws')}/graphql?token=${s.token}`, 'graphql-transport-ws');
  ws.on('message', (m) => {
    inbox.push(JSON.parse(m.toString()));
    wake?.();
  });
  await new Promise<void>((ok) => ws.once('open', () => ok()));
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await until(() => inbox.some((m) => m.type === 'connection_ack'));
});
afterAll(async () => {
  ws?.close();
  await s?.stop();
  s?.cleanup();
});

/** wait for a message event that makes `done` true (or the socket closing) */
function until(done: () => boolean): Promise<void> {
  return new Promise((ok, fail) => {
    const check = () => {
      if (done()) ok();
      else if (ws.readyState !== WebSocket.OPEN) fail(new Error('the socket was closed'));
      else wake = check;
    };
    ws.once('close', (code, reason) => fail(new Error(`the socket was closed: ${code} ${reason.toString()}`)));
    check();
  });
}

async function operation(id: string, query: string): Promise<any[]> {
  ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
  await until(() => inbox.some((m) => m.id === id && (m.type === 'complete' || m.type === 'error')));
  return inbox.filter((m) => m.id === id);
}

it('a query that does not parse is refused as its own error and the socket stays open', async () => {
  for (const [i, bad] of ['"; DROP TABLE "Run"; --', '{ workerState { ', '{ a: }', ''].entries()) {
    const msgs = await operation(`bad${i}`, bad);
    const err = msgs.find((m) => m.type === 'error');
    expect(err?.payload?.[0]?.extensions?.code, bad).toBe('GRAPHQL_PARSE_FAILED');
    expect(ws.readyState).toBe(WebSocket.OPEN);
  }
  const ok = await operation('ok', '{ workerState { executor } }');
  expect(ok.find((m) => m.type === 'next')?.payload?.data?.workerState?.executor).toBeTypeOf('string');
});

it('validation errors carry the same codes as over HTTP', async () => {
  const msgs = await operation('v1', '{ nope }');
  expect(msgs.find((m) => m.type === 'error')?.payload?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const deep = await operation('v2', '{ runs { nodes { experiment { runs { nodes { experiment { runs { nodes { experiment { runs { nodes { id } } } } } } } } } } } }');
  expect(deep.find((m) => m.type === 'error')?.payload?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
});

it('domain errors keep their code and field; internal errors are masked', async () => {
  const bad = await operation('d1', '{ experiment(id: "abc") { id } }');
  expect(bad.find((m) => m.type === 'next')?.payload?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  const db = new Database(s.dbFile, { timeout: 5000 });
  const id = db.prepare(`INSERT INTO "Experiment" (name, spec, specHash, createdAt, updatedAt) VALUES ('corrupt', '{not json', 'x', ?, ?)`).run(new Date().toISOString(), new Date().toISOString()).lastInsertRowid;
  db.close();
  const broken = await operation('d2', `{ experiment(id: "${id}") { name spec } }`);
  const result = broken.find((m) => m.type === 'next')?.payload;
  expect(result?.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(JSON.stringify(result)).not.toMatch(/SyntaxError|JSON|\.ts/);
});
