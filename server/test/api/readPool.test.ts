/**
 * Reads off the main thread (db/readPool.ts): the read threads' answers equal Prisma's on the same store
 * (whole Run rows with their booleans and dates, pages, counts), offset pages anywhere in a list equal the
 * slices of the keyset walk (the reference path), and a write is seen at once (the cache follows
 * PRAGMA data_version).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../../src/db/client.ts';
import { hasReadPool, readPoolOf, readRuns } from '../../src/db/readPool.ts';
import { PubSub } from '../../src/graphql/pubsub.ts';
import { ExperimentService } from '../../src/modules/experiment/service.ts';
import { RunService, type RunOrder } from '../../src/modules/run/service.ts';
import type { RunFilter } from '../../src/modules/run/filter.ts';
import { SweepService, type PhaseCell } from '../../src/modules/sweep/service.ts';
import { idleExecutor as idle } from './helpers.ts';


const dir = mkdtempSync(join(tmpdir(), 'rlab-readpool-'));
let store: OpenedStore;
let runs: RunService;
beforeAll(async () => {
  store = await openStore(join(dir, 'rlab.db'));
  const experiments = new ExperimentService(store.db, idle, new PubSub());
  // 2 x 2 x 2 x 400 = 3200 runs, more than the read thread pages directly (1000)
  await experiments.create({ name: 'grid', spec: { architecture: 'plain', program: 'exact', n: [10, 20], d: [5, 10], sigma: [0, 0.1], trials: 400 } });
  runs = new RunService(store.db);
  // a few finished runs through the store's own write path, for booleans, floats and dates
  for (const id of [3, 7, 1500, 3100]) {
    await store.db.run.update({ where: { id }, data: { status: 'done', recovered: id % 2 === 1, certified: id === 7, distance: id / 1e4, finishedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, id % 60)) } });
  }
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** every id of the list through the keyset cursor (the reference path) */
async function walk(filter: RunFilter | null, order: RunOrder): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  for (;;) {
    const p = await runs.page(filter, order, 500, after);
    ids.push(...p.nodes.map((r) => r.id));
    if (!p.hasNextPage) return ids;
    after = p.endCursor;
  }
}

