/**
 * rlab train --arch skip --n 60 --d 20 [--width 61 --epochs 400 --backend wasm ...]
 *     generate one instance, train the network on it (and, unless --no-compare, solve the convex program on
 *     the same data) and print one JSON line: { spec, result, convex: { result, comparison } }
 * rlab train --case FILE      the same on a case file's data
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { caseToInstance, InputError } from '../../engine/caseFile.ts';
import { generateInstance } from '../../engine/data.ts';
import type { Instance } from '../../engine/instance.ts';
import { trainInstance, releaseGpu, BACKENDS, OPTIMIZERS, type TrainOptions, type TrainOutput, type OptimizerName } from '../../engine/train/index.ts';
import { addInstanceFlags, singleSpec, parseNumber, type InstanceFlags } from '../options.ts';

interface TrainFlags extends InstanceFlags {
  case?: string;
  width?: string;
  epochs: string;
  tol: string;
  optimizer: string;
  lr: string;
  weightDecay?: string;
  initScale: string;
  initSeed?: string;
  backend?: string;
  compare: boolean;
  curvePoints: string;
}

function readCaseFile(path: string): Instance {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`--case "${path}": cannot read it as JSON (${e instanceof Error ? e.message : String(e)})`, 'case');
  }
  return caseToInstance(raw, path);
}

export function trainOptionsFromFlags(f: TrainFlags): TrainOptions {
  if (!(OPTIMIZERS as readonly string[]).includes(f.optimizer)) throw new InputError(`--optimizer "${f.optimizer}" is not allowed; allowed: ${OPTIMIZERS.join(', ')}`, 'optimizer');
  const opts: TrainOptions = {
    epochs: parseNumber('epochs', f.epochs, { integer: true, min: 0, max: 10_000_000 }),
    tol: parseNumber('tol', f.tol, { min: 0 }),
    optimizer: f.optimizer as OptimizerName,
    lr: parseNumber('lr', f.lr, { min: Number.MIN_VALUE }),
    initScale: parseNumber('init-scale', f.initScale, { min: Number.MIN_VALUE }),
    curvePoints: parseNumber('curve-points', f.curvePoints, { integer: true, min: 1, max: 100000 }),
    compare: f.compare,
  };
  if (f.width !== undefined) opts.width = parseNumber('width', f.width, { integer: true, min: 1, max: 100000 });
  if (f.weightDecay !== undefined) opts.weightDecay = parseNumber('weight-decay', f.weightDecay, { min: 0 });
  if (f.initSeed !== undefined) opts.seed = f.initSeed;
  if (f.backend !== undefined) opts.backend = f.backend;
  return opts;
}

function printOutput(out: TrainOutput, extra: Record<string, unknown>): void {
  const line: Record<string, unknown> = { ...extra, result: out.result };
  if (out.convex) line.convex = { result: out.convex.result, comparison: out.convex.comparison };
  process.stdout.write(JSON.stringify(line) + '\n');
}

export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description('train the two-layer ReLU network (full batch, float32 on TensorFlow.js) on one instance and compare it with the convex solution; prints JSON');
  cmd.option('--case <file>', 'train on a case file\'s data instead of a generated instance');
  addInstanceFlags(cmd, false);
  cmd
    .option('--width <m>', 'hidden neurons (default n + 1)')
    .option('--epochs <count>', 'full-batch epochs', '400')
    .option('--tol <loss>', 'stop when the loss (sum of squared errors) drops below this (0: never)', '0')
    .option('--optimizer <name>', `optimizer: ${OPTIMIZERS.join(', ')}`, 'adamw')
    .option('--lr <rate>', 'learning rate', '2e-3')
    .option('--weight-decay <beta>', 'weight decay (default: --beta when > 0, else 1e-6)')
    .option('--init-scale <s>', 'multiplies PyTorch\'s default init bounds', '1')
    .option('--init-seed <key>', 'initialization seed (default: the instance name, which includes --seed)')
    .option('--backend <name>', `compute backend: ${BACKENDS.join(', ')} (default: RLAB_BACKEND, else wasm)`)
    .option('--no-compare', 'skip the convex solve on the same data')
    .option('--curve-points <count>', 'points in the sampled loss curve', '50');
  cmd.action(async (f: TrainFlags) => {
    const opts = trainOptionsFromFlags(f);
    try {
      if (f.case !== undefined) {
        const inst = readCaseFile(f.case);
        printOutput(await trainInstance(inst, opts), { case: f.case });
        return;
      }
      const spec = singleSpec(f);
      printOutput(await trainInstance(generateInstance(spec), opts), { spec });
    } finally {
      releaseGpu();
    }
  });
}
