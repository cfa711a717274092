#!/usr/bin/env node
/**
 * rlab: the Recovery Lab command line. Each subcommand lives in commands/<name>.ts and registers itself
 * on the program; this file only wires them together and turns errors into messages and exit codes.
 */
import { Command, CommanderError } from 'commander';
import { registerSolve } from './commands/solve.ts';
import { registerExportCase } from './commands/exportCase.ts';
import { registerSweep } from './commands/sweep.ts';
import { extraCommands } from './commands/index.ts';
import { InputError } from '../engine/caseFile.ts';

const program = new Command();
program
  .name('rlab')
  .description('Recovery Lab: planted recovery problems, convex programs, certificates and sweeps')
  .showHelpAfterError()
  .exitOverride();

registerSolve(program);
registerExportCase(program);
registerSweep(program);
for (const register of extraCommands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof InputError) {
    process.stderr.write(`rlab: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`rlab: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}
