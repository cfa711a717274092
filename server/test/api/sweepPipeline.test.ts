/**
 * One path from spec to stored run (issue 13): `rlab sweep ... --db FILE` is a client of the server's own
 * pipeline. The same spec and seed, given once as sweep flags and once to createExperiment over GraphQL
 * (another database), store identical runs (n, d, sigma, seed, trial, verdicts, objectives); the API
 * serves the sweep's runs; and the sweep's cells.csv is the API's phaseDiagram of that experiment.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startServe, tempDir, type TestServer } from './helpers.ts';

const SERVER_ROOT = resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** resolves when the experiment has runs and none queued or running (experimentProgress events) */
function finished(s: TestServer, id: string): Promise<void> {
  const client = s.ws();
  return new Promise((ok, fail) => {
    const stop = client.subscribe<{ experimentProgress: { total: number; queued: number; running: number } }>(
      { query: 'subscription($id: ID!) { experimentProgress(experimentId: $id) { total queued running } }', variables: { id } },
      {
        next: (m) => {
          const p = m.data?.experimentProgress;
          if (p && p.total > 0 && p.queued === 0 && p.running === 0) {
            stop();
            ok();
          }
        },
        error: fail,
        complete: () => undefined,
      },
    );
  });
}

/** cells.csv has no quoted fields (numbers and the architecture and program names) */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n').map((l) => l.split(','));
  return lines.map((cols) => Object.fromEntries(header!.map((h, i) => [h, cols[i] ?? ''])));
}

const RUN_FIELDS = 'n d sigma seed trial status method architecture program recovered certificate { nic certified } objective distance testError';
const runKey = (r: { n: number; d: number; sigma: number; seed: number }) => `${r.n}/${r.d}/${r.sigma}/${r.seed}`;

describe('rlab sweep --db and createExperiment share one pipeline', () => {
  const dir = tempDir();
  const sweepDb = join(dir, 'sweep.db');
  const out = join(dir, 'out');
  const spec = { architecture: 'plain', program: 'relaxed', n: [8, 16, 24], d: [4], sigma: [0, 0.1], trials: 2, seed: 7 };

  it('stores identical runs, serves them, and cells.csv is the phaseDiagram of the experiment', async () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx/esm', 'src/cli/main.ts', 'sweep', '--arch', 'plain', '--program', 'relaxed', '--n', '8:8:24', '--d', '4', '--sigma', '0,0.1', '--trials', '2', '--seed', '7', '--db', sweepDb, '--out', out, '--workers', '1', '--no-progress'],
      { cwd: SERVER_ROOT, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/stored as experiment 1 in /);

    // the queue feeds the largest problems first: jobs in order of n max(n, 50) d^2, largest first
    const sql = new Database(sweepDb, { readonly: true });
    try {
      const leased = sql.prepare('SELECT r."n" AS n, r."d" AS d FROM "Job" j JOIN "Run" r ON r."id" = j."runId" ORDER BY j."id"').all() as { n: number; d: number }[];
      const cost = leased.map((r) => r.n * Math.max(r.n, 50) * r.d * r.d);
      expect(leased.length).toBe(12);
      expect(cost).toEqual([...cost].sort((a, b) => b - a));
      expect(leased[0]!.n).toBe(24);
    } finally {
      sql.close();
    }

    // the same spec through the API, on its own database
    const api = await startServe({ dir: join(dir, 'api') });
    cleanups.push(() => api.stop());
    const created = await api.gql<{ createExperiment: { id: string } }>('mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }', { input: { name: 'same spec', spec } });
    expect(created.errors).toBeUndefined();
    const apiId = created.data!.createExperiment.id;
    await finished(api, apiId);
    const viaApi = await api.gql(`query($id: ID!) { experiment(id: $id) { runs(first: 500, orderBy: { field: ID }) { totalCount nodes { ${RUN_FIELDS} } } } }`, { id: apiId });

    // the sweep's database, served
    const served = await startServe({ dir: join(dir, 'served'), dbFile: sweepDb });
    cleanups.push(() => served.stop());
    const exps = await served.gql('{ experiments { nodes { id name method status spec } } }');
    expect(exps.data!.experiments.nodes).toHaveLength(1);
    const e = exps.data!.experiments.nodes[0];
    expect(e.status).toBe('done');
    expect(e.spec).toMatchObject({ architecture: 'plain', program: 'relaxed', n: [8, 16, 24], d: [4], sigma: [0, 0.1], trials: 2, seed: 7, method: 'convex' });
    const viaSweep = await served.gql(`query($id: ID!) { experiment(id: $id) { runs(first: 500, orderBy: { field: ID }) { totalCount nodes { ${RUN_FIELDS} } } } }`, { id: e.id });

    const a = viaApi.data!.experiment.runs;
    const b = viaSweep.data!.experiment.runs;
    expect(a.totalCount).toBe(3 * 1 * 2 * 2);
    expect(b.totalCount).toBe(a.totalCount);
    // one expansion, one order: the same runs with the same ids' order, the same answers
    expect(b.nodes).toEqual(a.nodes);
    expect(new Set(b.nodes.map(runKey)).size).toBe(b.totalCount);
    for (const run of b.nodes) {
      expect(run.status).toBe('done');
      expect(typeof run.objective).toBe('number');
    }

    // cells.csv is the API's phase diagram of the stored experiment (its convex runs, by sigma)
    const phase = await served.gql('query($f: RunFilter) { phaseDiagram(filter: $f, bySigma: true) { cells { n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError } } }', {
      f: { experimentId: [e.id], method: ['convex'] },
    });
    const cells = phase.data!.phaseDiagram.cells as Record<string, number | null>[];
    const rows = parseCsv(readFileSync(join(out, 'cells.csv'), 'utf8'));
    expect(rows).toHaveLength(cells.length);
    expect(cells).toHaveLength(3 * 2);
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    const names: Record<string, string> = { ratio: 'n_over_d', successes: 'recovered', p: 'p_recovered', pLow: 'p_low', pHigh: 'p_high', certifiedCount: 'certified', pCertified: 'p_certified', meanDistance: 'mean_distance', meanTestError: 'mean_test_error' };
    for (const [i, cell] of cells.entries()) {
      const row = rows[i]!;
      expect(row.architecture).toBe('plain');
      expect(row.program).toBe('relaxed');
      for (const [k, v] of Object.entries(cell)) expect(num(row[names[k] ?? k]), `${k} of cell ${i}`).toBe(v);
    }

    // runs.jsonl holds every stored run with its spec
    const lines = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [runKey(l), l.objective, l.recovered])).toEqual(b.nodes.map((n: { n: number; d: number; sigma: number; seed: number; objective: number; recovered: boolean }) => [runKey(n), n.objective, n.recovered]));
    expect(lines[0].spec).toMatchObject({ architecture: 'plain', program: 'relaxed', n: lines[0].n, d: 4, seed: lines[0].seed });
    expect(readFileSync(join(out, 'phase.svg'), 'utf8').startsWith('<svg')).toBe(true);
  }, 300_000);
});