describe('read pool', () => {
  it('returns whole Run rows equal to Prisma`s, with booleans and dates', async () => {
    const ids = [3100, 7, 3, 1500, 42, 999_999];
    const mine = await readRuns(store.db, ids);
    const prisma = await store.db.run.findMany({ where: { id: { in: ids } } });
    const byId = new Map(prisma.map((r) => [r.id, r]));
    expect(mine.map((r) => r.id)).toEqual([3100, 7, 3, 1500, 42]);
    for (const r of mine) expect(r).toEqual(byId.get(r.id));
    expect(mine[1]).toMatchObject({ recovered: true, certified: true, distance: 7e-4 });
    expect((mine[1] as unknown as { finishedAt: Date }).finishedAt).toBeInstanceOf(Date);
  });

  it('pages by offset anywhere in a list exactly as the keyset walk orders it', async () => {
    for (const [filter, order] of [
      [null, { field: 'SEED', direction: 'DESC' }],
      [{ sigma: { max: 0.05 } }, { field: 'N', direction: 'ASC' }],
      [null, { field: 'DISTANCE', direction: 'ASC' }],
    ] as [RunFilter | null, RunOrder][]) {
      const all = await walk(filter, order);
      expect(all.length).toBe(await runs.count(filter));
      for (const offset of [0, 1, 999, 1000, 1234, all.length - 10, all.length - 1, all.length, all.length + 5]) {
        const p = await runs.page(filter, order, 25, null, offset);
        expect(p.nodes.map((r) => r.id), `${JSON.stringify(order)} at ${offset}`).toEqual(all.slice(offset, offset + 25));
        expect(p.hasNextPage).toBe(offset + 25 < all.length);
      }
    }
  });

  it('sees a write at once: counts, pages and phase diagrams are recomputed after the store changed', async () => {
    const sweeps = new SweepService(store.db);
    const filter: RunFilter = { recovered: true };
    const before = await runs.count(filter);
    const cellsBefore = await sweeps.phaseDiagram(null, false);
    const deep = await runs.page(null, { field: 'ID', direction: 'DESC' }, 5, null, 2000);
    await store.db.run.update({ where: { id: 11 }, data: { status: 'done', recovered: true, certified: false } });
    expect(await runs.count(filter)).toBe(before + 1);
    const cellsAfter = await sweeps.phaseDiagram(null, false);
    expect(cellsAfter.reduce((s, c) => s + c.trials, 0)).toBe(cellsBefore.reduce((s, c) => s + c.trials, 0) + 1);
    // a new run: the deep page moves by one
    await store.db.run.create({ data: { experimentId: 1, architecture: 'plain', program: 'exact', planted: 'relu', n: 10, d: 5, seed: 0 } });
    const moved = await runs.page(null, { field: 'ID', direction: 'DESC' }, 5, null, 2001);
    expect(moved.nodes.map((r) => r.id)).toEqual(deep.nodes.map((r) => r.id));
  });

  it('phase diagrams on the read threads (phaseSql) equal the reference statement through Prisma, before and after a write', async () => {
    // finished runs with ties, NULL relDistance and cells of 1 and 2 ranked runs, beside the 4 above
    await store.db.$executeRawUnsafe(`UPDATE "Run" SET "status" = 'done', "recovered" = ("id" % 3 = 0), "certified" = CASE WHEN "id" % 5 = 0 THEN NULL ELSE "id" % 4 = 0 END,
      "distance" = ("id" % 13) / 7.0, "testError" = ("id" % 11) / 3.0, "cosine" = 1 - ("id" % 9) / 10.0, "support" = ("id" % 6 = 0),
      "relDistance" = CASE WHEN "id" % 7 = 0 THEN NULL ELSE (("id" * 37) % 101) / 100.0 END
      WHERE "id" % 2 = 0 AND "id" NOT IN (1500, 3100)`);
    // the (20, 10, 0.1) cell keeps one ranked run, (20, 5, 0.1) two
    await store.db.$executeRawUnsafe(`UPDATE "Run" SET "relDistance" = NULL WHERE "n" = 20 AND "sigma" > 0 AND "d" = 10 AND "id" NOT IN (SELECT "id" FROM "Run" WHERE "n" = 20 AND "sigma" > 0 AND "d" = 10 AND "relDistance" IS NOT NULL LIMIT 1)`);
    await store.db.$executeRawUnsafe(`UPDATE "Run" SET "relDistance" = NULL WHERE "n" = 20 AND "sigma" > 0 AND "d" = 5 AND "id" NOT IN (SELECT "id" FROM "Run" WHERE "n" = 20 AND "sigma" > 0 AND "d" = 5 AND "relDistance" IS NOT NULL LIMIT 2)`);
    // the same client without its read pool: SweepService runs phaseSqlReference through Prisma on this thread
    const plain = new Proxy(store.db, { get: (t, k) => { const v = Reflect.get(t, k, t) as unknown; return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v; } });
    expect(hasReadPool(store.db)).toBe(true);
    expect(hasReadPool(plain)).toBe(false);
    const fast = new SweepService(store.db);
    const reference = new SweepService(plain);
    const cases: [RunFilter | null, boolean, { sigma?: number; approxTolerance?: number }][] = [
      [null, true, {}],
      [null, false, {}],
      [{ experimentId: ['1'] }, true, { approxTolerance: 0.3 }],
      [{ n: { eq: 20 }, recovered: false }, true, {}],
      [null, false, { sigma: 0.1 }],
      [{ architecture: ['plain'], or: [{ recovered: true }, { n: { eq: 10 } }] }, false, {}],
    ];
    const compare = async (): Promise<PhaseCell[]> => {
      let all: PhaseCell[] = [];
      for (const [filter, bySigma, options] of cases) {
        const mine = await fast.phaseDiagram(filter, bySigma, options);
        expect(mine, JSON.stringify([filter, bySigma, options])).toEqual(await reference.phaseDiagram(filter, bySigma, options));
        all = all.concat(mine);
      }
      return all;
    };
    const before = await compare();
    expect(before.some((c) => c.medianRelDistance !== null && c.q25RelDistance !== c.q75RelDistance)).toBe(true);
    const single = before.find((c) => c.n === 20 && c.d === 10 && c.sigma === 0.1)!;
    expect(single.q25RelDistance).toBe(single.q75RelDistance);
    // a write: results change, and both paths still agree
    await store.db.$executeRawUnsafe(`UPDATE "Run" SET "relDistance" = 0.001, "recovered" = 1 WHERE "id" % 10 = 4`);
    const after = await compare();
    expect(after).not.toEqual(before);
  });

  it('keeps answers about one experiment cached while another experiment`s runs change, and recomputes what a change touches', async () => {
    const experiments = new ExperimentService(store.db, idle, new PubSub());
    const other = await experiments.create({ name: 'other', spec: { architecture: 'plain', program: 'exact', n: [10], d: [5], sigma: [0], trials: 3 } });
    const pool = readPoolOf(store.db)!;
    const sweeps = new SweepService(store.db);
    const one: RunFilter = { experimentId: ['1'] };
    const two: RunFilter = { experimentId: [String(other.id)] };
    const cellsOne = await sweeps.phaseDiagram(one, true);
    const countOne = await runs.count(one);
    const countAll = await runs.count(null);
    const countTwo = await runs.count(two);
    const sent = pool.sent;
    // a run of the other experiment finishes, and a job row changes: experiment 1's answers stay cached
    const [r2] = await store.db.run.findMany({ where: { experimentId: other.id }, take: 1 });
    await store.db.run.update({ where: { id: r2!.id }, data: { status: 'done', recovered: true, relDistance: 0.5 } });
    await store.db.job.updateMany({ where: { runId: r2!.id }, data: { status: 'done' } });
    expect(await sweeps.phaseDiagram(one, true)).toEqual(cellsOne);
    expect(await runs.count(one)).toBe(countOne);
    expect(pool.sent).toBe(sent);
    // what the change touches is recomputed: the other experiment's and the unscoped answers
    expect(await runs.count({ experimentId: [String(other.id)], recovered: true })).toBe(1);
    expect((await sweeps.phaseDiagram(null, true)).reduce((s, c) => s + c.trials, 0)).toBe(cellsOne.reduce((s, c) => s + c.trials, 0) + 1);
    expect(pool.sent).toBeGreaterThan(sent);
    // a write in experiment 1 invalidates its answers
    await store.db.run.update({ where: { id: 2 }, data: { status: 'done', recovered: true, relDistance: 0.25 } });
    expect(await runs.count({ experimentId: ['1'], recovered: true })).toBe(await new RunService(new Proxy(store.db, { get: (t, k) => { const v = Reflect.get(t, k, t) as unknown; return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v; } })).count({ experimentId: ['1'], recovered: true }));
    expect(await sweeps.phaseDiagram(one, true)).not.toEqual(cellsOne);
    // deleting the other experiment (its runs go by cascade) changes the unscoped count
    await store.db.experiment.delete({ where: { id: other.id } });
    expect(await runs.count(null)).toBe(countAll - countTwo);
    expect(await runs.count(two)).toBe(0);
  });

  it('refuses a negative offset and an offset with a cursor, naming the field', async () => {
    await expect(runs.page(null, null, 5, null, -1)).rejects.toMatchObject({ field: 'offset' });
    const p = await runs.page(null, null, 5, null);
    await expect(runs.page(null, null, 5, p.endCursor, 10)).rejects.toMatchObject({ field: 'offset' });
  });
});
