/**
 * Fuzz suite (issue 12): generated GraphQL operations, inputs and raw HTTP requests against a real
 * `rlab serve` on a temp SQLite file. For every request:
 * - no 500 and no INTERNAL_SERVER_ERROR (every failure is the client's, with a stable code);
 * - an answer within LIVENESS_MS (a hung server fails the assertion; this is not a speed goal);
 * - stored data unchanged by every refused request (every row of every table before and after).
 * Accepted mutations are allowed to write; the suite waits until their runs are finished and takes a
 * new snapshot. Generated values stay either small (cheap to solve) or outside the allowed ranges, so
 * accepted experiments finish quickly. Run counts are fixed (a few hundred requests in all) and the seed
 * is printed by fast-check on failure; FUZZ_SEED=<n> replays it, FUZZ_RUNS scales the counts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { SDL_PATH } from '../../src/graphql/schema.ts';
import { startServe, waitForExperiment, type TestServer } from '../api/helpers.ts';

const LIVENESS_MS = 30_000;
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** vitest's per-test budget, raised: each request has its own liveness bound, and a loaded machine is slow */
const SUITE_TIMEOUT = { timeout: 900_000 };
const fcOptions = (numRuns: number) => ({ numRuns: runs(numRuns), ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true });

let s: TestServer;
let schema: GraphQLSchema;
let expId = '';
let runId = '';
let snapshot = '';

// ---------------------------------------------------------------- the database and the server

const TABLES = ['Experiment', 'Run', 'Job', 'Weights'];

function readSnapshot(): string {
  const db = new Database(s.dbFile, { readonly: true, timeout: 10_000 });
  try {
    return JSON.stringify(TABLES.map((t) => db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()));
  } finally {
    db.close();
  }
}

function openWork(): number {
  const db = new Database(s.dbFile, { readonly: true, timeout: 10_000 });
  try {
    const runsOpen = (db.prepare(`SELECT COUNT(*) AS c FROM "Run" WHERE status IN ('queued', 'running')`).get() as { c: number }).c;
    const expsOpen = (db.prepare(`SELECT COUNT(*) AS c FROM "Experiment" WHERE status IN ('queued', 'running')`).get() as { c: number }).c;
    return runsOpen + expsOpen;
  } finally {
    db.close();
  }
}

/** after an accepted mutation: wait until every run it queued is finished, then snapshot again */
async function settle(): Promise<void> {
  for (let i = 0; openWork() > 0; i++) {
    if (i > 6000) throw new Error('runs queued by the fuzzer never finished');
    await new Promise((ok) => setTimeout(ok, 50));
  }
  snapshot = readSnapshot();
}

interface Answer {
  status: number;
  contentType: string;
  body: any;
  text: string;
}

