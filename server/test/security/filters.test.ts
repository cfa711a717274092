/**
 * Issue 12 item 5: filters that hit SQLite's limits used to come back as INTERNAL_SERVER_ERROR
 * ("Expression tree is too large", "too many SQL variables"), and the export routes answered 500 to a
 * string where the SDL has a list. Against a real server on a temp SQLite file with a few stored runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, waitForExperiment, type TestServer } from '../api/helpers.ts';

let s: TestServer;
let expId = '';
beforeAll(async () => {
  s = await startServe();
  const r = await s.gql(`mutation { createExperiment(input: { name: "filters", spec: { architecture: "plain", n: [6, 8], d: [2], trials: 2 } }) { id } }`);
  expId = r.data!.createExperiment.id;
  await waitForExperiment(s, expId);
});
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

const RUNS = `query($filter: RunFilter) { runs(filter: $filter, first: 10) { totalCount nodes { id } } }`;
const PHASE = `query($filter: RunFilter) { phaseDiagram(filter: $filter) { cells { n d trials } } }`;

describe('SQLite limits are bad input naming the field', () => {
  it.each([
    ['1,200 and items', { and: Array.from({ length: 1200 }, () => ({ n: { min: 1 } })) }, 'filter.and'],
    ['40 or items with 1,000 in values each', { or: Array.from({ length: 40 }, () => ({ n: { in: Array.from({ length: 1000 }, (_, i) => i) } })) }, /^filter\.or\.\d+\.n\.in$/],
    ['100 and items of 11 conditions each', { and: Array.from({ length: 100 }, () => ({ n: { min: 1, max: 9 }, d: { min: 1, max: 9 }, sigma: { min: 0, max: 1 }, beta: { min: 0, max: 1 }, seed: { min: 0, max: 100 }, recovered: true })) }, /^filter\.and\.\d+\./],
    ['a 2,000-value list', { status: Array.from({ length: 2000 }, () => 'done') }, 'filter.status'],
  ])('%s', async (_name, filter, field) => {
    for (const q of [RUNS, PHASE]) {
      const r = await s.gql(q, { filter });
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.field).toMatch(field);
      expect(r.errors![0]!.message).toMatch(/at most/);
    }
  });

  it('large filters inside the limits still run (a balanced expression tree)', async () => {
    const many = { and: Array.from({ length: 100 }, () => ({ n: { min: 1, max: 9 }, d: { min: 1 } })) };
    const r = await s.gql(RUNS, { filter: many });
    expect(r.errors).toBeUndefined();
    expect(r.data!.runs.totalCount).toBe(4);
    const wide = { or: Array.from({ length: 9 }, (_, k) => ({ n: { in: Array.from({ length: 1000 }, (_, i) => i * 9 + k) } })) };
    const w = await s.gql(RUNS, { filter: wide });
    expect(w.errors).toBeUndefined();
    expect(w.data!.runs.totalCount).toBe(4);
  });
});

describe('export routes take the same filters as the API', () => {
  const get = (q: string) => fetch(`${s.base}/export/runs.json?${q}`, { headers: { authorization: `Bearer ${s.token}` } });

  it.each([
    ['filter={"status":"done"}', 4],
    [`filter={"experimentId":"${'EXP'}"}`, 4],
    ['filter={"status":["done"],"n":{"min":7}}', 2],
    ['filter={"experimentId":"4242"}', 0],
  ])('%s', async (q, count) => {
    const res = await get(q.replace('EXP', expId).replace(/filter=(.*)$/, (_m, f: string) => `filter=${encodeURIComponent(f)}`));
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(count);
  });

  it.each([
    ['{"status":"finished"}', 'filter.status'],
    ['{"n":{"min":"x"}}', 'filter.n.min'],
    ['{"nope":1}', 'filter'],
    ['{"experimentId":"abc"}', 'filter.experimentId.0'],
    ['[1,2]', 'filter'],
    ['{"and":[{"or":[{"not":{"and":[{"or":[{"not":{"n":{"min":1}}}]}]}}]}]}', 'filter.and.0.or.0.not.and.0.or.0'],
  ])('refuses %s naming %s', async (f, field) => {
    const res = await get(`filter=${encodeURIComponent(f)}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(body.errors[0].extensions.field.startsWith(field)).toBe(true);
  });

  it('refuses a filter given twice', async () => {
    const res = await get('filter=%7B%7D&filter=%7B%7D');
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.field).toBe('filter');
  });
});
