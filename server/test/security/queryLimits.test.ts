/**
 * Issue 12 items 1 and 8: query guards against a real `rlab serve` on a temp SQLite file, over HTTP and
 * over graphql-ws. A fragment chain that doubles at every level used to be re-walked 2^N times (N = 33:
 * 35 s, N = 200: never); now it is measured once per fragment and refused for its cost. The standard
 * introspection queries pass the limits.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { startServe, type TestServer } from '../api/helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServe();
});
afterAll(async () => {
  await s?.stop();
  s?.cleanup();
});

/** `fragment F{i} on Query { ...F{i+1} ...F{i+2} }`, the last two selecting a real field: 2^N paths */
function fragmentChain(n: number): string {
  const parts = ['{ ...F0 }'];
  for (let i = 0; i < n; i++) parts.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 2} }`);
  parts.push(`fragment F${n} on Query { workerState { executor } }`, `fragment F${n + 1} on Query { workerState { executor } }`);
  return parts.join('\n');
}

/** liveness, not speed: a request that does not come back within this is a hung server */
const LIVENESS_MS = 30_000;

async function post(query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, ...headers },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(LIVENESS_MS),
  });
  return { status: res.status, body: await res.json() };
}

describe('fragment blow-up (issue 12 item 1)', () => {
  it.each([27, 33, 200])('refuses a doubling fragment chain of %i over HTTP, and the server keeps answering', async (n) => {
    const r = await post(fragmentChain(n));
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.map((e: any) => e.extensions?.code)).toContain('QUERY_TOO_COSTLY');
    const ok = await post('{ workerState { executor } }');
    expect(ok.body.data.workerState.executor).toBeTypeOf('string');
  });

  it('answers a short chain that stays within the limits (memoised, not refused by shape)', async () => {
    const r = await post(fragmentChain(5));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.workerState.executor).toBeTypeOf('string');
  });

  it.each([33, 200])('refuses the chain of %i over graphql-ws', async (n) => {
    const client = s.ws();
    const outcome = await new Promise<{ data?: unknown; errors?: any[] }>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no answer over graphql-ws: the server hangs')), LIVENESS_MS);
      let result: { data?: unknown; errors?: any[] } = {};
      client.subscribe(
        { query: fragmentChain(n) },
        {
          next: (v) => (result = v as typeof result),
          error: (e) => {
            clearTimeout(timer);
            ok({ errors: Array.isArray(e) ? e : [e] });
          },
          complete: () => {
            clearTimeout(timer);
            ok(result);
          },
        },
      );
    });
    expect(outcome.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COSTLY');
    await client.dispose();
  });

  it('refuses a document with too many tokens before validating it', async () => {
    const r = await post(`{ workerState { ${Array.from({ length: 12_000 }, () => 'executor').join(' ')} } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.body.errors[0].message).toMatch(/token/i);
  });

  it('a document nested past what the parser can recurse is a clear 400, and the server lives', async () => {
    let inner = 'id';
    for (let i = 0; i < 1000; i++) inner = `experiment { runs { nodes { ${inner} } } }`;
    const r = await post(`{ run(id: 1) { ${inner} } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toMatch(/nests too deeply|depth/);
    expect((await post('{ workerState { executor } }')).body.data.workerState.executor).toBeTypeOf('string');
  });

  it('keeps the depth, alias and cost limits', async () => {
    const deep = await post(`{ runs { nodes { experiment { runs { nodes { experiment { runs { nodes { experiment { runs { nodes { id } } } } } } } } } } } }`);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    // aliases hidden in a fragment count at every spread
    const aliased = await post(`{ ...A ...B } fragment A on Query { ...C ...C2 } fragment B on Query { ...C ...C2 } fragment C on Query { ${Array.from({ length: 8 }, (_, i) => `a${i}: workerState { queued }`).join(' ')} } fragment C2 on Query { ${Array.from({ length: 8 }, (_, i) => `b${i}: workerState { queued }`).join(' ')} }`);
    expect(aliased.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const costly = await post(`{ experiments(first: 500) { nodes { ...R } } } fragment R on Experiment { runs(first: 500) { nodes { id plantedNetwork { w } } } }`);
    expect(costly.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    // batched operations stay off (each would get the limits on its own)
    const batch = await fetch(`${s.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body: JSON.stringify(Array.from({ length: 50 }, () => ({ query: '{ workerState { executor } }' }))) });
    expect(batch.status).toBe(400);
  });
});

describe('introspection (issue 12 item 8)', () => {
  it.each([
    ['getIntrospectionQuery()', getIntrospectionQuery()],
    // what @graphql-codegen and graphql-config send: every option on
    ['graphql-codegen', getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true })],
  ])('%s works against the live endpoint and rebuilds the schema', async (_name, query) => {
    const r = await post(query);
    expect(r.body.errors).toBeUndefined();
    const schema = buildClientSchema(r.body.data);
    expect(printSchema(schema)).toContain('createExperiment');
  });

  const repoRoot = resolve(import.meta.dirname, '../../..');
  const codegen = join(repoRoot, 'node_modules/.bin/graphql-codegen');
  it('graphql-codegen itself loads the schema from the live endpoint (lower-case bearer)', async (ctx) => {
    if (!existsSync(codegen)) {
      process.stdout.write(`skipped: ${codegen} is not installed\n`);
      ctx.skip();
    }
    const config = join(s.dir, 'codegen.json');
    const out = join(s.dir, 'schema.graphql');
    writeFileSync(config, JSON.stringify({ schema: { [`${s.base}/graphql`]: { headers: { Authorization: `bearer ${s.token}` } } }, generates: { [out]: { plugins: ['schema-ast'] } } }));
    await promisify(execFile)(codegen, ['--config', config], { cwd: repoRoot, timeout: 120_000 });
    expect(readFileSync(out, 'utf8')).toContain('createExperiment(input: CreateExperimentInput!): Experiment!');
  });

  it('still refuses introspection nested past graphql-js MaxIntrospectionDepthRule', async () => {
    const r = await post(`{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('accepts the Authorization scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const r = await post('{ workerState { executor } }', { authorization: `${scheme} ${s.token}` });
      expect(r.status, scheme).toBe(200);
    }
    const wrong = await post('{ workerState { executor } }', { authorization: `Basic ${s.token}` });
    expect(wrong.status).toBe(401);
  });
});
