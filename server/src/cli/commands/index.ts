/**
 * Every subcommand of rlab, loaded lazily: main.ts imports only the module of the command being run
 * (so `rlab solve` never loads TensorFlow.js, Apollo or Prisma), and all of them for help or an unknown
 * command. Add one line per command here; each command's code lives in its own file in this folder and
 * exports a register function.
 */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

/** command name -> loader of its register function, in the order help lists them */
export const commandLoaders: Record<string, () => Promise<RegisterCommand>> = {
  solve: async () => (await import('./solve.ts')).registerSolve,
  'export-case': async () => (await import('./exportCase.ts')).registerExportCase,
  sweep: async () => (await import('./sweep.ts')).registerSweep,
  train: async () => (await import('./train.ts')).registerTrain,
  backends: async () => (await import('./backends.ts')).registerBackends,
  serve: async () => (await import('./serve.ts')).registerServe,
  worker: async () => (await import('./worker.ts')).registerWorker,
  reproduce: async () => (await import('./reproduce.ts')).registerReproduce,
};
