/**
 * No lost updates (issue 12 item 6): tags are read, changed and written back; 100 concurrent calls with
 * distinct tags on one run (and on one experiment), in one process through the store's own services,
 * keep all 100. (Two servers on one file are refused by the store lock: test/api/dbLock.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../../src/db/client.ts';
import { PubSub } from '../../src/graphql/pubsub.ts';
import { ExperimentService } from '../../src/modules/experiment/service.ts';
import { parseTags, RunService } from '../../src/modules/run/service.ts';
import { idleExecutor as idle } from './helpers.ts';


const dir = mkdtempSync(join(tmpdir(), 'rlab-lost-'));
let store: OpenedStore;
let experiments: ExperimentService;
beforeAll(async () => {
  store = await openStore(join(dir, 'rlab.db'));
  experiments = new ExperimentService(store.db, idle, new PubSub());
  await experiments.create({ name: 'tags', spec: { architecture: 'plain', program: 'exact', n: [10], d: [5], trials: 1 } });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const tags = Array.from({ length: 100 }, (_, i) => `t${String(i).padStart(3, '0')}`);

it('100 concurrent tagRun calls with distinct tags keep all 100', async () => {
  const runs = new RunService(store.db);
  await Promise.all(tags.map((t) => runs.tag(1, [t], null)));
  expect(parseTags((await runs.get(1))!.tags)).toEqual(tags);
});

it('100 concurrent tagExperiment calls with distinct tags keep all 100', async () => {
  await Promise.all(tags.map((t) => experiments.tag(1, [t], null)));
  expect(parseTags((await experiments.get(1))!.tags)).toEqual(tags);
});
