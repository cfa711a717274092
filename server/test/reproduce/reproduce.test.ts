/**
 * rlab reproduce as a process, at the tiny scale: interrupted with SIGINT mid-run, rerun to completion
 * (resumes: no experiment created twice, every run stored once), rerun again (everything reused), and the
 * report checked for every figure and for the thresholds issue 7 asks for (one ReLU neuron: 50% crossing
 * between 2 d and 3 d; skip/linear: between 1.5 d and 2.5 d).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { plan } from '../../src/reproduce/plan.ts';

const SERVER_ROOT = resolve(import.meta.dirname, '../..');

interface Exit {
  code: number | null;
  err: string;
}

/**
 * The processes still running when the test ends (it failed, or hit the hang guard below): killed then.
 * No process is killed on a clock: on a loaded machine a run is slower, not wrong, and each step waits
 * for its process's exit (the event).
 */
const live = new Set<ChildProcess>();
afterAll(() => {
  for (const c of live) c.kill('SIGKILL');
});

/** only against a hang: far above any run of the tiny scale, even on a loaded 2-core machine */
const HANG_GUARD_MS = 1_800_000;

/** run rlab reproduce; `interruptWhen` sends SIGINT once stderr matches it */
function reproduce(args: string[], interruptWhen?: RegExp): Promise<Exit> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx/esm', 'src/cli/main.ts', 'reproduce', ...args], { cwd: SERVER_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let err = '';
    let sent = false;
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      if (interruptWhen && !sent && interruptWhen.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stdout.resume();
    child.once('error', fail);
    child.once('exit', (code) => {
      live.delete(child);
      ok({ code, err });
    });
  });
}