async function send(init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const res = await fetch(`${s.base}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    ...(init.body === undefined ? {} : { body: init.body }),
    signal: AbortSignal.timeout(LIVENESS_MS),
  });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, text };
}

function codes(body: any): string[] {
  return Array.isArray(body?.errors) ? body.errors.map((e: any) => String(e?.extensions?.code)) : [];
}

/** the properties every answer must have */
function checkAnswer(a: Answer, what: string): void {
  expect(a.status, `${what}\n-> ${a.text.slice(0, 500)}`).toBeLessThan(500);
  expect(codes(a.body), `${what}\n-> ${a.text.slice(0, 500)}`).not.toContain('INTERNAL_SERVER_ERROR');
  if (a.status >= 400) {
    expect(a.contentType, what).toMatch(/json/);
    expect(a.text, what).not.toMatch(/<html|\bat .*\(.*:\d+:\d+\)|node_modules|\/work\/|\.ts:\d+/i);
  }
}

/**
 * Did the (single) mutation field run and succeed? Then it may have written. It did when it has data,
 * or when an error sits below it (a sub-field's error nulls the whole answer after the mutation ran);
 * it did not when the request was refused as a whole (no path) or the field itself failed (path of one).
 */
function wrote(body: any): boolean {
  const data = body?.data;
  if (data && typeof data === 'object' && Object.values(data).some((v) => v !== null)) return true;
  return Array.isArray(body?.errors) && body.errors.some((e: any) => Array.isArray(e?.path) && e.path.length > 1);
}

/** which rows and columns differ between two snapshots (for the failure message) */
function drift(before: string, after: string): string {
  const b = JSON.parse(before) as Record<string, unknown>[][];
  const a = JSON.parse(after) as Record<string, unknown>[][];
  const out: string[] = [];
  TABLES.forEach((t, i) => {
    if (b[i]!.length !== a[i]!.length) out.push(`${t}: ${b[i]!.length} rows -> ${a[i]!.length}`);
    for (let r = 0; r < Math.min(b[i]!.length, a[i]!.length) && out.length < 5; r++) {
      const x = b[i]![r]!;
      const y = a[i]![r]!;
      for (const k of Object.keys(y)) if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) out.push(`${t} row ${String(y.id ?? r)}.${k}: ${JSON.stringify(x[k])?.slice(0, 80)} -> ${JSON.stringify(y[k])?.slice(0, 80)}`);
    }
  });
  return out.slice(0, 8).join('; ');
}

async function checkStore(a: Answer, isMutation: boolean, what: string): Promise<void> {
  if (isMutation && wrote(a.body)) {
    await settle();
    return;
  }
  const now = readSnapshot();
  if (now !== snapshot) expect.fail(`a refused request or a query changed stored data (${drift(snapshot, now)}): ${what}\n-> ${a.text.slice(0, 300)}`);
}

/** percent-encode any string, lone surrogates included (encodeURIComponent throws on those) */
function pct(v: string): string {
  return [...Buffer.from(v, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** JSON for failure messages, long strings cut */
function short(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 80 ? `${x.slice(0, 40)}...(${x.length} chars)` : x)).slice(0, 600);
}

// ---------------------------------------------------------------- value generators

/** strings: the app's own words (so that some inputs are valid), hostile text, and anything */
// (no 'train'/'both': trained runs cost seconds each, and accepted experiments are run to the end)
const WORDS = ['plain', 'skip', 'normalized', 'exact', 'relaxed', 'gaussian', 'cubic', 'whitened', 'convex', 'relu', 'linear', 'none', 'done', 'queued', 'failed', 'spec', 'case', 'ipm'];
const HOSTILE = ['', ' ', '\u0000', 'a\u202Eb', '\uD800', '"; DROP TABLE "Run"; --', "' OR 1=1 --", '%', '_', '\\', '{}', '[]', 'null', '../../etc/passwd', '<script>alert(1)</script>', 'x'.repeat(300), '1e308', '-1', '0x10'];
const str = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 }));
/**
 * Ints are small (cheap when valid) or large enough to be refused by every size field (n, d, trials,
 * testSize, patternSamples), so an accepted experiment is always a small one: never 5,001 trials.
 */
const int = fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom(-2147483648, 2147483647, 1_000_000, 100_001, 2 ** 31 - 1 - 10_000));
const float = fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constantFrom(0, -0, 1e-308, 5e-324, 1e6, 1e7, 10.5, 1e308, -1e308, 1.7976931348623157e308));
const id = fc.oneof(fc.constantFrom('1', '2', '3', '0', '-1', 'abc', '1.5', '9007199254740993', '99999999999999999999', ''), fc.integer({ min: 1, max: 6 }).map(String));
const json = fc.jsonValue({ maxDepth: 3 });

/** a GraphQL literal (or undefined: leave the argument out) for an input type, at most `depth` objects deep */
function valueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, depth);
  if (isListType(type)) return fc.array(valueOf(type.ofType as GraphQLInputType, depth), { maxLength: 3 });
  if (isEnumType(type)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...type.getValues().map((v) => ({ enum: v.name }))) }, { weight: 1, arbitrary: fc.constantFrom({ enum: 'NOPE' }, 'RECOVERED') });
  if (isInputObjectType(type)) {
    if (depth <= 0) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth - 1)])), { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return int;
      case 'Float':
        return fc.oneof(float, int);
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return id;
      case 'JSON':
        return json;
      case 'DateTime':
        return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), str);
      default:
        return str;
    }
  }
  return fc.constant(null);
}

/** now and then a value of the wrong type altogether */
function argValue(type: GraphQLInputType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: valueOf(type, 3) }, { weight: 1, arbitrary: fc.oneof(str, int, float, fc.constant(null), json) });
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && !Array.isArray(v) && 'enum' in (v as object) && Object.keys(v as object).length === 1) return String((v as { enum: string }).enum);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object') return `{ ${Object.entries(v as object).filter(([, x]) => x !== undefined).map(([k, x]) => `${/^[A-Za-z_]\w*$/.test(k) ? k : '_bad'}: ${literal(x)}`).join(', ')} }`;
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? '-0' : String(v)) : '0';
  return JSON.stringify(v);
}

/** a variable's JSON value: enums as their names */
function variable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(variable);
  if (v && typeof v === 'object') {
    if ('enum' in v && Object.keys(v).length === 1) return (v as { enum: string }).enum;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, variable(x)]));
  }
  return v;
}

// ---------------------------------------------------------------- operation generator

interface Op {
  query: string;
  variables: Record<string, unknown>;
  isMutation: boolean;
}

/** a selection set on an object type: a few fields, some nested, some aliased; `__typename` always */
function selectionOf(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const leaves = fields.filter((f) => !isObjectType(getNamedType(f.type)));
  const nested = depth > 0 ? fields.filter((f) => isObjectType(getNamedType(f.type))) : [];
  const pick = fc.oneof(
    ...(leaves.length ? [fc.constantFrom(...leaves).map((f) => f.name)] : []),
    ...nested.map((f) => selectionOf(getNamedType(f.type) as GraphQLObjectType, depth - 1).map((sel) => `${f.name} ${sel}`)),
  );
  return fc
    .tuple(fc.array(fc.tuple(pick, fc.boolean()), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([items, inline]) => {
      const body = items.map(([sel, alias], i) => (alias ? `a${depth}_${i}: ${sel}` : sel)).join(' ');
      return inline ? `{ __typename ... on ${type.name} { ${body} } }` : `{ __typename ${body} }`;
    });
}

function fieldCall(field: GraphQLField<unknown, unknown>, vars: Map<string, { type: string; value: unknown }>): fc.Arbitrary<string> {
  const args = field.args.map((a: GraphQLArgument) =>
    fc.tuple(fc.constant(a), isNonNullType(a.type) ? argValue(a.type).map((v) => ({ v })) : fc.option(argValue(a.type).map((v) => ({ v })), { nil: undefined }), fc.boolean()),
  );
  const named = getNullableType(field.type);
  const target = getNamedType(named);
  const sel = isObjectType(target) ? selectionOf(target, 2) : fc.constant('');
  return fc.tuple(fc.tuple(...args), sel).map(([argList, selection]) => {
    const parts: string[] = [];
    for (const [a, value, asVariable] of argList) {
      if (!value) continue;
      if (asVariable) {
        const name = `v${vars.size}`;
        vars.set(name, { type: String(a.type), value: variable(value.v) });
        parts.push(`${a.name}: $${name}`);
      } else parts.push(`${a.name}: ${literal(value.v)}`);
    }
    return `${field.name}${parts.length ? `(${parts.join(', ')})` : ''} ${selection}`;
  });
}

function operation(): fc.Arbitrary<Op> {
  const query = schema.getQueryType()!;
  const mutation = schema.getMutationType()!;
  return fc.constantFrom(query, mutation, query).chain((root) => {
    const fields = Object.values(root.getFields());
    // one mutation per document: GraphQL runs them in turn and a later one's error nulls the earlier one's
    // answer, so which of two wrote could not be told from the response
    return fc.array(fc.constantFrom(...fields), { minLength: 1, maxLength: root === mutation ? 1 : 2 }).chain((chosen) => {
      const vars = new Map<string, { type: string; value: unknown }>();
      return fc.tuple(...chosen.map((f) => fieldCall(f, vars))).map((calls) => {
        const decl = vars.size ? `(${[...vars].map(([n, v]) => `$${n}: ${v.type}`).join(', ')})` : '';
        const kind = root === mutation ? 'mutation' : 'query';
        return {
          query: `${kind} Fuzz${decl} { ${calls.map((c, i) => (chosen.length > 1 ? `f${i}: ${c}` : c)).join(' ')} }`,
          variables: Object.fromEntries([...vars].map(([n, v]) => [n, v.value])),
          isMutation: root === mutation,
        };
      });
    });
  });
}

// ---------------------------------------------------------------- the suite

beforeAll(async () => {
  schema = buildSchema(readFileSync(SDL_PATH, 'utf8'));
  s = await startServe();
  const r = await s.gql(`mutation { createExperiment(input: { name: "fuzz", tags: ["seed"], spec: { architecture: "plain", n: [4, 6], d: [2], trials: 2 } }) { id runs { nodes { id } } } }`);
  expId = r.data!.createExperiment.id;
  runId = r.data!.createExperiment.runs.nodes[0].id;
  await waitForExperiment(s, expId);
  await settle();
});
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

describe('fuzz: the API never fails on its own, never hangs, and refused requests write nothing', () => {
  it('generated GraphQL operations over HTTP (queries and mutations from the SDL)', SUITE_TIMEOUT, async () => {
    await settle();
    await fc.assert(
      fc.asyncProperty(operation(), async (op) => {
        const what = `${op.query}\nvariables ${short(op.variables)}`;
        const a = await send({ body: JSON.stringify({ query: op.query, variables: op.variables }) });
        checkAnswer(a, what);
        await checkStore(a, op.isMutation, what);
      }),
      fcOptions(200),
    );
  });

  it('experiment inputs near the valid region: refused ones name a field and write nothing', SUITE_TIMEOUT, async () => {
    const valid = { architecture: 'plain', n: [4], d: [2] };
    const bad = fc.oneof(
      fc.record({ key: fc.constantFrom('n', 'd', 'sigma'), value: fc.array(fc.oneof(int, float), { minLength: 0, maxLength: 3 }) }),
      fc.record({ key: fc.constantFrom('trials', 'seed', 'patternSamples', 'testSize'), value: int }),
      fc.record({ key: fc.constantFrom('beta'), value: float }),
      fc.record({ key: fc.constantFrom('architecture', 'program', 'data', 'method', 'backend'), value: str }),
      fc.record({ key: fc.constant('planted'), value: fc.oneof(json, fc.record({ kind: str, k: int, weights: str, signs: fc.array(fc.oneof(int, str), { maxLength: 3 }) }, { requiredKeys: [] })) }),
    );
    await settle();
    const input = fc.record({ name: fc.oneof(fc.constant('ok'), str), notes: fc.option(fc.oneof(str, fc.constant('<100001 characters>')), { nil: undefined }), tags: fc.option(fc.array(str, { maxLength: 4 }), { nil: undefined }), change: bad });
    await fc.assert(
      fc.asyncProperty(input, async ({ name, notes, tags, change }) => {
        const spec = { ...valid, [change.key]: change.value };
        const longNotes = notes === '<100001 characters>' ? 'n'.repeat(100_001) : notes;
        const variables = { input: { name, spec, ...(longNotes === undefined ? {} : { notes: longNotes }), ...(tags === undefined ? {} : { tags }) } };
        const what = `createExperiment ${short(variables)}`;
        const a = await send({ body: JSON.stringify({ query: 'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }', variables }) });
        checkAnswer(a, what);
        if (!wrote(a.body)) {
          expect(new Set(codes(a.body)), what).toEqual(new Set(['BAD_USER_INPUT']));
          expect(a.body.errors[0].extensions.field, `${what}: no field named in ${a.text}`).toMatch(/^input(\.|$)/);
        }
        await checkStore(a, true, what);
      }),
      fcOptions(80),
    );
  });

  it('tags, notes, filters and case files with hostile values', SUITE_TIMEOUT, async () => {
    const call = fc.oneof(
      fc.record({ q: fc.constant('mutation($id: ID!, $add: [String!], $remove: [String!]) { tagRun(id: $id, add: $add, remove: $remove) { id tags } }'), v: fc.record({ id: fc.oneof(fc.constant(runId), id), add: fc.array(str, { maxLength: 3 }), remove: fc.array(str, { maxLength: 2 }) }) }),
      fc.record({ q: fc.constant('mutation($id: ID!, $notes: String!) { annotateExperiment(id: $id, notes: $notes) { id } }'), v: fc.record({ id: fc.oneof(fc.constant(expId), id), notes: fc.oneof(str, fc.string({ unit: 'binary', maxLength: 50 })) }) }),
      fc.record({ q: fc.constant('query($f: RunFilter) { runs(filter: $f, first: 5) { totalCount nodes { id } } phaseDiagram(filter: $f) { cells { n d } } }'), v: fc.record({ f: valueOf(schema.getType('RunFilter') as GraphQLInputType, 4).map(variable) }) }),
      fc.record({
        q: fc.constant('mutation($input: ImportCasesInput!) { importCases(input: $input) { runs { id } } }'),
        v: fc.record({
          input: fc.record({
            name: str,
            cases: fc.array(
              fc.record({
                case: fc.oneof(json, fc.record({ format: fc.constantFrom('recovery-case/1', 'x'), architecture: fc.constantFrom('plain', 'skip', 'bad'), program: fc.constantFrom('exact', 'relaxed'), X: fc.array(fc.array(float, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), y: fc.array(float, { maxLength: 4 }), beta: fc.option(float) }, { requiredKeys: ['format', 'X', 'y'] })),
                result: fc.option(json, { nil: undefined }),
              }),
              { minLength: 0, maxLength: 2 },
            ),
          }),
        }),
      }),
    );
    await settle();
    await fc.assert(
      fc.asyncProperty(call, async ({ q, v }) => {
        const what = `${q} ${short(v)}`;
        const a = await send({ body: JSON.stringify({ query: q, variables: v }) });
        checkAnswer(a, what);
        await checkStore(a, q.startsWith('mutation'), what);
      }),
      fcOptions(100),
    );
  });

  it('raw HTTP: any method, path, headers and body', SUITE_TIMEOUT, async () => {
    const path = fc.oneof(
      fc.constantFrom('/graphql', '/export/runs.csv', '/export/runs.json', '/export/phase.csv', '/export/phase.xml', '/', '/index.html', '/assets/x.js', '/..%2f..%2fetc/passwd', '/..%c0%af..%c0%afetc/passwd', '/%00', '/graphql/', '//graphql'),
      fc.tuple(fc.constantFrom('/export/runs.json', '/export/phase.json'), fc.oneof(json.map((j) => JSON.stringify(j)), str)).map(([p, f]) => `${p}?filter=${pct(f)}&bySigma=${pct(f.slice(0, 3))}`),
      fc.string({ maxLength: 30 }).map((t) => `/${pct(t)}`),
    );
    const body = fc.oneof(fc.constant(undefined), str, json.map((j) => JSON.stringify(j)), fc.record({ query: fc.oneof(str, fc.constant('{ workerState { executor } }')), variables: json, operationName: fc.option(str) }).map((j) => JSON.stringify(j)));
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql-response+json');
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');
    await settle();
    await fc.assert(
      fc.asyncProperty(method, path, body, contentType, fc.boolean(), async (m, p, b, ct, preflight) => {
        const what = `${m} ${p} (${ct}) ${String(b).slice(0, 300)}`;
        const headers: Record<string, string> = { authorization: `Bearer ${s.token}`, 'content-type': ct, ...(preflight ? { 'apollo-require-preflight': 'true' } : {}) };
        const a = await send({ method: m, path: p, headers, ...(b === undefined || m === 'GET' ? {} : { body: b }) });
        checkAnswer(a, what);
        await checkStore(a, false, what);
      }),
      fcOptions(120),
    );
  });

  it('generated GraphQL documents over graphql-ws', SUITE_TIMEOUT, async () => {
    const ws = new WebSocket(`${s.base.replace('http', 'ws')}/graphql?token=${s.token}`, 'graphql-transport-ws');
    const inbox: any[] = [];
    let waiting: (() => void) | null = null;
    ws.on('message', (m) => {
      inbox.push(JSON.parse(m.toString()));
      waiting?.();
    });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.once('error', fail);
      const check = () => (inbox.some((m) => m.type === 'connection_ack') ? ok() : (waiting = check));
      waiting = check;
    });
    let n = 0;
    await settle();
    await fc.assert(
      fc.asyncProperty(fc.oneof(operation().filter((o) => !o.isMutation), fc.record({ query: str, variables: fc.constant({}), isMutation: fc.constant(false) })), async (op) => {
        const opId = `op${n++}`;
        ws.send(JSON.stringify({ id: opId, type: 'subscribe', payload: { query: op.query, variables: op.variables } }));
        const done = await new Promise<any[]>((ok, fail) => {
          const timer = setTimeout(() => fail(new Error(`no answer over graphql-ws (the server hangs): ${op.query}`)), LIVENESS_MS);
          const check = () => {
            const mine = inbox.filter((m) => m.id === opId);
            if (mine.some((m) => m.type === 'complete' || m.type === 'error')) {
              clearTimeout(timer);
              ok(mine);
            } else waiting = check;
          };
          check();
        });
        expect(ws.readyState, `the socket was closed by ${op.query}`).toBe(WebSocket.OPEN);
        for (const m of done) {
          const errs = m.type === 'error' ? m.payload : (m.payload?.errors ?? []);
          for (const e of errs) expect(e?.extensions?.code, `${op.query} -> ${JSON.stringify(e)}`).not.toBe('INTERNAL_SERVER_ERROR');
          expect(JSON.stringify(m)).not.toMatch(/\bat .*\(.*:\d+:\d+\)|node_modules|\/work\//);
        }
        expect(readSnapshot() === snapshot, `a query over graphql-ws changed stored data: ${op.query}`).toBe(true);
      }),
      fcOptions(60),
    );
    ws.close();
  });
});
