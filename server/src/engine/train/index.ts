/**
 * Non-convex training, the engine's entry points: spec or instance in, a result in the shape of a convex
 * solve (SolveResult) out, optionally with the convex program solved on the same data side by side.
 * Pure apart from the compute backend; safe to call inside a worker_thread (the backend starts once per
 * thread on first use).
 */
import type { InstanceSpec, NeuronOut, SolveResult } from '@rlab/shared';
import type { Instance } from '../instance.ts';
import { generateInstance } from '../data.ts';
import { solveInstance } from '../solve.ts';
import { norm2 } from '../linalg.ts';
import { resolveBackendName, useBackend, type BackendName } from './backends.ts';
import { initNetwork, trainLoop, OPTIMIZERS, type OptimizerName } from './trainer.ts';
import {
  mergeNeurons,
  effectiveToNeurons,
  countActive,
  compareToPlanted,
  compareNetworks,
  testErrorOf,
  normalizerOf,
  DEFAULT_MERGE_COSINE,
  TRAIN_RECOVERY_TOL,
  TRAIN_TEST_TOL,
  type NetworkComparison,
} from './metrics.ts';
import { InputError } from '../caseFile.ts';

export { BACKENDS, resolveBackendName, probeBackends, useBackend, releaseGpu, BackendError, type BackendName, type BackendStatus } from './backends.ts';
export { OPTIMIZERS, type OptimizerName } from './trainer.ts';
export * from './metrics.ts';

export interface TrainOptions {
  /** hidden width m (default n + 1) */
  width?: number;
  /** full-batch epochs (default 400) */
  epochs?: number;
  /** stop when the loss drops below tol (checked at the loss-curve samples); default 0 = run all epochs */
  tol?: number;
  optimizer?: OptimizerName;
  /** learning rate (default 2e-3, the authors' AdamW rate; also the GD default) */
  lr?: number;
  /** weight decay; default the instance's beta when > 0, else 1e-6 (the authors') */
  weightDecay?: number;
  /** multiplies PyTorch's default init bounds (default 1) */
  initScale?: number;
  /** initialization seed (default: the instance name) */
  seed?: string | number;
  /** compute backend: default RLAB_BACKEND, else wasm */
  backend?: BackendName | string;
  /** points in the loss curve (default 50) */
  curvePoints?: number;
  /** cosine above which neurons merge (default 0.9999) */
  mergeCosine?: number;
  /** also solve the convex program on the same data and compare */
  compare?: boolean;
}

export interface TrainResult extends SolveResult {
  method: 'train';
  /** cosines of the matched effective neurons with the planted neurons, then of w_0 with w_0* (null: no match) */
  alignment: (number | null)[];
  lossCurve: { epoch: number; loss: number }[];
  /** the training loop alone (timeMs adds initialization and metrics) */
  trainMs: number;
  backend: BackendName;
  precision: 'float32';
  width: number;
  optimizer: OptimizerName;
  lr: number;
  weightDecay: number;
  epochs: number;
  stoppedEarly: boolean;
  initScale: number;
  /** the trained neurons merged by direction, written as balanced neurons (see metrics.ts) */
  effectiveNeurons: NeuronOut[];
  distanceRel: number | null;
  /** (beta/2) ||theta||^2 of the trained weights */
  penalty: number;
  /** how recovered was decided */
  criterion: string;
}

export interface TrainOutput {
  result: TrainResult;
  network: { neurons: NeuronOut[]; skip: number[] | null };
  /** when compare: the convex program's answer on the same data and how the two agree */
  convex?: { result: SolveResult; network: { neurons: NeuronOut[]; skip: number[] | null }; comparison: NetworkComparison | null };
}

const CRITERION = `distance / ||planted|| <= ${TRAIN_RECOVERY_TOL} after merging neurons by direction; testOk: test error / ||f*(X_test)|| < ${TRAIN_TEST_TOL}`;

function check(field: string, value: number, ok: boolean, allowed: string): void {
  if (!ok) throw new InputError(`train option "${field}" = ${value}: ${allowed}`, field);
}

