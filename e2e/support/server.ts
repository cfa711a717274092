/**
 * The real server on a temporary SQLite file: `node --import tsx/esm server/src/cli/main.ts serve --port 0`,
 * spawned from node directly (no npx/pnpm wrapper, so killing it ends the server), address read from its
 * first stdout line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface TestServer {
  origin: string;
  token: string;
  /** the address the server prints: origin + /?token= */
  url: string;
  dbFile: string;
  /** the last 4000 characters the server wrote to stderr */
  stderr(): string;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** the environment without what the Playwright runner adds for its own TypeScript loader */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  for (const k of Object.keys(env)) if (k.startsWith('PW_') || k.startsWith('PLAYWRIGHT_') || k === 'TEST_WORKER_INDEX' || k === 'TEST_PARALLEL_INDEX') delete env[k];
  return env;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-e2e-'));
  const dbFile = join(dir, 'e2e.db');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx/esm', join(REPO_ROOT, 'server/src/cli/main.ts'), 'serve', '--port', '0', '--db', dbFile], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv(),
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const line = await new Promise<string>((ok, fail) => {
    let buf = '';
    const timer = setTimeout(() => fail(new Error(`rlab serve printed no address in 60 s\n${stderr}`)), 60_000);
    child.once('exit', (code) => fail(new Error(`rlab serve exited (${code})\n${stderr}`)));
    child.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        ok(buf.slice(0, nl));
      }
    });
  });
  const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(line);
  if (!m) throw new Error(`unexpected first line: ${line}`);
  const origin = m[1] as string;
  const token = m[2] as string;
  return {
    origin,
    token,
    url: `${origin}/?token=${token}`,
    dbFile,
    stderr: () => stderr,
    async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
      return body.data as T;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
