/** rlab export-case --arch ... --n --d --seed --out FILE: write a generated instance as a case file */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { generateInstance } from '../../engine/data.ts';
import { instanceToCase, InputError } from '../../engine/caseFile.ts';
import { samplePatterns } from '../../engine/patterns.ts';
import { addInstanceFlags, singleSpec, type InstanceFlags } from '../options.ts';

export function registerExportCase(program: Command): void {
  const cmd = program.command('export-case').description('write a generated instance (with its sampled patterns) as a recovery-case/1 file');
  addInstanceFlags(cmd, false);
  cmd.requiredOption('--out <file>', 'output file ("-" for standard output)');
  cmd.option('--no-patterns-in-file', 'leave the patterns out (a solver then samples its own)');
  cmd.action((opts: InstanceFlags & { out: string; patternsInFile: boolean }) => {
    const spec = singleSpec(opts);
    const inst = generateInstance(spec);
    if (opts.patternsInFile) {
      const ps = samplePatterns(inst.X, { samples: spec.patternSamples, plantedW: inst.planted?.neurons.map((p) => p.w) ?? [], seedKey: inst.name });
      inst.patterns = ps.masks;
    }
    const text = JSON.stringify({ ...instanceToCase(inst), spec }, null, 1) + '\n';
    if (opts.out === '-') process.stdout.write(text);
    else {
      try {
        writeFileSync(opts.out, text);
      } catch (e) {
        throw new InputError(`--out "${opts.out}": cannot write (${e instanceof Error ? e.message : String(e)})`, 'out');
      }
      process.stderr.write(`wrote ${opts.out}\n`);
    }
  });
}
