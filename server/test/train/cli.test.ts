/**
 * The CLI through the front door: `rlab train` and `rlab backends` as processes.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

function rlab(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx/esm', 'src/cli/main.ts', ...args], { cwd: serverDir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rlab train', () => {
  it('prints the trained result and the convex solve side by side as one JSON line', () => {
    const r = rlab(['train', '--arch', 'skip', '--n', '30', '--d', '5', '--epochs', '60', '--width', '10', '--sigma', '0.1', '--beta', '1e-6']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.spec.n).toBe(30);
    expect(out.result.backend).toBe('wasm');
    expect(out.result.width).toBe(10);
    expect(out.result.iterations).toBe(60);
    expect(out.result.weightDecay).toBe(1e-6);
    expect(typeof out.result.testError).toBe('number');
    expect(typeof out.convex.comparison.functionGap).toBe('number');
  });

  it('trains on a case file, on the backend named by RLAB_BACKEND', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-train-'));
    const file = join(dir, 'case.json');
    const X = [[1, 0], [0, 1], [1, 1], [-1, 0.5], [0.3, -1], [2, 1]];
    writeFileSync(file, JSON.stringify({ format: 'recovery-case/1', name: 'tiny', architecture: 'skip', program: 'relaxed', X, y: X.map((r) => r[0]! - r[1]!), planted: { neurons: [], skip: [1, -1] } }));
    const r = rlab(['train', '--case', file, '--epochs', '30', '--no-compare'], { RLAB_BACKEND: 'cpu' });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.case).toBe(file);
    expect(out.result.backend).toBe('cpu');
    expect(out.result.width).toBe(7);
    expect(out.convex).toBeUndefined();
  });

  it('exits 2 with a clear message for an unknown or absent backend', () => {
    const bad = rlab(['train', '--arch', 'skip', '--n', '10', '--d', '3', '--backend', 'cuda']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown backend "cuda" (from --backend); allowed: wasm, cpu, tensorflow, webgpu');
    const tfn = rlab(['train', '--arch', 'skip', '--n', '10', '--d', '3', '--backend', 'tensorflow']);
    expect(tfn.code).toBe(2);
    expect(tfn.stderr).toMatch(/tfjs-node.*neither is installed/);
  });
});

describe('rlab backends', () => {
  it('lists the four backends as JSON with the selected one', () => {
    const r = rlab(['backends', '--json'], { RLAB_BACKEND: 'cpu' });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.selected).toBe('cpu');
    expect(out.backends.map((b: { name: string }) => b.name)).toEqual(['wasm', 'cpu', 'tensorflow', 'webgpu']);
  });
});
