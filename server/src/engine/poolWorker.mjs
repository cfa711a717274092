// Worker-thread bootstrap of the engine pool (pool.ts): Node 20 does not apply `--import tsx/esm` to a
// worker's entry module, so register tsx's loader here, then load the TypeScript task functions.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./poolTasks.ts');

export const runTask = tasks.runTask;
export const trainTask = tasks.trainTask;
export const threadInfo = tasks.threadInfo;
export const solveCase = tasks.solveCase;
export const solveCaseFile = tasks.solveCaseFile;
