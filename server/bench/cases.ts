/**
 * `rlab solve --case DIR` as a whole process (issue 10): 240 mixed case files (the six architecture and
 * program pairs, 40 each: (n, d) = (20, 10), (30, 12), (40, 20), (60, 24), (100, 40), seeds 0..7, written
 * like `rlab export-case` with their sampled patterns) into a temporary folder, then the command timed by
 * the wall clock (and its CPU, user + sys of the child) for
 *   this checkout            the default (this thread and worker threads, one per core)
 *   this checkout, 1 thread  --workers 1
 *   baseline                 the engine before issue 10 (7d3a1b5) at RLAB_BASELINE_ROOT (default
 *                            /tmp/rlab-baseline; skipped with a printed reason when absent), one thread
 * each twice (interleaved; the faster run counts, both are saved), and the verdicts and objectives of every
 * case compared between them.
 *   node --import tsx/esm bench/cases.ts [--quick]      (quick: 60 cases, seeds 0..1)
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instanceSpecSchema } from '@rlab/shared';
import { generateInstance } from '../src/engine/data.ts';
import { instanceToCase } from '../src/engine/caseFile.ts';
import { samplePatterns } from '../src/engine/patterns.ts';

const thisRoot = fileURLToPath(new URL('../..', import.meta.url));
const PLANTED: Record<string, unknown> = { plain: { kind: 'relu' }, skip: { kind: 'linear' }, normalized: { kind: 'normalized' } };
const SIZES: [number, number][] = [[20, 10], [30, 12], [40, 20], [60, 24], [100, 40]];

/** write the case files; returns their count */
export function writeCases(dir: string, seeds: number): number {
  mkdirSync(dir, { recursive: true });
  let k = 0;
  for (const architecture of ['plain', 'skip', 'normalized'])
    for (const program of ['exact', 'relaxed'])
      for (const [n, d] of SIZES)
        for (let seed = 0; seed < seeds; seed++) {
          const spec = instanceSpecSchema.parse({ architecture, program, planted: PLANTED[architecture], n, d, seed });
          const inst = generateInstance(spec);
          inst.patterns = samplePatterns(inst.X, { samples: spec.patternSamples, plantedW: inst.planted?.neurons.map((p) => p.w) ?? [], seedKey: inst.name }).masks;
          const path = join(dir, `${String(k++).padStart(3, '0')}-${architecture}-${program}-n${n}-d${d}-s${seed}.json`);
          writeFileSync(path, JSON.stringify({ ...instanceToCase(inst), spec }) + '\n');
          // on disk before any timing: the first timed command must not share the machine with the
          // write-back of these 30 MB
          const fd = openSync(path, 'r');
          fsyncSync(fd);
          closeSync(fd);
        }
  return k;
}

interface Timed { wallS: number; cpuS: number; lines: { recovered: boolean | null; objective: number }[] }

/** `rlab solve --case dir [...args]` of the checkout at root, timed */
function solveDir(root: string, dir: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(process.execPath, ['--import', 'tsx/esm', join(root, 'server/src/cli/main.ts'), 'solve', '--case', dir, ...args], { cwd: join(root, 'server'), maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`rlab solve at ${root} failed: ${err.message}\n${stderr.slice(-2000)}`));
      const wallS = (performance.now() - t0) / 1000;
      const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { recovered: boolean | null; objective: number });
      resolve({ wallS, cpuS: NaN, lines });
    });
  });
}

/** CPU seconds (user + sys) of this process's finished, waited-for children: /proc/self/stat's cutime + cstime (Linux; NaN elsewhere) */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return NaN;
  }
}

export async function benchCases(opts: { quick?: boolean; log?: (s: string) => void } = {}): Promise<Record<string, number>> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const out: Record<string, number> = {};
  const baselineRoot = process.env.RLAB_BASELINE_ROOT ?? '/tmp/rlab-baseline';
  const haveBaseline = existsSync(`${baselineRoot}/server/src/cli/main.ts`) && existsSync(`${baselineRoot}/server/node_modules`);
  const dir = mkdtempSync(join(tmpdir(), 'rlab-cases-'));
  try {
    const count = writeCases(dir, opts.quick ? 2 : 8);
    log(`cases: ${count} case files in ${dir}; rlab solve --case as a whole process`);
    out['cases.count'] = count;
    const runs: [string, string, string[]][] = [['now', thisRoot, []], ['now1', thisRoot, ['--workers', '1']]];
    if (haveBaseline) runs.push(['baseline', baselineRoot, []]);
    else log(`cases: no baseline engine at ${baselineRoot} (set RLAB_BASELINE_ROOT to a worktree of 7d3a1b5 with node_modules linked); baseline skipped`);
    // every command twice, interleaved (now, now1, baseline, now, ...), and the faster of its two runs
    // counts: one run of a few seconds moves by 5 to 10% with what else the machine does
    const rounds = opts.quick ? 1 : 2;
    const res: Record<string, Timed> = {};
    for (let round = 1; round <= rounds; round++)
      for (const [key, root, args] of runs) {
        const c0 = childCpuSeconds();
        const r = await solveDir(root, dir, args);
        r.cpuS = childCpuSeconds() - c0;
        out[`cases.${key}.run${round}.wallSeconds`] = r.wallS;
        if (!res[key] || r.wallS < res[key]!.wallS) res[key] = r;
        log(`cases: ${key.padEnd(8)} run ${round}: ${r.wallS.toFixed(2)} s wall, ${r.cpuS.toFixed(1)} s CPU${args.length ? ` (${args.join(' ')})` : ''}`);
      }
    for (const [key] of runs) {
      const r = res[key]!;
      out[`cases.${key}.wallSeconds`] = r.wallS;
      if (Number.isFinite(r.cpuS)) out[`cases.${key}.cpuSeconds`] = r.cpuS;
    }
    let mismatches = 0, maxRel = 0;
    for (const other of ['now1', 'baseline']) {
      const o = res[other];
      if (!o) continue;
      res.now!.lines.forEach((l, i) => {
        if (l.recovered !== o.lines[i]!.recovered) mismatches++;
        maxRel = Math.max(maxRel, Math.abs(l.objective - o.lines[i]!.objective) / Math.max(1, Math.abs(o.lines[i]!.objective)));
      });
    }
    out['cases.verdictMismatches'] = mismatches;
    out['cases.objectives.maxRelativeDifference'] = maxRel;
    if (res.baseline) {
      out['cases.speedupVsBaseline.wall'] = res.baseline.wallS / res.now!.wallS;
      out['cases.speedupVsBaseline.oneThread.wall'] = res.baseline.wallS / res.now1!.wallS;
      log(`cases: whole process ${out['cases.speedupVsBaseline.wall']!.toFixed(1)}x the engine before issue 10 (${out['cases.speedupVsBaseline.oneThread.wall']!.toFixed(1)}x on one thread); goal 10x`);
    }
    log(`cases: ${mismatches} verdict mismatches, objectives within ${maxRel.toExponential(1)} relative`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchCases({ quick: process.argv.includes('--quick') });
  for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v}\n`);
}
