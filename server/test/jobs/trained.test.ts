/**
 * Experiments with trained networks go through the job system like convex ones: method "both" stores
 * every trial twice on the same data (a convex run and a trained run), and the comparison of the two
 * selections is a GraphQL query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, waitForExperiment, type TestServer } from '../api/helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServe();
});
afterAll(async () => {
  await s.stop();
  s.cleanup();
});

describe('method both through the job system', () => {
  it('stores one convex and one trained run per trial, the trained one with a tfjs backend and its network', async () => {
    const c = await s.gql(
      `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id method progress { total } } }`,
      { input: { name: 'both', spec: { architecture: 'skip', program: 'relaxed', n: [20, 40], d: [4], trials: 2, method: 'both' } } },
    );
    expect(c.errors).toBeUndefined();
    const id = c.data!.createExperiment.id;
    expect(c.data!.createExperiment.method).toBe('both');
    expect(c.data!.createExperiment.progress.total).toBe(8);
    const done = await waitForExperiment(s, id, 120_000);
    expect(done.progress.done).toBe(8);
    const runs = await s.gql(`query($id: ID!) { experiment(id: $id) { runs(first: 50) { nodes { id method backend n seed status testError iterations } } } }`, { id });
    const nodes = runs.data!.experiment.runs.nodes as { id: string; method: string; backend: string; n: number; seed: number; status: string; testError: number; iterations: number }[];
    const convex = nodes.filter((r) => r.method === 'convex');
    const trained = nodes.filter((r) => r.method === 'train');
    expect(convex.length).toBe(4);
    expect(trained.length).toBe(4);
    for (const t of trained) {
      expect(t.status).toBe('done');
      expect(t.backend).toMatch(/tfjs/);
      expect(t.iterations).toBeGreaterThan(0); // epochs
      // the same data as a convex run of the same cell and trial
      expect(convex.some((r) => r.n === t.n && r.seed === t.seed)).toBe(true);
    }
    const one = await s.gql(`query($id: ID!) { run(id: $id) { method lossCurve { epoch loss } recoveredNetwork { neurons skip checksumOk } plantedNetwork { skip } } }`, { id: trained[0]!.id });
    expect(one.errors, JSON.stringify(one.errors)).toBeUndefined();
    expect(one.data!.run.recoveredNetwork.skip).toHaveLength(4);
    expect(one.data!.run.recoveredNetwork.checksumOk).toBe(true);
    expect(one.data!.run.recoveredNetwork.neurons).toBeGreaterThan(0);
    expect(one.data!.run.plantedNetwork.skip).toHaveLength(4);
    // the sampled loss curve is stored and served, decreasing overall
    const curve = one.data!.run.lossCurve as { epoch: number; loss: number }[];
    expect(curve.length).toBeGreaterThan(5);
    expect(curve[curve.length - 1]!.loss).toBeLessThan(curve[0]!.loss);
    const convexRun = await s.gql(`query($id: ID!) { run(id: $id) { lossCurve { epoch } } }`, { id: convex[0]!.id });
    expect(convexRun.data!.run.lossCurve).toBeNull();
  });

  it('trains on the backend the spec names, and rejects an unknown one by field without writing', async () => {
    const c = await s.gql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, {
      input: { name: 'cpu', spec: { architecture: 'skip', program: 'relaxed', n: [20], d: [3], trials: 1, method: 'train', backend: 'cpu' } },
    });
    expect(c.errors).toBeUndefined();
    const id = c.data!.createExperiment.id;
    const done = await waitForExperiment(s, id, 120_000);
    expect(done.progress.done).toBe(1);
    const runs = await s.gql(`query($id: ID!) { experiment(id: $id) { runs { nodes { method backend status } } } }`, { id });
    expect(runs.data!.experiment.runs.nodes).toEqual([{ method: 'train', backend: 'tfjs-cpu', status: 'done' }]);
    const before = await s.gql(`{ experiments { totalCount } }`);
    const bad = await s.gql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, {
      input: { name: 'bad', spec: { architecture: 'skip', n: [20], d: [3], method: 'train', backend: 'cuda' } },
    });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.spec.backend');
    const after = await s.gql(`{ experiments { totalCount } }`);
    expect(after.data!.experiments.totalCount).toBe(before.data!.experiments.totalCount);
  });
});
