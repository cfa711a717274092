/**
 * Full-batch training of the two-layer ReLU networks of science.md section 2 on TensorFlow.js (float32),
 * as the authors' PyTorch scripts do (section 7): width m (default n + 1), no biases, PyTorch's default
 * initialization, AdamW (lr 2e-3, weight_decay = beta) or plain gradient descent.
 *
 * Loss: the sum of squared errors, NOT halved: L = sum_i (f(x_i) - y_i)^2 (torch's MSELoss(reduction='sum')).
 * Weight decay, as torch applies it:
 *   AdamW (decoupled): p <- p (1 - lr beta) - lr mhat / (sqrt(vhat) + eps),  betas (0.9, 0.999), eps 1e-8
 *   GD:                p <- p - lr (grad L + beta p)    (the gradient of L + (beta/2) ||theta||^2)
 * The decay acts on every weight (first layer, output layer, skip), like torch's weight_decay on all parameters.
 *
 * Initialization: torch.nn.Linear(fan_in, fan_out, bias=False) draws U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * (kaiming_uniform_ with a = sqrt(5)): first layer and skip fan_in = d, output layer fan_in = m. Drawn from
 * the engine's portable Rng (not torch's generator), so the same seed gives the same initial network on
 * every machine; `initScale` multiplies both bounds.
 */
import * as tf from '@tensorflow/tfjs';
import type { Architecture } from '@rlab/shared';
import { Rng } from '../rng.ts';

export const OPTIMIZERS = ['adamw', 'gd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface NetworkWeights {
  /** first layer, d x m row-major (column j is neuron j's w) */
  W: Float32Array;
  /** output layer, m */
  a: Float32Array;
  /** skip neuron w_0 (skip architecture), d */
  w0: Float32Array | null;
  d: number;
  m: number;
}

/** PyTorch's nn.Linear default initialization, from a seeded portable stream */
export function initNetwork(architecture: Architecture, d: number, m: number, seedKey: string, initScale = 1): NetworkWeights {
  const rng = new Rng(`rlab-train/1|${seedKey}`);
  const b1 = initScale / Math.sqrt(d);
  const b2 = initScale / Math.sqrt(m);
  const u = (b: number) => (2 * rng.uniform() - 1) * b;
  const W = new Float32Array(d * m);
  // neuron by neuron (torch's weight is m x d, row j = neuron j)
  for (let j = 0; j < m; j++) for (let k = 0; k < d; k++) W[k * m + j] = u(b1);
  const a = new Float32Array(m);
  for (let j = 0; j < m; j++) a[j] = u(b2);
  let w0: Float32Array | null = null;
  if (architecture === 'skip') {
    w0 = new Float32Array(d);
    for (let k = 0; k < d; k++) w0[k] = u(b1);
  }
  return { W, a, w0, d, m };
}

export interface TrainLoopOptions {
  architecture: Architecture;
  optimizer: OptimizerName;
  lr: number;
  weightDecay: number;
  epochs: number;
  /** stop when the loss (checked at the sampled epochs) drops below tol; 0 = never */
  tol: number;
  /** about this many points in the loss curve */
  curvePoints: number;
}

export interface TrainLoopOutput {
  weights: NetworkWeights;
  /** the loss before each sampled epoch's update, then the final loss */
  lossCurve: { epoch: number; loss: number }[];
  finalLoss: number;
  epochsRun: number;
  stoppedEarly: boolean;
}

let runCounter = 0;
const ADAM_B1 = 0.9, ADAM_B2 = 0.999, ADAM_EPS = 1e-8;

function variableFrom(values: Float32Array, shape: [number, number], name: string): tf.Variable {
  const t = tf.tensor2d(values, shape);
  const v = tf.variable(t, true, name);
  t.dispose();
  return v;
}

/** the network's prediction on X (n x d) as an n x 1 tensor */
function forward(architecture: Architecture, X: tf.Tensor2D, W: tf.Variable, a: tf.Variable, w0: tf.Variable | null): tf.Tensor2D {
  let H = tf.relu(tf.matMul(X, W as tf.Tensor2D));
  if (architecture === 'normalized') {
    // NM(v) = v / ||v|| over the samples; a dead neuron (v = 0) contributes 0, as in F.normalize
    const norms = tf.sqrt(tf.sum(tf.square(H), 0, true));
    H = tf.div(H, tf.maximum(norms, 1e-12)) as tf.Tensor2D;
  }
  let f: tf.Tensor2D = tf.matMul(H, a as tf.Tensor2D);
  if (w0) f = tf.add(f, tf.matMul(X, w0 as tf.Tensor2D)) as tf.Tensor2D;
  return f;
}

