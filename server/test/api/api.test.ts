/**
 * The GraphQL API through the front door: `rlab serve` on a temp SQLite file, HTTP and graphql-ws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServe, waitForExperiment, type TestServer } from './helpers.ts';

let s: TestServer;
let expId = '';

const RUN_FIELDS = `id experimentId n d sigma seed trial status recovered distance testError objective activeNeurons iterations timeMs
  certificate { nic kind certified } tags notes createdAt startedAt finishedAt`;

function countRows(table: string): number {
  const db = new Database(s.dbFile, { readonly: true, timeout: 5000 });
  try {
    return (db.prepare(`SELECT COUNT(*) AS c FROM "${table}"`).get() as { c: number }).c;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  s = await startServe();
});
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

describe('token', () => {
  it('rejects requests without the token or with a wrong one (401)', async () => {
    expect((await fetch(`${s.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ workerState { executor } }"}' })).status).toBe(401);
    expect((await fetch(`${s.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{"query":"{ workerState { executor } }"}' })).status).toBe(401);
    expect((await fetch(`${s.base}/`)).status).toBe(401);
    expect((await fetch(`${s.base}/export/runs.csv`)).status).toBe(401);
  });

  it('accepts ?token= on the page and sets a cookie the page keeps', async () => {
    const res = await fetch(`${s.base}/?token=${s.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('rlab_token=');
    expect(cookie.toLowerCase()).toContain('httponly');
    const again = await fetch(`${s.base}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(again.status).toBe(200);
  });

  it('refuses a websocket without the token', async () => {
    const WebSocket = (await import('ws')).default;
    const code = await new Promise<number>((ok) => {
      const ws = new WebSocket(`${s.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
      ws.on('error', () => ok(-1));
    });
    expect(code).toBe(401);
  });
});

describe('experiments and runs', () => {
  it('createExperiment creates runs and jobs, and experimentProgress/runFinished stream over graphql-ws', async () => {
    const client = s.ws();
    const finished: any[] = [];
    const progress: any[] = [];
    const unsubRuns = client.subscribe({ query: 'subscription { runFinished { id n d status recovered } }' }, { next: (v) => void finished.push(v.data?.runFinished), error: () => undefined, complete: () => undefined });
    // subscribe to progress of experiment 1 before it exists (ids start at 1 on a fresh database)
    const unsubProgress = client.subscribe({ query: 'subscription { experimentProgress(experimentId: "1") { experimentId total done status } }' }, { next: (v) => void progress.push(v.data?.experimentProgress), error: () => undefined, complete: () => undefined });
    await new Promise((ok) => setTimeout(ok, 300));
    const r = await s.gql(
      `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id name tags status spec method progress { total queued } } }`,
      { input: { name: 'plain grid', tags: ['clean'], spec: { architecture: 'plain', n: [8, 24], d: [4], sigma: [0, 0.1], trials: 2, seed: 5 } } },
    );
    expect(r.errors).toBeUndefined();
    const e = r.data!.createExperiment;
    expId = e.id;
    expect(e.id).toBe('1');
    expect(e.tags).toEqual(['clean']);
    expect(e.progress.total).toBe(8);
    expect(e.spec.trials).toBe(2);
    expect(countRows('Job')).toBe(8);
    const done = await waitForExperiment(s, expId);
    expect(done.progress.done + done.progress.failed).toBe(8);
    expect(done.status).toBe('done');
    await new Promise((ok) => setTimeout(ok, 300));
    expect(finished.length).toBe(8);
    expect(finished[0]).toMatchObject({ status: 'done' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toMatchObject({ experimentId: '1', total: 8, done: 8, status: 'done' });
    unsubRuns();
    unsubProgress();
  });

  it('lists experiments and runs with AND/OR filters, sorting and cursor pagination', async () => {
    const ex = await s.gql(`{ experiments(filter: { tag: "clean" }) { totalCount nodes { id name } pageInfo { hasNextPage } } }`);
    expect(ex.data!.experiments.totalCount).toBe(1);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const r: any = await s.gql(`query($after: String) { runs(first: 3, after: $after, orderBy: { field: N, direction: DESC }) { totalCount pageInfo { endCursor hasNextPage } nodes { id n } } }`, { after });
      expect(r.errors).toBeUndefined();
      expect(r.data.runs.totalCount).toBe(8);
      seen.push(...r.data.runs.nodes.map((n: any) => n.id));
      const ns = r.data.runs.nodes.map((n: any) => n.n);
      expect([...ns].sort((a: number, b: number) => b - a)).toEqual(ns);
      after = r.data.runs.pageInfo.hasNextPage ? r.data.runs.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);

    const filtered = await s.gql(`{ runs(filter: { n: { eq: 24 }, or: [{ sigma: { max: 0 } }, { trial: { eq: 1 } }] }, first: 50) { totalCount nodes { n sigma trial } } }`);
    const nodes = filtered.data!.runs.nodes as any[];
    expect(filtered.data!.runs.totalCount).toBe(3);
    for (const n of nodes) expect(n.n === 24 && (n.sigma === 0 || n.trial === 1)).toBe(true);

    const byMetric = await s.gql(`{ runs(filter: { distance: { max: 1e-3 }, recovered: true, architecture: ["plain"] }) { nodes { distance recovered } } }`);
    for (const n of byMetric.data!.runs.nodes as any[]) expect(n.distance).toBeLessThanOrEqual(1e-3);

    const sorted = await s.gql(`{ runs(orderBy: { field: DISTANCE, direction: ASC }) { nodes { distance } } }`);
    const ds = (sorted.data!.runs.nodes as any[]).map((n) => n.distance as number);
    expect([...ds].sort((a, b) => a - b)).toEqual(ds);
  });

  it('run(id) returns the planted and recovered networks with checksums', async () => {
    const r = await s.gql(`{ runs(first: 1, filter: { recovered: true }) { nodes { id } } }`);
    const id = r.data!.runs.nodes[0].id;
    const one = await s.gql(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} experiment { id name } plantedNetwork { role neurons d w a skip checksum checksumOk } recoveredNetwork { role neurons d w a checksumOk } } }`, { id });
    expect(one.errors).toBeUndefined();
    const run = one.data!.run;
    expect(run.experiment.id).toBe(expId);
    expect(run.plantedNetwork).toMatchObject({ role: 'planted', neurons: 1, d: 4, checksumOk: true });
    expect(run.plantedNetwork.w[0]).toHaveLength(4);
    expect(run.recoveredNetwork.checksumOk).toBe(true);
    expect(run.certificate.kind).toBeTruthy();
    expect(Date.parse(run.createdAt)).toBeLessThanOrEqual(Date.parse(run.finishedAt));
    expect(Number.isNaN(Date.parse(run.startedAt))).toBe(false);
    expect((await s.gql(`{ run(id: "99999") { id } }`)).data!.run).toBeNull();
  });

  it('phaseDiagram, transitionEstimate and compareRecovery', async () => {
    const pd = await s.gql(`{ phaseDiagram(filter: { experimentId: ["${expId}"] }, bySigma: true) { trials cells { n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError } } }`);
    expect(pd.errors).toBeUndefined();
    const cells = pd.data!.phaseDiagram.cells as any[];
    expect(cells).toHaveLength(4);
    for (const c of cells) {
      expect(c.trials).toBe(2);
      expect(c.pLow).toBeLessThanOrEqual(c.p);
      expect(c.pHigh).toBeGreaterThanOrEqual(c.p);
      expect(c.p).toBeCloseTo(c.successes / c.trials);
    }
    const flat = await s.gql(`{ phaseDiagram { cells { n d sigma trials } } }`);
    expect(flat.data!.phaseDiagram.cells).toHaveLength(2);
    expect(flat.data!.phaseDiagram.cells[0].sigma).toBeNull();

    const te = await s.gql(`{ transitionEstimate(level: 0.5) { c low high level method cells trials note } }`);
    expect(te.errors).toBeUndefined();
    expect(te.data!.transitionEstimate).toMatchObject({ level: 0.5, cells: 2, trials: 8 });
    expect(['logistic', 'interpolation', 'none']).toContain(te.data!.transitionEstimate.method);

    const cmp = await s.gql(`{ compareRecovery(a: { sigma: { max: 0 } }, b: { sigma: { min: 0.05 } }) { cells { n d a { p trials } b { p trials } diff diffLow diffHigh } } }`);
    expect(cmp.errors).toBeUndefined();
    const cc = cmp.data!.compareRecovery.cells as any[];
    expect(cc).toHaveLength(2);
    for (const c of cc) {
      expect(c.diff).toBeCloseTo(c.a.p - c.b.p);
      expect(c.diffLow).toBeLessThanOrEqual(c.diff);
    }
  });

  it('jobs and worker state', async () => {
    const r = await s.gql(`{ jobs(experimentId: "${expId}", status: [done, failed], first: 5) { totalCount nodes { id runId status attempts } pageInfo { hasNextPage } } workerState { executor started concurrency queued active processed } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.jobs.totalCount).toBe(8);
    expect(r.data!.jobs.nodes).toHaveLength(5);
    expect(r.data!.jobs.pageInfo.hasNextPage).toBe(true);
    expect(r.data!.workerState).toMatchObject({ started: true, queued: 0, active: 0 });
    expect(r.data!.workerState.concurrency).toBeGreaterThanOrEqual(1); // the local pool: one compute process per core by default
    expect(r.data!.workerState.processed).toBeGreaterThanOrEqual(8);
  });

  it('tags and annotates experiments and runs', async () => {
    const t = await s.gql(`mutation { tagExperiment(id: "${expId}", add: ["paper", "fig2"], remove: ["clean"]) { tags } annotateExperiment(id: "${expId}", notes: "first grid") { notes } }`);
    expect(t.data!.tagExperiment.tags).toEqual(['fig2', 'paper']);
    expect(t.data!.annotateExperiment.notes).toBe('first grid');
    const r = await s.gql(`mutation { tagRun(id: "1", add: ["outlier"]) { tags } annotateRun(id: "1", notes: "look") { notes } }`);
    expect(r.data!.tagRun.tags).toEqual(['outlier']);
    const f = await s.gql(`{ runs(filter: { tag: "outlier" }) { totalCount } }`);
    expect(f.data!.runs.totalCount).toBe(1);
  });

  it('retryFailed re-runs failed runs', async () => {
    // mark one run failed behind the server's back, as a crashed worker would leave it
    const db = new Database(s.dbFile, { timeout: 5000 });
    db.prepare(`UPDATE "Run" SET status = 'failed', error = 'boom' WHERE id = 2`).run();
    // ... after using up its tries: a retry must start afresh, not fail again at once
    db.prepare(`UPDATE "Job" SET status = 'failed', error = 'boom', attempts = 3 WHERE runId = 2`).run();
    db.close();
    const r = await s.gql(`mutation { retryFailed(experimentId: "${expId}") { retried experiment { id } } }`);
    expect(r.data!.retryFailed.retried).toBe(1);
    await waitForExperiment(s, expId);
    const run = await s.gql(`{ run(id: "2") { status error } }`);
    expect(run.data!.run).toEqual({ status: 'done', error: null });
  });

  it('cancelExperiment cancels queued runs; deleteExperiment removes runs, weights and jobs', async () => {
    const c = await s.gql(`mutation { createExperiment(input: { name: "big", spec: { architecture: "skip", n: [30, 40, 50], d: [5], trials: 20 } }) { id } }`);
    const id = c.data!.createExperiment.id;
    const x = await s.gql(`mutation { cancelExperiment(id: "${id}") { status progress { cancelled total } } }`);
    expect(x.data!.cancelExperiment.status).toBe('cancelled');
    expect(x.data!.cancelExperiment.progress.cancelled).toBeGreaterThan(50);
    const before = countRows('Weights');
    const d = await s.gql(`mutation { deleteExperiment(id: "${expId}") { id runsDeleted } }`);
    expect(d.data!.deleteExperiment).toEqual({ id: expId, runsDeleted: 8 });
    expect(countRows('Weights')).toBeLessThan(before);
    const db = new Database(s.dbFile, { readonly: true });
    expect((db.prepare(`SELECT COUNT(*) c FROM "Run" WHERE "experimentId" = ?`).get(Number(expId)) as { c: number }).c).toBe(0);
    expect((db.prepare(`SELECT COUNT(*) c FROM "Weights" w LEFT JOIN "Run" r ON r.id = w."runId" WHERE r.id IS NULL`).get() as { c: number }).c).toBe(0);
    expect((db.prepare(`SELECT COUNT(*) c FROM "Job" WHERE "experimentId" = ?`).get(Number(expId)) as { c: number }).c).toBe(0);
    db.close();
    await s.gql(`mutation { deleteExperiment(id: "${id}") { id } }`);
  });

  it('importCases stores case files as runs (solved here, or with a given answer)', async () => {
    const X = [[0.5, 0.1], [-0.3, 0.8], [0.9, -0.4], [-0.7, -0.2], [0.2, 0.6], [0.4, -0.9]];
    const w = [0.6, 0.8];
    const y = X.map((r) => Math.max(0, r[0]! * w[0]! + r[1]! * w[1]!));
    const theCase = { format: 'recovery-case/1', name: 'tiny', architecture: 'plain', program: 'exact', beta: 0, X, y, planted: { neurons: [{ w, a: 1 }], skip: null } };
    const answer = { name: 'tiny', recovered: true, objective: 1, distance: 0, testError: null, activeNeurons: 1, patterns: 3, iterations: 10, timeMs: 1, neurons: [{ w, a: 1 }], skip: null, certificate: { nic: 0.5 } };
    const r = await s.gql(`mutation($input: ImportCasesInput!) { importCases(input: $input) { experiment { id method status } runs { id source caseName n d status objective certificate { certified } recoveredNetwork { w } } } }`, {
      input: { name: 'imported', cases: [{ case: theCase }, { case: theCase, result: answer }] },
    });
    expect(r.errors).toBeUndefined();
    const runs = r.data!.importCases.runs as any[];
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ source: 'case', caseName: 'tiny', n: 6, d: 2, status: 'done' });
    expect(runs[1].certificate.certified).toBe(true);
    expect(runs[1].recoveredNetwork.w).toEqual([w]);
  });

  it('exports runs and phase diagrams as CSV and JSON', async () => {
    const auth = { authorization: `Bearer ${s.token}` };
    const csv = await fetch(`${s.base}/export/runs.csv?filter=${encodeURIComponent(JSON.stringify({ source: ['case'] }))}`, { headers: auth });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^id,experimentId,trial,status/);
    expect(lines).toHaveLength(3);
    const json = await fetch(`${s.base}/export/runs.json`, { headers: auth });
    expect(Array.isArray(await json.json())).toBe(true);
    const phase = await fetch(`${s.base}/export/phase.csv?bySigma=1`, { headers: auth });
    expect((await phase.text()).split('\n')[0]).toBe(
      'n,d,sigma,ratio,trials,successes,p,pLow,pHigh,certifiedCount,pCertified,meanDistance,meanTestError,meanRelDistance,medianRelDistance,q25RelDistance,q75RelDistance,approxCount,pApprox,pApproxLow,pApproxHigh,meanCosine,supportCount,pSupport',
    );
    const pj = await fetch(`${s.base}/export/phase.json`, { headers: auth });
    expect(Array.isArray(await pj.json())).toBe(true);
    const bad = await fetch(`${s.base}/export/runs.csv?filter=${encodeURIComponent('{"n":{"min":5,"max":1}}')}`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.field).toBe('filter.n');
  });
});

describe('bad input', () => {
  it('names the field and writes nothing', async () => {
    const before = { e: countRows('Experiment'), r: countRows('Run'), j: countRows('Job') };
    const cases: [Record<string, unknown>, string][] = [
      [{ architecture: 'plain', n: [10], d: [4], data: 'cubes' }, 'input.spec.data'],
      [{ architecture: 'deep', n: [10], d: [4] }, 'input.spec.architecture'],
      [{ architecture: 'plain', n: [0], d: [4] }, 'input.spec.n.0'],
      [{ architecture: 'plain', n: [10], d: [], trials: 1 }, 'input.spec.d'],
      [{ architecture: 'plain', n: [10], d: [4], sigma: [-1] }, 'input.spec.sigma.0'],
      [{ architecture: 'plain', n: [10, 20, 30, 40, 50], d: [4, 5, 6, 7, 8], trials: 5000 }, 'input.spec.trials'],
      [{ architecture: 'plain', n: [10], d: [4], planted: { kind: 'relu', k: 99 } }, 'input.spec.planted.k'],
    ];
    for (const [spec, field] of cases) {
      const r = await s.gql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, { input: { name: 'bad', spec } });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.errors![0]!.message).toContain(field);
    }
    const blank = await s.gql(`mutation { createExperiment(input: { name: "  ", spec: { architecture: "plain", n: [10], d: [4] } }) { id } }`);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const badCase = await s.gql(`mutation($input: ImportCasesInput!) { importCases(input: $input) { runs { id } } }`, {
      input: { cases: [{ case: { format: 'recovery-case/1', architecture: 'plain', program: 'exact', X: [[1, 2]], y: [1, 2] } }] },
    });
    expect(badCase.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cases.0.case.y' });
    const badFilter = await s.gql(`{ runs(filter: { architecture: ["deep"] }) { nodes { id } } }`);
    expect(badFilter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.architecture.0' });
    const badId = await s.gql(`{ experiment(id: "abc") { id } }`);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const missing = await s.gql(`mutation { cancelExperiment(id: "4242") { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect({ e: countRows('Experiment'), r: countRows('Run'), j: countRows('Job') }).toEqual(before);
  });
});

describe('limits', () => {
  it('caps the page size', async () => {
    const r = await s.gql(`{ runs(first: 501) { nodes { id } } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses deep, aliased and costly queries before running them', async () => {
    const deep = await s.gql(`{ runs { nodes { experiment { runs { nodes { experiment { runs { nodes { experiment { runs { nodes { id } } } } } } } } } } } }`);
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const aliases = await s.gql(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: workerState { queued }`).join(' ')} }`);
    expect(aliases.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const costly = await s.gql(`{ experiments(first: 500) { nodes { runs(first: 500) { nodes { id plantedNetwork { w } } } } } }`);
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('has CSRF prevention on', async () => {
    const res = await fetch(`${s.base}/graphql?query=${encodeURIComponent('{ workerState { queued } }')}`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('masks internal errors', async () => {
    // a corrupt row makes a resolver throw a SyntaxError: the client sees only the code
    const db = new Database(s.dbFile, { timeout: 5000 });
    const id = db.prepare(`INSERT INTO "Experiment" (name, spec, specHash, createdAt, updatedAt) VALUES ('corrupt', '{not json', 'x', ?, ?)`).run(new Date().toISOString(), new Date().toISOString()).lastInsertRowid;
    db.close();
    const broken = await s.gql(`{ experiment(id: "${id}") { name spec } }`);
    expect(broken.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(broken)).not.toMatch(/SyntaxError|JSON|\.ts/);

    const r = await s.gql(`{ runs(after: "${Buffer.from('[1]').toString('base64url')}") { nodes { id } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r)).not.toMatch(/stack|at .*\.ts/);
  });
});
