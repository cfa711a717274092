/**
 * A real redis-server on 127.0.0.1 for the bullmq tests, on a free port, without persistence. When
 * redis-server is not installed the tests fail with how to install it (Debian package `redis-server`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REDIS_MISSING = 'redis-server is not installed: the bullmq executor tests need a real Redis. Install it with `apt-get install -y redis-server` (Debian package redis-server; .ci/run installs it). The tests start it themselves on 127.0.0.1.';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RunningRedis> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(REDIS_MISSING);
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((ok, fail) => {
    let out = '';
    // the event: its "ready" line, or its exit (no clock: on a loaded machine it only starts later)
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('Ready to accept connections')) ok();
    });
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGKILL');
      }),
  };
}

/**
 * `rlab worker --redis URL ...args` as a process (the CLI, as a user starts it) on the queue prefix
 * `prefix`; `ready` resolves on its first line of output and rejects if it exits before.
 */
export function spawnCliWorker(redisUrl: string, prefix: string, args: string[]): { proc: ChildProcess; ready: Promise<void> } {
  const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx/esm', main, 'worker', '--redis', redisUrl, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RLAB_QUEUE_PREFIX: prefix },
  });
  const ready = new Promise<void>((ok, fail) => {
    proc.stdout!.once('data', () => ok());
    proc.once('exit', (c) => fail(new Error(`rlab worker exited ${c}`)));
  });
  return { proc, ready };
}
