/**
 * rlab solve --case PATH...      solve case files (or directories of them), one JSON line per case
 * rlab solve --arch ... --n --d   generate and solve one instance
 */
import type { Command } from 'commander';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { caseToInstance, InputError } from '../../engine/caseFile.ts';
import { solveInstance } from '../../engine/solve.ts';
import { runSpec } from '../../engine/run.ts';
import { addInstanceFlags, singleSpec, type InstanceFlags } from '../options.ts';

export function listCaseFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`--case "${p}": no such file or directory`, 'case');
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith('.json')) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

export function readCase(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'case');
  }
  return caseToInstance(raw, path);
}

export function registerSolve(program: Command): void {
  const cmd = program.command('solve').description('solve case files, or one generated instance, and print results as JSON lines');
  cmd.option('--case <paths...>', 'case files or directories of them');
  cmd.option('--best-dual', 'also compute the best-dual certificate (one more convex program per case)');
  addInstanceFlags(cmd, false);
  cmd.action((opts: InstanceFlags & { case?: string[]; bestDual?: boolean }) => {
    if (opts.case) {
      const files = listCaseFiles(opts.case);
      if (files.length === 0) throw new InputError(`--case ${opts.case.join(' ')}: no .json case files found`, 'case');
      // validate everything first so a bad file fails before any output
      const instances = files.map(readCase);
      for (const inst of instances) {
        const { result } = solveInstance(inst, { seedKey: inst.name, bestDual: !!opts.bestDual });
        process.stdout.write(JSON.stringify(result) + '\n');
      }
      return;
    }
    const spec = singleSpec(opts);
    const { result } = runSpec(spec, { bestDual: !!opts.bestDual });
    process.stdout.write(JSON.stringify({ ...result, spec }) + '\n');
  });
}