describe('rlab reproduce --scale tiny', () => {
  it('resumes after an interruption, stores every run once and writes a report with every figure and the thresholds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-reproduce-'));
    const out = join(dir, 'report');
    const db = join(dir, 'rlab.db');
    const args = ['--scale', 'tiny', '--out', out, '--db', db];
    const items = plan('tiny');

    // 1. interrupted once some convex runs have finished
    const first = await reproduce(args, /convex runs [1-9]\d*\//);
    expect(first.err).toMatch(/SIGINT: stopping/);
    expect(first.code).toBe(130);

    // 2. the same command resumes: every experiment is found again, none created twice
    const second = await reproduce(args);
    expect(second.code, second.err).toBe(0);
    expect(second.err).not.toMatch(/": created/);
    expect((second.err.match(/": (resumed|reused)/g) ?? []).length).toBe(items.length);

    const sql = new Database(db, { readonly: true });
    try {
      const exps = sql.prepare(`SELECT "id", "name", "status" FROM "Experiment"`).all() as { id: number; name: string; status: string }[];
      expect(exps.length).toBe(items.length);
      expect(new Set(exps.map((e) => e.name)).size).toBe(items.length);
      for (const e of exps) expect(e.status, e.name).toBe('done');
      const runs = sql.prepare(`SELECT COUNT(*) AS c FROM "Run"`).get() as { c: number };
      const stored = sql.prepare(`SELECT COUNT(*) AS c FROM "JobResult"`).get() as { c: number };
      const done = sql.prepare(`SELECT COUNT(*) AS c FROM "Run" WHERE "status" = 'done'`).get() as { c: number };
      const expected = items.reduce((s, i) => s + new Set(i.spec.n).size * new Set(i.spec.d).size * (i.spec.sigma?.length ?? 1) * (i.spec.trials ?? 1) * (i.spec.method === 'both' ? 2 : 1), 0);
      expect(runs.c).toBe(expected);
      expect(done.c).toBe(expected);
      expect(stored.c).toBe(expected);
      // the training experiment went through the job system: a trained run beside each convex one
      const trained = sql.prepare(`SELECT COUNT(*) AS c FROM "Run" WHERE "method" = 'train' AND "status" = 'done'`).get() as { c: number };
      expect(trained.c).toBeGreaterThan(0);
    } finally {
      sql.close();
    }

    // 3. a third run reuses everything
    const third = await reproduce(args);
    expect(third.code, third.err).toBe(0);
    expect((third.err.match(/": reused/g) ?? []).length).toBe(items.length);
    expect(third.err).toMatch(/training comparison: [1-9]\d* trials, each trained run against its convex run from the store/);

    // the report: every figure as inline SVG, and the thresholds
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      thresholds: Record<string, { c: number | null; low: number | null; high: number | null }>;
      noise: unknown[];
      training: unknown[];
      machine: { cores: number; node: string };
    };
    const figures = [
      'fig-recovery-vs-ratio',
      ...items.filter((i) => i.section === 'phase').map((i) => `fig-phase-${i.key}`),
      ...items.filter((i) => i.section === 'phase' && i.certificate).map((i) => `fig-cert-${i.key}`),
      'fig-data-vs-ratio',
      ...items.filter((i) => i.section === 'distribution').map((i) => `fig-${i.key}`),
      'fig-noise-distance',
      'fig-noise-test-error',
      'fig-train-distance',
      'fig-train-gap',
    ];
    for (const id of figures) expect(html, id).toMatch(new RegExp(`<figure id="${id}"><svg[\\s\\S]*?</svg><figcaption>`));
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('What agreed and what did not');
    expect(html).toContain(summary.machine.node);

    const relu = summary.thresholds['relu-plain-exact']!;
    const skip = summary.thresholds['linear-skip-relaxed']!;
    expect(relu.c).toBeGreaterThanOrEqual(2);
    expect(relu.c).toBeLessThanOrEqual(3);
    expect(skip.c).toBeGreaterThanOrEqual(1.5);
    expect(skip.c).toBeLessThanOrEqual(2.5);
    for (const t of [relu, skip]) {
      expect(t.low!).toBeLessThanOrEqual(t.c!);
      expect(t.high!).toBeGreaterThanOrEqual(t.c!);
      expect(html).toContain(`n = <b>${t.c!.toFixed(2)}</b> d`);
      expect(html).toContain(`[${t.low!.toFixed(2)}, ${t.high!.toFixed(2)}]`);
    }
    expect(summary.noise.length).toBeGreaterThan(0);
    expect(summary.training.length).toBeGreaterThan(0);
  }, HANG_GUARD_MS);

  it('--only runs the named experiments alone (a paper-scale run split over sessions), and names the allowed keys for an unknown one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-reproduce-only-'));
    const out = join(dir, 'report');
    const db = join(dir, 'rlab.db');
    const bad = await reproduce(['--scale', 'tiny', '--only', 'normalized-k1,nope', '--out', out, '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--only "normalized-k1,nope": "nope" is not an experiment; allowed: relu-plain-exact, .*normalized-k1/);

    const args = ['--scale', 'tiny', '--only', 'normalized-k1', '--out', out, '--db', db];
    const run = await reproduce(args);
    expect(run.code, run.err).toBe(0);
    expect((run.err.match(/": created/g) ?? []).length).toBe(1);
    expect(run.err).toMatch(/reproduce: normalized-k1 n = \d/);
    const item = plan('tiny').find((i) => i.key === 'normalized-k1')!;
    const sql = new Database(db, { readonly: true });
    try {
      const exps = sql.prepare(`SELECT "name", "status" FROM "Experiment"`).all() as { name: string; status: string }[];
      expect(exps.map((e) => e.status)).toEqual(['done']);
      expect(exps[0]!.name).toMatch(/^reproduce tiny: normalized-k1 \[/);
      const runs = sql.prepare(`SELECT COUNT(*) AS c FROM "Run" WHERE "status" = 'done'`).get() as { c: number };
      expect(runs.c).toBe(new Set(item.spec.n).size * new Set(item.spec.d).size * (item.spec.trials ?? 1));
    } finally {
      sql.close();
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { only: string[] | null; thresholds: Record<string, { c: number | null }>; experiments: { key: string }[] };
    expect(summary.only).toEqual(['normalized-k1']);
    expect(Object.keys(summary.thresholds)).toEqual(['normalized-k1']);
    expect(summary.thresholds['normalized-k1']!.c).not.toBeNull();
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('this report covers those experiments alone');

    // rerun: the experiment is found again by its name, not redone
    const again = await reproduce(args);
    expect(again.code, again.err).toBe(0);
    expect(again.err).toMatch(/normalized-k1 \[[0-9a-f]+\]": reused/);
  }, HANG_GUARD_MS);
});