/** train on X (n x d, row-major float64) and y; the active tfjs backend does the arithmetic in float32 */
export async function trainLoop(X: Float64Array, y: Float64Array, init: NetworkWeights, opts: TrainLoopOptions): Promise<TrainLoopOutput> {
  const n = y.length;
  const { d, m } = init;
  const Xt = tf.tensor2d(Float32Array.from(X), [n, d]);
  const yt = tf.tensor2d(Float32Array.from(y), [n, 1]);
  // variable names are global in tfjs: unique per run, so that runs may interleave in one thread
  const id = ++runCounter;
  const W = variableFrom(init.W, [d, m], `rlab_W_${id}`);
  const a = variableFrom(init.a, [m, 1], `rlab_a_${id}`);
  const w0 = init.w0 ? variableFrom(init.w0, [d, 1], `rlab_w0_${id}`) : null;
  const vars = w0 ? [W, a, w0] : [W, a];
  const moments = opts.optimizer === 'adamw' ? vars.map((v) => tf.tidy(() => ({ m: tf.variable(tf.zerosLike(v), false), v: tf.variable(tf.zerosLike(v), false) }))) : [];
  const lossFn = () => tf.sum(tf.square(tf.sub(forward(opts.architecture, Xt, W, a, w0), yt))) as tf.Scalar;
  const every = Math.max(1, Math.floor(opts.epochs / Math.max(1, opts.curvePoints)));
  const lossCurve: { epoch: number; loss: number }[] = [];
  let epochsRun = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const sample = epoch % every === 0;
      const lossValue: tf.Scalar | undefined = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(lossFn, vars);
        const t = epoch + 1;
        vars.forEach((p, i) => {
          const g = grads[p.name]!;
          if (opts.optimizer === 'adamw') {
            const mo = moments[i]!;
            const m1 = tf.add(tf.mul(mo.m, ADAM_B1), tf.mul(g, 1 - ADAM_B1));
            const v1 = tf.add(tf.mul(mo.v, ADAM_B2), tf.mul(tf.square(g), 1 - ADAM_B2));
            mo.m.assign(m1);
            mo.v.assign(v1);
            const bc1 = 1 - ADAM_B1 ** t;
            const bc2 = 1 - ADAM_B2 ** t;
            const denom = tf.add(tf.div(tf.sqrt(v1), Math.sqrt(bc2)), ADAM_EPS);
            const decayed = opts.weightDecay > 0 ? tf.mul(p, 1 - opts.lr * opts.weightDecay) : p;
            p.assign(tf.sub(decayed, tf.mul(tf.div(m1, denom), opts.lr / bc1)));
          } else {
            const step = opts.weightDecay > 0 ? tf.add(g, tf.mul(p, opts.weightDecay)) : g;
            p.assign(tf.sub(p, tf.mul(step, opts.lr)));
          }
        });
        return sample ? tf.keep(value) : undefined;
      }) as tf.Scalar | undefined;
      epochsRun = epoch + 1;
      if (lossValue) {
        const loss = (await lossValue.data())[0]!;
        lossValue.dispose();
        lossCurve.push({ epoch, loss });
        if (!Number.isFinite(loss)) break;
        if (opts.tol > 0 && loss < opts.tol) {
          stoppedEarly = epochsRun < opts.epochs;
          break;
        }
      }
    }
    const finalT: tf.Scalar = tf.tidy(lossFn);
    const finalLoss = (await finalT.data())[0]!;
    finalT.dispose();
    lossCurve.push({ epoch: epochsRun, loss: finalLoss });
    const weights: NetworkWeights = {
      W: Float32Array.from(await W.data()),
      a: Float32Array.from(await a.data()),
      w0: w0 ? Float32Array.from(await w0.data()) : null,
      d,
      m,
    };
    return { weights, lossCurve, finalLoss, epochsRun, stoppedEarly };
  } finally {
    for (const t of [Xt, yt, ...vars, ...moments.flatMap((mo) => [mo.m, mo.v])]) t.dispose();
  }
}
