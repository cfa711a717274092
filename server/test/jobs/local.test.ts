/**
 * Crashes and the local executor: kill -9 of a compute process mid-job (the job is rerun and stored
 * once), kill -9 of `rlab serve` in the middle of a sweep and a restart on the same database (the sweep
 * completes with exactly one stored result per run), cancel in the middle of a sweep over GraphQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalJobExecutor } from '../../src/modules/job/localExecutor.ts';
import { CONTRACT_RETRY, MemorySink, probe } from '../api/jobExecutorContract.ts';

const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rlab-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Serve {
  proc: ChildProcess;
  gql(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: unknown[] }>;
}

async function serve(dbFile: string, extra: string[] = []): Promise<Serve> {
  const proc = spawn(process.execPath, ['--import', 'tsx/esm', 'src/cli/main.ts', 'serve', '--port', '0', '--db', dbFile, ...extra], { cwd: SERVER_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const first = await new Promise<string>((ok, fail) => {
    createInterface({ input: proc.stdout! }).once('line', ok);
    proc.once('exit', (c) => fail(new Error(`rlab serve exited ${c}: ${err}`)));
  });
  const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/.exec(first);
  if (!m) throw new Error(`unexpected first line ${first}`);
  const [, base, token] = m;
  return {
    proc,
    async gql(query, variables) {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    },
  };
}

const kill9 = (p: ChildProcess) =>
  new Promise<void>((ok) => {
    if (p.exitCode !== null || p.signalCode !== null) return ok();
    p.once('exit', () => ok());
    p.kill('SIGKILL');
  });

async function progress(s: Serve, id: string) {
  const r = await s.gql(`query($id: ID!) { experiment(id: $id) { status progress { total queued running done failed cancelled } } }`, { id });
  return r.data!.experiment as { status: string; progress: { total: number; queued: number; running: number; done: number; failed: number; cancelled: number } };
}

describe('local executor: crashes', () => {
  it('kill -9 of a compute process in the middle of a job: the job is leased again, rerun and stored once', async () => {
    const sink = new MemorySink();
    const ex = new LocalJobExecutor(sink, { workers: 1, retry: CONTRACT_RETRY, leaseMs: 1000, pollMs: 50 });
    try {
      await ex.start();
      sink.add(1, probe({ sleepMs: 1500, steps: 15 }));
      await ex.enqueue([1]);
      await sink.until(() => (sink.progressOf.get(1)?.length ?? 0) > 0);
      const pid = ex.pids()[0]!;
      process.kill(pid, 'SIGKILL');
      await sink.until(() => sink.states.get(1) === 'done');
      expect(sink.startTimes.get(1)!.length).toBe(2);
      expect(sink.doneCalls.get(1)).toBe(1);
      expect(ex.pids()[0]).not.toBe(pid);
    } finally {
      await ex.stop();
    }
  });

  it('kill -9 of rlab serve mid-sweep, restart on the same database: every run is stored exactly once', async () => {
    const dbFile = join(dir, 'crash.db');
    const args = ['--workers', '2', '--lease-ms', '1000'];
    let s = await serve(dbFile, args);
    let expId = '';
    let total = 0;
    try {
      const c = await s.gql(`mutation { createExperiment(input: { name: "crash", spec: { architecture: "skip", n: [30, 50], d: [6], trials: 12 } }) { id } }`);
      expId = c.data!.createExperiment.id;
      for (;;) {
        const p = await progress(s, expId);
        if (p.progress.done >= 2) break;
        await new Promise((ok) => setTimeout(ok, 30));
      }
      await kill9(s.proc);
      const db = new Database(dbFile, { readonly: true });
      const at = db.prepare(`SELECT status, COUNT(*) c FROM "Run" GROUP BY status`).all() as { status: string; c: number }[];
      db.close();
      const open = at.filter((g) => g.status === 'queued' || g.status === 'running').reduce((n, g) => n + g.c, 0);
      expect(open).toBeGreaterThan(0); // killed in the middle
      s = await serve(dbFile, args);
      const t1 = Date.now();
      for (;;) {
        const p = await progress(s, expId);
        total = p.progress.total;
        if (p.progress.queued === 0 && p.progress.running === 0) break;
        if (Date.now() - t1 > 60_000) throw new Error(`sweep did not complete: ${JSON.stringify(p)}`);
        await new Promise((ok) => setTimeout(ok, 100));
      }
    } finally {
      await kill9(s.proc);
    }
    const db = new Database(dbFile, { readonly: true });
    try {
      const runs = (db.prepare(`SELECT COUNT(*) c FROM "Run" WHERE status = 'done'`).get() as { c: number }).c;
      expect(total).toBe(24);
      expect(runs).toBe(total);
      expect((db.prepare(`SELECT COUNT(*) c FROM "JobResult"`).get() as { c: number }).c).toBe(total);
      expect((db.prepare(`SELECT COUNT(*) c FROM "Weights" WHERE role = 'recovered'`).get() as { c: number }).c).toBe(total);
      expect((db.prepare(`SELECT COUNT(*) c FROM "Job" WHERE status = 'done'`).get() as { c: number }).c).toBe(total);
    } finally {
      db.close();
    }
  }, 120_000);

  it('cancel in the middle of a sweep over GraphQL: nothing queued or running afterwards, nothing stored later', async () => {
    const dbFile = join(dir, 'cancel.db');
    const s = await serve(dbFile, ['--workers', '2']);
    try {
      const c = await s.gql(`mutation { createExperiment(input: { name: "cancel", spec: { architecture: "skip", n: [30, 50], d: [6], trials: 15 } }) { id } }`);
      const id = c.data!.createExperiment.id as string;
      while ((await progress(s, id)).progress.done < 1) {
        await new Promise((ok) => setTimeout(ok, 30));
      }
      const x = await s.gql(`mutation($id: ID!) { cancelExperiment(id: $id) { status progress { done cancelled queued running } } }`, { id });
      const after = x.data!.cancelExperiment;
      expect(after.status).toBe('cancelled');
      expect(after.progress.queued + after.progress.running).toBe(0);
      await new Promise((ok) => setTimeout(ok, 1500));
      const later = await progress(s, id);
      expect(later.progress.done).toBe(after.progress.done);
      const w = await s.gql(`{ workerState { executor concurrency workers { id backend busy jobsDone } } }`);
      expect(w.data!.workerState.executor).toBe('local');
      expect(w.data!.workerState.workers).toHaveLength(2);
      expect(w.data!.workerState.workers.every((x: { busy: boolean }) => !x.busy)).toBe(true);
    } finally {
      await kill9(s.proc);
    }
  }, 60_000);
});
