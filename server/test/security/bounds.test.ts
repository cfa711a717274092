/**
 * Issue 12 item 9: every text field bounded, names and tags printable, numbers inside what the engine
 * solves. Each refusal names the field and leaves the stored rows exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MAX_BETA } from '@rlab/shared';
import { TEXT_LIMITS } from '@rlab/shared/experiment.ts';
import { startServe, waitForExperiment, type TestServer } from '../api/helpers.ts';

let s: TestServer;
let expId = '';
let runId = '';

/** every row of the tables a mutation could touch, as JSON */
function snapshot(): string {
  const db = new Database(s.dbFile, { readonly: true, timeout: 5000 });
  try {
    return JSON.stringify(['Experiment', 'Run', 'Job', 'Weights'].map((t) => db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  s = await startServe();
  const r = await s.gql(`mutation { createExperiment(input: { name: "bounds", spec: { architecture: "plain", n: [6], d: [2] } }) { id runs { nodes { id } } } }`);
  expId = r.data!.createExperiment.id;
  runId = r.data!.createExperiment.runs.nodes[0].id;
  await waitForExperiment(s, expId);
});
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

const CREATE = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`;
const spec = { architecture: 'plain', n: [6], d: [2] };

async function refused(query: string, variables: Record<string, unknown>, field: string | RegExp, message?: RegExp): Promise<void> {
  const before = snapshot();
  const r = await s.gql(query, variables);
  expect(r.data ?? null, JSON.stringify(r)).toBeNull();
  expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe('BAD_USER_INPUT');
  expect(r.errors![0]!.extensions!.field).toMatch(field);
  if (message) expect(r.errors![0]!.message).toMatch(message);
  expect(snapshot()).toEqual(before);
}

describe('text fields', () => {
  it.each([
    ['a NUL', 'exp\u0000eriment', /U\+0000/],
    ['U+202E (right-to-left override)', 'report\u202Etxt.exe', /bidi control U\+202E/],
    ['U+2066 (isolate)', 'a\u2066b', /U\+2066/],
    ['a newline', 'two\nlines', /U\+000A/],
    ['an escape', 'bell\u001b[31m', /U\+001B/],
    ['a lone surrogate', 'x\uD800y', /surrogate/],
    ['201 characters', 'x'.repeat(201), /201 characters/],
  ])('a name with %s is refused naming input.name', async (_what, name, message) => {
    await refused(CREATE, { input: { name, spec } }, /^input\.name$/, message);
  });

  it('notes on create are capped like annotate (100,000 characters)', async () => {
    await refused(CREATE, { input: { name: 'n', notes: 'x'.repeat(TEXT_LIMITS.notes + 1), spec } }, /^input\.notes$/, /100001 characters/);
    await refused(CREATE, { input: { name: 'n', notes: 'a\u0000b', spec } }, /^input\.notes$/, /U\+0000/);
    await refused(`mutation($id: ID!, $notes: String!) { annotateRun(id: $id, notes: $notes) { id } }`, { id: runId, notes: 'x'.repeat(TEXT_LIMITS.notes + 1) }, /^notes$/);
    await refused(`mutation($id: ID!, $notes: String!) { annotateExperiment(id: $id, notes: $notes) { id } }`, { id: expId, notes: 'a\u202Eb' }, /^notes$/, /U\+202E/);
    // notes keep their lines and tabs
    const ok = await s.gql(`mutation($id: ID!, $notes: String!) { annotateRun(id: $id, notes: $notes) { notes } }`, { id: runId, notes: 'line 1\n\tline 2\r\n' });
    expect(ok.data?.annotateRun.notes).toBe('line 1\n\tline 2\r\n');
  });

  it('tags: count and length bounded, printable only', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `t${i}`);
    await refused(CREATE, { input: { name: 'n', tags: many, spec } }, /^input\.tags$/, /at most 100/);
    await refused(`mutation($id: ID!, $add: [String!]) { tagRun(id: $id, add: $add) { id } }`, { id: runId, add: many }, /^add$/, /at most 100/);
    await refused(`mutation($id: ID!, $add: [String!]) { tagExperiment(id: $id, add: $add) { id } }`, { id: expId, add: ['ok', 'x'.repeat(65)] }, /^add\.1$/);
    await refused(`mutation($id: ID!, $add: [String!]) { tagRun(id: $id, add: $add) { id } }`, { id: runId, add: ['a\u202Eb'] }, /^add\.0$/, /U\+202E/);
    await refused(CREATE, { input: { name: 'n', tags: ['fine', 'nul\u0000'], spec } }, /^input\.tags\.1$/);
    // adding one at a time stops at the limit too
    const fill = await s.gql(`mutation($id: ID!, $add: [String!]) { tagRun(id: $id, add: $add) { tags } }`, { id: runId, add: Array.from({ length: TEXT_LIMITS.tags }, (_, i) => `k${i}`) });
    expect(fill.data?.tagRun.tags).toHaveLength(TEXT_LIMITS.tags);
    await refused(`mutation($id: ID!, $add: [String!]) { tagRun(id: $id, add: $add) { id } }`, { id: runId, add: ['one-more'] }, /^add$/, /101 tags/);
  });
});

describe('numbers the engine cannot solve', () => {
  it.each([
    [{ beta: 1e308 }, 'input.spec.beta'],
    [{ beta: MAX_BETA * 10 }, 'input.spec.beta'],
    [{ beta: -1 }, 'input.spec.beta'],
    [{ sigma: [1e308] }, 'input.spec.sigma.0'],
    [{ n: [1e9] }, 'input.spec.n.0'],
    [{ seed: 2 ** 53 }, 'input.spec.seed'],
    [{ testSize: 1e12 }, 'input.spec.testSize'],
  ])('%o is refused naming %s', async (extra, field) => {
    await refused(CREATE, { input: { name: 'n', spec: { ...spec, ...extra } } }, new RegExp(`^${field.replace(/\./g, '\\.')}$`));
  });

  it('case files: beta and name bounded like specs', async () => {
    const base = { format: 'recovery-case/1', architecture: 'plain', program: 'relaxed', X: [[1, 0], [0, 1], [1, 1]], y: [1, 0, 1] };
    const IMPORT = `mutation($input: ImportCasesInput!) { importCases(input: $input) { runs { id } } }`;
    await refused(IMPORT, { input: { cases: [{ case: { ...base, beta: 1e308 } }] } }, /^input\.cases\.0\.case\.beta$/, /1000000/);
    await refused(IMPORT, { input: { cases: [{ case: { ...base, name: 'a\u202Eb' } }] } }, /^input\.cases\.0\.case\.name$/, /U\+202E/);
  });

  it(`beta at the documented maximum (${MAX_BETA}) runs and ends with a solver answer`, async () => {
    const r = await s.gql(`mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, { input: { name: 'max beta', spec: { ...spec, program: 'relaxed', beta: MAX_BETA } } });
    expect(r.errors).toBeUndefined();
    await waitForExperiment(s, r.data!.createExperiment.id);
    const runs = await s.gql(`query($id: ID!) { experiment(id: $id) { runs { nodes { status objective solverStatus } } } }`, { id: r.data!.createExperiment.id });
    const run = runs.data!.experiment.runs.nodes[0];
    expect(run.status).toBe('done');
    expect(Number.isFinite(run.objective)).toBe(true);
    expect(run.solverStatus).not.toBe("ipm-failed");
  });
});
