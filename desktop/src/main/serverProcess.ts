/**
 * Runs `rlab serve` as a child process on a free port (--port 0) and waits for its address line.
 * Node, not Electron, runs the server: better-sqlite3 is built for the system Node's ABI.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { parseServerLine, type ServerAddress } from './serverLine.ts';

export interface ServerProcessOptions {
  /** the repository root (holds server/ and node_modules/tsx) */
  repoRoot: string;
  dbFile: string;
  /** the node executable; default `node` on PATH, or $RLAB_NODE */
  node?: string;
  /** ms to wait for the address line */
  timeoutMs?: number;
  spawnImpl?: (cmd: string, args: string[], opts: SpawnOptions) => ChildProcess;
}

export interface ServerProcess extends ServerAddress {
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<void>;
}

export function serverCommand(opts: ServerProcessOptions): { cmd: string; args: string[] } {
  return {
    cmd: opts.node ?? process.env.RLAB_NODE ?? 'node',
    args: ['--import', 'tsx/esm', join(opts.repoRoot, 'server', 'src', 'cli', 'main.ts'), 'serve', '--port', '0', '--db', opts.dbFile],
  };
}

export function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const { cmd, args } = serverCommand(opts);
  const child = (opts.spawnImpl ?? spawn)(cmd, args, { cwd: opts.repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });

  const stop = (graceMs = 5000): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });

  return new Promise((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(1000);
      reject(new Error(`${why}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`the server printed no address within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (err) => fail(`could not start ${cmd}: ${err.message}`));
    child.once('exit', (code, signal) => fail(`the server exited (${signal ?? `code ${code}`}) before printing its address`));
    child.stdout?.on('data', (b: Buffer) => {
      if (settled) return;
      buffered += b.toString();
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      const address = parseServerLine(buffered.slice(0, nl));
      if (!address) return fail(`unexpected first line from the server: ${JSON.stringify(buffered.slice(0, nl))}`);
      settled = true;
      clearTimeout(timer);
      resolve({ ...address, child, stop });
    });
  });
}
