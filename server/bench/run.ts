/**
 * pnpm bench: every benchmark of the project, printed and saved as JSON under bench/results/ at the
 * repository root (one file per run, plus latest.json). Parts: kernels, engine, cases, api, train, jobs (those present).
 * RLAB_BENCH_QUICK=1 shrinks the grids; RLAB_BENCH_ONLY=engine,api limits the parts.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, platform, arch } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const quick = process.env.RLAB_BENCH_QUICK === '1' || process.argv.includes('--quick');
const only = (process.env.RLAB_BENCH_ONLY ?? '').split(',').filter(Boolean);
const want = (part: string) => only.length === 0 || only.includes(part);
const root = fileURLToPath(new URL('../..', import.meta.url));
const figures: Record<string, number> = {};
const errors: Record<string, string> = {};

async function part(name: string, file: string, fn: string, arg?: unknown) {
  if (!want(name)) return;
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) {
    errors[name] = `${file} not present`;
    return;
  }
  process.stderr.write(`\n== bench: ${name} ==\n`);
  try {
    const mod = (await import(path)) as Record<string, (a?: unknown) => Promise<Record<string, number>>>;
    const f = mod[fn];
    if (!f) throw new Error(`${file} does not export ${fn}`);
    const r = await f(arg);
    for (const [k, v] of Object.entries(r)) {
      figures[k] = v;
      process.stdout.write(`${k}: ${Number.isInteger(v) ? v : v.toPrecision(4)}\n`);
    }
  } catch (e) {
    errors[name] = e instanceof Error ? e.message : String(e);
    process.stderr.write(`bench ${name} failed: ${errors[name]}\n`);
  }
}

await part('kernels', './kernels.ts', 'benchKernels', { quick });
await part('engine', './engine.ts', 'benchEngine', { quick });
await part('cases', './cases.ts', 'benchCases', { quick });
await part('api', './api.ts', 'benchApi', quick ? { runs: 20000 } : {});
await part('train', './train.ts', 'benchTrain');
await part('jobs', './jobs.ts', 'benchJobs', quick ? { quick: true } : undefined);

const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const record = {
  date: new Date().toISOString(),
  quick,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), platform: platform(), arch: arch(), node: process.version },
  figures,
  errors,
};
writeFileSync(join(dir, `bench-${stamp}.json`), JSON.stringify(record, null, 2) + '\n');
writeFileSync(join(dir, 'latest.json'), JSON.stringify(record, null, 2) + '\n');
process.stderr.write(`\nbench: saved bench/results/bench-${stamp}.json and latest.json\n`);
if (Object.keys(errors).length) process.exitCode = 1;
