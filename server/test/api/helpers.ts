/**
 * Test harness: `rlab serve` as a real process on a temporary SQLite file, GraphQL over HTTP with fetch,
 * subscriptions over graphql-ws.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { JobExecutor } from '../../src/modules/job/executor.ts';

const SERVER_ROOT = resolve(import.meta.dirname, '../..');

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface TestServer {
  base: string;
  token: string;
  dbFile: string;
  dir: string;
  /** the `rlab serve` process */
  pid: number;
  stderr: () => string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  ws(): Client;
  stop(): Promise<void>;
  /** SIGKILL, resolved when the process is gone */
  kill9(): Promise<void>;
  cleanup(): void;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rlab-api-'));
}

export async function startServe(opts: { dir?: string; dbFile?: string; defaultDb?: boolean; staticDir?: string } = {}): Promise<TestServer> {
  const dir = opts.dir ?? tempDir();
  const dbFile = opts.defaultDb ? join(dir, 'xdg', 'recovery-lab', 'rlab.db') : (opts.dbFile ?? join(dir, 'rlab.db'));
  const args = ['--import', 'tsx/esm', 'src/cli/main.ts', 'serve', '--port', '0', ...(opts.defaultDb ? [] : ['--db', dbFile]), ...(opts.staticDir ? ['--static-dir', opts.staticDir] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: SERVER_ROOT,
    env: { ...process.env, XDG_DATA_HOME: join(dir, 'xdg') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const first = await new Promise<string>((ok, fail) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => ok(l));
    child.once('exit', (code) => fail(new Error(`rlab serve exited with ${code}: ${err}`)));
  });
  const m = /^Recovery Lab listening on (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)$/.exec(first);
  if (!m) throw new Error(`unexpected first line: ${first}`);
  const base = m[1]!;
  const token = m[3]!;
  const clients: Client[] = [];
  /** closes the clients, then signals the server and resolves when it is gone (SIGTERM: SIGKILL after 5 s) */
  const end = async (signal: 'SIGTERM' | 'SIGKILL'): Promise<void> => {
    for (const c of clients) await c.dispose();
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((ok) => {
      child.once('exit', () => ok());
      child.kill(signal);
      if (signal === 'SIGTERM') setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  };
  return {
    base,
    token,
    dbFile,
    dir,
    pid: child.pid!,
    stderr: () => err,
    async gql(query, variables) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult<any>;
    },
    ws() {
      const c = createClient({ url: `${base.replace('http', 'ws')}/graphql?token=${token}`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      clients.push(c);
      return c;
    },
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** poll until the experiment has no queued or running runs (no deadline by default: the test's timeout guards against a hang) */
export async function waitForExperiment(s: TestServer, id: string, timeoutMs = Infinity): Promise<Record<string, any>> {
  const t0 = Date.now();
  for (;;) {
    const r = await s.gql(`query($id: ID!) { experiment(id: $id) { status progress { total queued running done failed cancelled } } }`, { id });
    const e = r.data?.experiment;
    if (e && e.progress.queued === 0 && e.progress.running === 0) return e;
    if (Date.now() - t0 > timeoutMs) throw new Error(`experiment ${id} still open: ${JSON.stringify(r)}`);
    await new Promise((ok) => setTimeout(ok, 150));
  }
}

/** an executor that accepts work and runs none: for service tests that only need the store */
export const idleExecutor: JobExecutor = {
  name: 'idle',
  start: async () => undefined,
  enqueue: async () => undefined,
  cancel: async () => 0,
  status: () => ({ executor: 'idle', started: true, concurrency: 0, queued: 0, active: 0, processed: 0, failed: 0 }),
  stop: async () => undefined,
};
