/**
 * Issue 12 item 3: importCases solves on a worker thread, so other requests are answered while an import
 * solves. `rlab serve` imports a (100, 40) exact case (about 24 s of CPU on the 2-core machine, and it
 * once blocked every request); once the server says the solve started (its log line: the event), a
 * query is answered while the import is still open; then the import completes and its run is stored.
 */
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { instanceSpecSchema } from '@rlab/shared';
import { generateInstance } from '../../src/engine/data.ts';
import { instanceToCase } from '../../src/engine/caseFile.ts';
import { startServe, type TestServer } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** resolves when the server's standard error matches `re` */
async function logged(s: TestServer, re: RegExp): Promise<void> {
  while (!re.test(s.stderr())) await new Promise((ok) => setTimeout(ok, 20));
}

it('answers a query while an import of a (100, 40) exact case solves', async () => {
  const s = await startServe();
  cleanups.push(() => s.cleanup(), () => s.stop());
  const heavy = instanceToCase(generateInstance(instanceSpecSchema.parse({ architecture: 'plain', program: 'exact', planted: { kind: 'relu', k: 1, weights: 'gaussian' }, n: 100, d: 40, seed: 3 })));
  let importSettled = false;
  const imported = s.gql(`mutation($input: ImportCasesInput!) { importCases(input: $input) { runs { id } } }`, { input: { name: 'heavy', cases: [{ case: heavy }] } }).finally(() => {
    importSettled = true;
  });
  await logged(s, /import: solving case 1 of 1 .*n 100, d 40/);
  const answered = await s.gql('{ experiments(first: 5) { totalCount } workerState { executor } }');
  expect(answered.errors).toBeUndefined();
  expect(answered.data!.experiments.totalCount).toBe(0);
  // the query came back while the case was still solving (the server logs the end of the solve)
  expect(s.stderr()).not.toMatch(/import: solved case 1 of 1/);
  expect(importSettled).toBe(false);
  const out = await imported;
  expect(out.errors).toBeUndefined();
  expect(out.data!.importCases.runs).toHaveLength(1);
  const db = new Database(s.dbFile, { readonly: true, timeout: 5000 });
  expect(db.prepare('SELECT "n", "d", "status", "source" FROM "Run"').all()).toEqual([{ n: 100, d: 40, status: 'done', source: 'case' }]);
  db.close();
}, 120_000);
