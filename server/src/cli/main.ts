#!/usr/bin/env node
/**
 * rlab: the Recovery Lab command line. Each subcommand lives in commands/<name>.ts and registers itself
 * on the program; this file only wires them together and turns errors into messages and exit codes.
 * Commands load lazily (commands/index.ts): only the one named on the command line is imported, so a
 * solve starts without the server, database or training stacks.
 */
import { Command, CommanderError } from 'commander';
import { commandLoaders } from './commands/index.ts';
import { InputError } from '../engine/caseFile.ts';

const program = new Command();
program
  .name('rlab')
  .description('Recovery Lab: planted recovery problems, convex programs, certificates and sweeps')
  .showHelpAfterError()
  .exitOverride();

/** the subcommand named on the command line: rlab has no global options, so it is the first argument */
function requestedCommand(argv: string[]): string | undefined {
  const first = argv[2];
  return first !== undefined && Object.hasOwn(commandLoaders, first) ? first : undefined;
}

try {
  const only = requestedCommand(process.argv);
  // help, no command or an unknown one: register every command, so help and "did you mean" list them all
  const names = only ? [only] : Object.keys(commandLoaders);
  const registers = await Promise.all(names.map((name) => commandLoaders[name]!()));
  for (const register of registers) register(program);
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