/** train a network on an instance's data and measure it against the planted model */
export async function trainInstance(inst: Instance, opts: TrainOptions = {}): Promise<TrainOutput> {
  const t0 = performance.now();
  const { X, y } = inst;
  const n = X.r, d = X.c;
  const width = opts.width ?? n + 1;
  const epochs = opts.epochs ?? 400;
  const optimizer = opts.optimizer ?? 'adamw';
  const lr = opts.lr ?? 2e-3;
  const weightDecay = opts.weightDecay ?? (inst.beta > 0 ? inst.beta : 1e-6);
  const initScale = opts.initScale ?? 1;
  const mergeCosine = opts.mergeCosine ?? DEFAULT_MERGE_COSINE;
  check('width', width, Number.isInteger(width) && width >= 1 && width <= 100000, 'must be an integer from 1 to 100000');
  check('epochs', epochs, Number.isInteger(epochs) && epochs >= 0, 'must be an integer >= 0');
  check('lr', lr, Number.isFinite(lr) && lr > 0, 'must be a finite number > 0');
  check('weightDecay', weightDecay, Number.isFinite(weightDecay) && weightDecay >= 0, 'must be a finite number >= 0');
  check('initScale', initScale, Number.isFinite(initScale) && initScale > 0, 'must be a finite number > 0');
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer)) throw new InputError(`train option "optimizer" = "${optimizer}": allowed: ${OPTIMIZERS.join(', ')}`, 'optimizer');

  const backend = await useBackend(resolveBackendName(opts.backend));
  const seedKey = String(opts.seed ?? inst.name);
  const init = initNetwork(inst.architecture, d, width, seedKey, initScale);
  const tLoop = performance.now();
  const run = await trainLoop(X.a, y, init, {
    architecture: inst.architecture,
    optimizer,
    lr,
    weightDecay,
    epochs,
    tol: opts.tol ?? 0,
    curvePoints: opts.curvePoints ?? 50,
  });

  const trainMs = performance.now() - tLoop;
  // the learned network, in float64 from here on
  const { W, a, w0 } = run.weights;
  const neurons: NeuronOut[] = [];
  let theta2 = 0;
  for (let j = 0; j < width; j++) {
    const w = new Array<number>(d);
    for (let k = 0; k < d; k++) w[k] = W[k * width + j]!;
    const nrn: NeuronOut = { w, a: a[j]! };
    if (inst.architecture === 'normalized') nrn.normalizer = normalizerOf(X, w);
    neurons.push(nrn);
    theta2 += norm2(w) ** 2 + a[j]! ** 2;
  }
  const skip = w0 ? Array.from(w0) : null;
  if (skip) theta2 += norm2(skip) ** 2;

  const eff = mergeNeurons(inst.architecture, neurons, mergeCosine);
  const effectiveNeurons = effectiveToNeurons(inst.architecture, eff, X);
  const vsPlanted = inst.planted ? compareToPlanted(inst.architecture, eff, skip, inst.planted) : null;
  const test = inst.test && inst.planted ? testErrorOf(inst.architecture, neurons, skip, inst.test) : null;

  const result: TrainResult = {
    name: inst.name,
    method: 'train',
    recovered: vsPlanted ? vsPlanted.distanceRel <= TRAIN_RECOVERY_TOL : null,
    objective: run.finalLoss,
    distance: vsPlanted ? vsPlanted.distance : null,
    distanceRel: vsPlanted ? vsPlanted.distanceRel : null,
    relDistance: vsPlanted ? vsPlanted.distanceRel : null,
    cosines: vsPlanted ? vsPlanted.cosines : null,
    cosine: vsPlanted ? vsPlanted.cosine : null,
    support: vsPlanted ? vsPlanted.support : null,
    supportRatio: vsPlanted && Number.isFinite(vsPlanted.supportRatio) ? vsPlanted.supportRatio : null,
    testError: test ? test.testError : null,
    testErrorRel: test ? test.testErrorRel : null,
    testOk: test && test.testErrorRel !== null ? test.testErrorRel < TRAIN_TEST_TOL : null,
    activeNeurons: countActive(eff, skip),
    patterns: 0,
    iterations: run.epochsRun,
    timeMs: 0,
    trainMs,
    neurons,
    skip,
    certificate: { nic: null, kind: null },
    alignment: vsPlanted ? vsPlanted.alignment : [],
    maxOtherBlockNorm: vsPlanted ? vsPlanted.maxOtherRel : null,
    lossCurve: run.lossCurve,
    backend,
    precision: 'float32',
    width,
    optimizer,
    lr,
    weightDecay,
    epochs,
    stoppedEarly: run.stoppedEarly,
    initScale,
    effectiveNeurons,
    penalty: 0.5 * weightDecay * theta2,
    criterion: CRITERION,
    status: Number.isFinite(run.finalLoss) ? 'trained' : 'diverged',
  };
  const out: TrainOutput = { result, network: { neurons, skip } };
  result.timeMs = performance.now() - t0;
  if (opts.compare) {
    const solved = solveInstance(inst, { seedKey: inst.name });
    const testX = inst.test?.X ?? X;
    const comparison = compareNetworks(inst.architecture, out.network, solved.network, testX, inst.test && inst.planted ? inst.test.y : null, mergeCosine);
    out.convex = { result: solved.result, network: solved.network, comparison };
  }
  return out;
}

/** generate a spec's instance and train on it (the unit of work of `--method train` sweeps and jobs) */
export async function trainSpec(spec: InstanceSpec, opts: TrainOptions = {}): Promise<TrainOutput> {
  const inst = generateInstance(spec);
  return trainInstance(inst, opts);
}
