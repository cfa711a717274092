/**
 * rlab reproduce [--scale tiny|quick|paper] [--out DIR] [--db FILE] [--workers N] [--only KEY,...]
 * Runs the experiment set of science.md section 7 through the job system (the experiments are stored and
 * browsable like any other), then writes DIR/report.html (every figure as inline SVG) and
 * DIR/summary.json (the thresholds). Interrupted (Ctrl-C, kill), the same command resumes: experiments
 * are found again by their stable names, finished runs are not redone.
 */
import type { Command } from 'commander';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../engine/caseFile.ts';
import { defaultDbFile } from '../../db/client.ts';
import { SCALES, plan, type Scale } from '../../reproduce/plan.ts';
import { Interrupted, runPlan } from '../../reproduce/runner.ts';
import { buildReport } from '../../reproduce/report.ts';
import { parseNumber } from '../options.ts';

interface ReproduceFlags {
  scale: string;
  out: string;
  db?: string;
  workers?: string;
  only?: string;
}

interface Invocation {
  startedAt: string;
  seconds: number;
  interrupted: boolean;
}

function readInvocations(file: string): Invocation[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Invocation];
      } catch {
        return [];
      }
    });
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description('rerun the paper\'s experiments (science.md section 7) through the job system and write an HTML report; rerun to resume')
    .option('--scale <scale>', `grid size: ${SCALES.join(', ')} (quick: under 15 minutes on 2 cores; paper: the authors' grids)`, 'quick')
    .option('--out <dir>', 'output folder (report.html, summary.json)', 'reproduce-report')
    .option('--db <file>', `SQLite database file (default ${defaultDbFile()}, the one rlab serve uses)`)
    .option('--workers <n>', 'compute processes (default: one per core)')
    .option('--only <keys>', 'run only these experiments (comma-separated keys, e.g. normalized-k1,normalized-k2); the report covers them alone')
    .action(async (flags: ReproduceFlags) => {
      if (!(SCALES as readonly string[]).includes(flags.scale)) throw new InputError(`--scale "${flags.scale}" is not allowed; allowed: ${SCALES.join(', ')}`, 'scale');
      const scale = flags.scale as Scale;
      const keys = plan(scale).map((it) => it.key);
      let only: string[] | undefined;
      if (flags.only !== undefined) {
        only = [...new Set(flags.only.split(',').map((k) => k.trim()).filter(Boolean))];
        const unknown = only.filter((k) => !keys.includes(k));
        if (only.length === 0 || unknown.length > 0)
          throw new InputError(`--only "${flags.only}": ${only.length === 0 ? 'no experiment named' : `${unknown.map((k) => `"${k}"`).join(', ')} is not an experiment`}; allowed: ${keys.join(', ')}`, 'only');
      }
      const workers = flags.workers === undefined ? undefined : parseNumber('workers', flags.workers, { integer: true, min: 1, max: 256 });
      const out = resolve(flags.out);
      try {
        mkdirSync(join(out, '.cache'), { recursive: true });
      } catch (e) {
        throw new InputError(`--out "${flags.out}": cannot create the folder (${e instanceof Error ? e.message : String(e)})`, 'out');
      }
      const dbFile = flags.db ? resolve(flags.db) : defaultDbFile();
      const invocationsFile = join(out, '.cache', 'invocations.jsonl');
      const startedAt = new Date().toISOString();
      const t0 = performance.now();
      const log = (line: string) => process.stderr.write(`${line}\n`);
      let interrupted = false;
      const onSignal = (sig: NodeJS.Signals) => {
        if (interrupted) return;
        interrupted = true;
        log(`reproduce: ${sig}: stopping; rerun the same command to resume`);
        appendFileSync(invocationsFile, JSON.stringify({ startedAt, seconds: (performance.now() - t0) / 1000, interrupted: true }) + '\n');
        // the convex wait loop notices within a second and closes the server; training cannot be stopped
        // mid-network, and its finished networks are cached already
        setTimeout(() => process.exit(130), 5000).unref();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const outcome = await runPlan({ scale, out, dbFile, ...(workers !== undefined ? { workers } : {}), ...(only ? { only } : {}), log, interrupted: () => interrupted });
        const invocations = [...readInvocations(invocationsFile), { startedAt, seconds: outcome.seconds.total, interrupted: false }];
        const { summary, html, headline } = buildReport(scale, outcome, invocations);
        appendFileSync(invocationsFile, JSON.stringify({ startedAt, seconds: outcome.seconds.total, interrupted: false }) + '\n');
        writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
        writeFileSync(join(out, 'report.html'), html);
        log(`reproduce: ${headline}`);
        log(`reproduce: ${summary.agreed.length} findings agreed, ${summary.disagreed.length} did not; ${outcome.seconds.total.toFixed(1)} s; wrote ${join(out, 'report.html')} and summary.json`);
      } catch (err) {
        if (err instanceof Interrupted) {
          process.exitCode = 130;
          return;
        }
        throw err;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
