/**
 * Reproducible planted problems (science.md section 4).
 * X = randn(n, d) / sqrt(n), or its cubic / whitened / cubic-whitened variants; planted single or k ReLU
 * neurons, a linear model (for the skip architecture) or k normalized neurons; label noise
 * y <- y + sigma z / sqrt(n); a fresh noise-free test set from the same distribution.
 */
import type { InstanceSpec } from '@rlab/shared';
import { Rng } from './rng.ts';
import { type Mat, zeros, matvec, gram, symEig, matmul, norm2 } from './linalg.ts';
import type { Instance, PlantedModel, PlantedNeuron } from './instance.ts';

export function instanceName(spec: InstanceSpec): string {
  const sig = spec.sigma > 0 ? `-sigma${spec.sigma}` : '';
  const beta = spec.beta > 0 ? `-beta${spec.beta}` : '';
  return `${spec.architecture}-${spec.program}-${spec.planted.kind}${spec.planted.k > 1 ? spec.planted.k : ''}-${spec.data}-n${spec.n}-d${spec.d}${sig}${beta}-seed${spec.seed}`;
}

/** the key every random stream of an instance derives from: the data and planted model, not the solver */
function dataKey(spec: InstanceSpec): string {
  const p = spec.planted;
  return `rlab/1|${spec.data}|${spec.n}|${spec.d}|${spec.seed}|${p.kind}|${p.k}|${p.weights}`;
}

/** raw draws of the chosen distribution, before the 1/sqrt(n) scale */
function drawRaw(rng: Rng, rows: number, d: number, cubic: boolean): Mat {
  const Z = zeros(rows, d);
  for (let i = 0; i < Z.a.length; i++) {
    const z = rng.normal();
    Z.a[i] = cubic ? z * z * z : z;
  }
  return Z;
}

/** W = (Z^T Z)^{-1/2}: Z W has orthonormal columns */
function whitener(Z: Mat): Mat {
  const { values, vectors } = symEig(gram(Z));
  const d = Z.c;
  const W = zeros(d, d);
  const maxv = Math.max(...values);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const lam = values[k]!;
        if (lam <= 1e-13 * maxv) continue;
        s += (vectors.a[i * d + k]! * vectors.a[j * d + k]!) / Math.sqrt(lam);
      }
      W.a[i * d + j] = s;
    }
  }
  return W;
}

function scale(M: Mat, s: number): Mat {
  for (let i = 0; i < M.a.length; i++) M.a[i]! *= s;
  return M;
}

export function relu(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! > 0 ? v[i]! : 0;
  return out;
}

function unitGaussian(rng: Rng, d: number): Float64Array {
  for (;;) {
    const w = rng.normals(d);
    const nw = norm2(w);
    if (nw > 0) {
      for (let i = 0; i < d; i++) w[i]! /= nw;
      return w;
    }
  }
}

/** smallest right singular vector of X (eigenvector of X^T X with the least eigenvalue), sign fixed */
export function smallestRightSingular(X: Mat): Float64Array {
  const { values, vectors } = symEig(gram(X));
  let k = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[k]!) k = i;
  const d = X.c;
  const v = new Float64Array(d);
  for (let i = 0; i < d; i++) v[i] = vectors.a[i * d + k]!;
  // deterministic sign: largest-magnitude entry positive
  let m = 0;
  for (let i = 1; i < d; i++) if (Math.abs(v[i]!) > Math.abs(v[m]!)) m = i;
  if (v[m]! < 0) for (let i = 0; i < d; i++) v[i] = -v[i]!;
  return v;
}

/** f*(X) of a planted model (normalized neurons reuse their training normalizer) */
export function plantedPredict(architecture: Instance['architecture'], planted: PlantedModel, X: Mat): Float64Array {
  const out = new Float64Array(X.r);
  if (planted.skip) {
    const lin = matvec(X, planted.skip);
    for (let i = 0; i < X.r; i++) out[i]! += lin[i]!;
  }
  for (const nrn of planted.neurons) {
    const act = relu(matvec(X, nrn.w));
    const s = architecture === 'normalized' ? (nrn.normalizer && nrn.normalizer > 0 ? 1 / nrn.normalizer : 0) : 1;
    for (let i = 0; i < X.r; i++) out[i]! += nrn.a * s * act[i]!;
  }
  return out;
}

export function generateInstance(spec: InstanceSpec): Instance {
  const { n, d } = spec;
  const key = dataKey(spec);
  const rng = new Rng(key);
  const dataRng = rng.fork('X');
  const weightRng = rng.fork('w');
  const noiseRng = new Rng(`${key}|noise|${spec.sigma}`);
  const testRng = rng.fork('test');

  const cubic = spec.data === 'cubic' || spec.data === 'cubic-whitened';
  const whitened = spec.data === 'whitened' || spec.data === 'cubic-whitened';
  const Zraw = drawRaw(dataRng, n, d, cubic);
  let X: Mat;
  let W: Mat | null = null;
  if (whitened) {
    W = whitener(Zraw);
    X = matmul(Zraw, W);
  } else {
    X = scale(Zraw, 1 / Math.sqrt(n));
  }

  const p = spec.planted;
  let planted: PlantedModel | null = null;
  if (p.kind === 'linear') {
    const w = p.weights === 'smallest-singular' ? smallestRightSingular(X) : unitGaussian(weightRng, d);
    planted = { neurons: [], skip: w };
  } else if (p.kind === 'relu' || p.kind === 'normalized') {
    const neurons: PlantedNeuron[] = [];
    for (let j = 0; j < p.k; j++) {
      let w: Float64Array;
      if (p.weights === 'basis') {
        w = new Float64Array(d);
        w[j % d] = 1;
      } else if (p.weights === 'opposite' && j % 2 === 1) {
        w = neurons[j - 1]!.w.map((v) => -v);
      } else {
        w = unitGaussian(weightRng, d);
      }
      const a = p.kind === 'normalized' ? 1 : (p.signs?.[j] ?? (j % 2 === 0 ? 1 : -1));
      const nrn: PlantedNeuron = { w, a };
      if (p.kind === 'normalized') nrn.normalizer = norm2(relu(matvec(X, w)));
      neurons.push(nrn);
    }
    planted = { neurons, skip: null };
  }

  const y = planted ? plantedPredict(spec.architecture, planted, X) : noiseRng.fork('labels').normals(n);
  if (spec.sigma > 0) {
    const z = noiseRng.normals(n);
    const s = spec.sigma / Math.sqrt(n);
    for (let i = 0; i < n; i++) y[i]! += s * z[i]!;
  }

  let test: Instance['test'] = null;
  if (planted && spec.testSize > 0) {
    const Zt = drawRaw(testRng, spec.testSize, d, cubic);
    const Xt = W ? matmul(Zt, W) : scale(Zt, 1 / Math.sqrt(n));
    test = { X: Xt, y: plantedPredict(spec.architecture, planted, Xt) };
  }

  return {
    name: instanceName(spec),
    architecture: spec.architecture,
    program: spec.program,
    beta: spec.beta,
    X,
    y,
    planted,
    test,
  };
}
