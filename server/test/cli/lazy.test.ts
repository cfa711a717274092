/**
 * rlab loads commands lazily: `rlab solve` imports neither TensorFlow.js nor the server (Apollo, Express,
 * GraphQL) nor the store (Prisma, better-sqlite3) nor the queue (BullMQ). Checked by recording every
 * module the process resolves (a module.register hook), not by timing. Help still lists every command.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../..', import.meta.url));
const main = join(server, 'src/cli/main.ts');
const hook = fileURLToPath(new URL('./importLog.mjs', import.meta.url));
const HEAVY = ['@tensorflow/', '@apollo/server', 'express', 'graphql', '@prisma/', 'better-sqlite3', 'bullmq', 'ioredis'];

function rlabImports(args: string[]): { code: number | null; out: string; urls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-imports-'));
  try {
    const log = join(dir, 'imports.txt');
    const r = spawnSync(process.execPath, ['--import', 'tsx/esm', '--import', hook, main, ...args], {
      cwd: server, encoding: 'utf8', timeout: 120_000, env: { ...process.env, RLAB_IMPORT_LOG: log },
    });
    let urls: string[] = [];
    try { urls = readFileSync(log, 'utf8').trim().split('\n'); } catch { /* nothing resolved */ }
    return { code: r.status, out: r.stdout + r.stderr, urls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('rlab loads only the command it runs', () => {
  it('rlab solve imports no training, server, store or queue packages', () => {
    const r = rlabImports(['solve', '--arch', 'plain', '--program', 'relaxed', '--n', '20', '--d', '5', '--seed', '1']);
    expect(r.code, r.out).toBe(0);
    expect(JSON.parse(r.out.trim().split('\n')[0]!)).toHaveProperty('recovered');
    // the hook works: the engine's own modules are in the log
    expect(r.urls.some((u) => u.includes('/src/engine/solve.ts'))).toBe(true);
    const heavy = r.urls.filter((u) => HEAVY.some((h) => u.includes(`/node_modules/${h}`) || u === h || u.startsWith(`node:${h}`)));
    expect(heavy).toEqual([]);
  });

  it('rlab --help still lists every command', () => {
    const r = rlabImports(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['solve', 'export-case', 'sweep', 'train', 'backends', 'serve', 'worker', 'reproduce']) expect(r.out).toContain(`  ${c}`);
    expect(r.urls.some((u) => u.includes('/node_modules/@tensorflow/'))).toBe(true); // the check can fail: help loads them all
  });
});
