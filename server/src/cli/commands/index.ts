/**
 * Subcommands beyond the engine's core ones (solve, export-case, sweep). Add one line per command here;
 * each command's code lives in its own file in this folder.
 */
import type { Command } from 'commander';
import { registerTrain } from './train.ts';
import { registerBackends } from './backends.ts';
import { registerServe } from './serve.ts';
import { registerWorker } from './worker.ts';
import { registerReproduce } from './reproduce.ts';

export const extraCommands: ((program: Command) => void)[] = [
  registerTrain,
  registerBackends,
  registerServe,
  registerWorker,
  registerReproduce,
];
