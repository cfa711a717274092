/**
 * Issue 12 item 6: one server per database file. A second `rlab serve` on the same file refuses to start
 * with a message naming the file and the first server's pid; --db picks another file; a server killed
 * with SIGKILL leaves no stale lock. And no lost updates: 100 concurrent tagRun calls keep 100 tags.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServe, tempDir } from './helpers.ts';

const SERVER_ROOT = resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** `rlab serve --db FILE` expected to fail: its exit code and standard error */
function serveFails(dbFile: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', 'src/cli/main.ts', 'serve', '--port', '0', '--db', dbFile], { cwd: SERVER_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
    // it started after all: stop it, the assertion below fails on its output
    if (stdout.includes('listening')) child.kill('SIGTERM');
  });
  return new Promise((ok) => child.once('exit', (code) => ok({ code, stderr, stdout })));
}

it('a second rlab serve on the same database file refuses to start, naming the file and the first pid', async () => {
  const dir = tempDir();
  const dbFile = join(dir, 'lab.db');
  const first = await startServe({ dir, dbFile });
  cleanups.push(() => first.cleanup(), () => first.stop());
  const second = await serveFails(dbFile);
  expect(second.stdout).not.toContain('listening');
  expect(second.code).toBe(2);
  expect(second.stderr).toContain(dbFile);
  expect(second.stderr).toMatch(/in use by another Recovery Lab server \(pid \d+ /);
  expect(second.stderr).toContain('--db');
  // the pid named is the first server's: it is the process answering on its port
  expect(Number(/pid (\d+)/.exec(second.stderr)![1])).toBe(first.pid);
  const other = await startServe({ dir, dbFile: join(dir, 'other.db') });
  cleanups.push(() => other.stop());
  // another file is fine, and the first server still answers
  expect((await other.gql('{ experiments(first: 1) { totalCount } }')).errors).toBeUndefined();
  expect((await first.gql('{ experiments(first: 1) { totalCount } }')).errors).toBeUndefined();
}, 60_000);

it('a server killed with SIGKILL leaves no stale lock: the next one starts on the same file', async () => {
  const dir = tempDir();
  const dbFile = join(dir, 'lab.db');
  const a = await startServe({ dir, dbFile });
  cleanups.push(() => a.cleanup());
  await a.kill9();
  const b = await startServe({ dir, dbFile });
  cleanups.push(() => b.stop());
  expect((await b.gql('{ experiments(first: 1) { totalCount } }')).errors).toBeUndefined();
}, 60_000);

it('no lost updates: 100 concurrent tagRun calls with distinct tags on one run keep all 100', async () => {
  const s = await startServe();
  cleanups.push(() => s.cleanup(), () => s.stop());
  const X = [[0.5, 0.1], [-0.3, 0.8], [0.9, -0.4], [-0.7, -0.2]];
  const theCase = { format: 'recovery-case/1', name: 'tags', architecture: 'plain', program: 'exact', beta: 0, X, y: [0.5, 0.2, 0.3, 0] };
  const answer = { objective: 1, neurons: [{ w: [1, 0], a: 1 }], skip: null };
  const imp = await s.gql(`mutation($input: ImportCasesInput!) { importCases(input: $input) { runs { id } } }`, { input: { name: 'tags', cases: [{ case: theCase, result: answer }] } });
  expect(imp.errors).toBeUndefined();
  const id = imp.data!.importCases.runs[0].id as string;
  const tags = Array.from({ length: 100 }, (_, i) => `t${String(i).padStart(3, '0')}`);
  const results = await Promise.all(tags.map((t) => s.gql(`mutation($id: ID!, $t: String!) { tagRun(id: $id, add: [$t]) { id } }`, { id, t })));
  expect(results.filter((r) => r.errors)).toEqual([]);
  const after = await s.gql(`query($id: ID!) { run(id: $id) { tags } }`, { id });
  expect(after.data!.run.tags).toEqual(tags);
}, 60_000);
