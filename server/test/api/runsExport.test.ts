/**
 * The app's runs export (GraphQL `runsExport`) and the REST route /export/runs.csv are one service
 * function: the same bytes for the same filter, the same refusals naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, waitForExperiment, type TestServer } from './helpers.ts';

let s: TestServer;
const EXPORT = `query($filter: RunFilter, $format: ExportFormat) { runsExport(filter: $filter, format: $format) { filename mimeType content rows truncated } }`;

beforeAll(async () => {
  s = await startServe();
  const r = await s.gql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, {
    input: { name: 'export grid', spec: { architecture: 'plain', n: [8, 12], d: [4], sigma: [0, 0.1], trials: 1, seed: 3 } },
  });
  expect(r.errors).toBeUndefined();
  await waitForExperiment(s, r.data!.createExperiment.id);
  // a tag and a note with a comma and a quote, so the CSV quoting is compared too
  const t = await s.gql(`mutation { tagRun(id: "1", add: ["a", "b"]) { id } annotateRun(id: "1", notes: "x, \\"y\\"") { id } }`);
  expect(t.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

async function rest(path: string): Promise<Response> {
  return fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${s.token}` } });
}

describe('runsExport', () => {
  it('CSV equals the REST /export/runs.csv body for the same filter', async () => {
    for (const filter of [null, { n: { min: 10 } }, { sigma: { max: 0 } }]) {
      const q = await s.gql(EXPORT, { filter, format: 'CSV' });
      expect(q.errors).toBeUndefined();
      const file = q.data!.runsExport;
      const res = await rest(`/export/runs.csv${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="runs.csv"');
      const body = await res.text();
      expect(file.content).toBe(body);
      expect(file).toMatchObject({ filename: 'runs.csv', mimeType: 'text/csv', truncated: false });
      expect(file.rows).toBe(body.trim().split('\n').length - 1);
    }
    const all = (await s.gql(EXPORT, {})).data!.runsExport;
    expect(all.rows).toBe(4);
    expect(all.content.split('\n')[0]).toMatch(/^id,experimentId,trial,status,/);
    expect(all.content).toContain('a;b');
  });

  it('JSON equals the REST /export/runs.json body', async () => {
    const file = (await s.gql(EXPORT, { format: 'JSON' })).data!.runsExport;
    expect(file).toMatchObject({ filename: 'runs.json', mimeType: 'application/json', rows: 4 });
    expect(file.content).toBe(await (await rest('/export/runs.json')).text());
  });

  it('refuses a bad filter naming the field', async () => {
    const q = await s.gql(EXPORT, { filter: { n: { min: 5, max: 1 } } });
    expect(q.data ?? null).toBeNull();
    expect(q.errors?.[0]?.extensions?.field).toBe('filter.n');
    const unknown = await s.gql(EXPORT, { filter: { nope: 1 } });
    expect(unknown.errors?.[0]?.message).toMatch(/filter.*nope/s);
  });
});
