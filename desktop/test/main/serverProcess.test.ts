import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverCommand, startServerProcess } from '../../src/main/serverProcess.ts';

/** a stand-in for rlab serve: node -e with the given script */
function fakeSpawn(script: string) {
  return (_cmd: string, _args: string[], opts: Parameters<typeof spawn>[2]) => spawn(process.execPath, ['-e', script], opts);
}

describe('serverCommand', () => {
  it('runs the CLI through tsx on a free port with the given database', () => {
    const c = serverCommand({ repoRoot: '/repo', dbFile: '/data/x.db', node: '/usr/bin/node' });
    expect(c.cmd).toBe('/usr/bin/node');
    expect(c.args).toEqual(['--import', 'tsx/esm', '/repo/server/src/cli/main.ts', 'serve', '--port', '0', '--db', '/data/x.db']);
  });
});

describe('startServerProcess', () => {
  const root = mkdtempSync(join(tmpdir(), 'rlab-desktop-'));

  it('resolves with the address once the first line arrives, and stop() ends the child', async () => {
    const s = await startServerProcess({
      repoRoot: root,
      dbFile: join(root, 'x.db'),
      spawnImpl: fakeSpawn("process.stdout.write('Recovery Lab listening on http://127.0.0.1:4321/?token=abc_DEF-1\\n'); setInterval(() => {}, 1000);"),
    });
    expect(s.origin).toBe('http://127.0.0.1:4321');
    expect(s.token).toBe('abc_DEF-1');
    expect(s.child.exitCode).toBeNull();
    await s.stop();
    expect(s.child.exitCode !== null || s.child.signalCode !== null).toBe(true);
  });

  it('kills a child that ignores SIGTERM after the grace period', async () => {
    const s = await startServerProcess({
      repoRoot: root,
      dbFile: join(root, 'x.db'),
      spawnImpl: fakeSpawn("process.on('SIGTERM', () => {}); process.stdout.write('Recovery Lab listening on http://127.0.0.1:4321/?token=t\\n'); setInterval(() => {}, 1000);"),
    });
    await s.stop(300);
    expect(s.child.signalCode).toBe('SIGKILL');
  });

  it('fails with the server\'s stderr when it exits before printing its address', async () => {
    await expect(
      startServerProcess({ repoRoot: root, dbFile: 'x.db', spawnImpl: fakeSpawn("process.stderr.write('rlab: database is locked\\n'); process.exit(2)") }),
    ).rejects.toThrow(/exited \(code 2\)[\s\S]*database is locked/);
  });

  it('fails on an unexpected first line and on silence', async () => {
    await expect(startServerProcess({ repoRoot: root, dbFile: 'x.db', spawnImpl: fakeSpawn("console.log('hello'); setInterval(() => {}, 1000)") })).rejects.toThrow(/unexpected first line/);
    await expect(startServerProcess({ repoRoot: root, dbFile: 'x.db', timeoutMs: 300, spawnImpl: fakeSpawn('setInterval(() => {}, 1000)') })).rejects.toThrow(/no address within 300 ms/);
  });
});
