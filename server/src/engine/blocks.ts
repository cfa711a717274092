/**
 * The candidate blocks of a convex program (science.md section 3) and the linear maps they need,
 * built lazily: a block's n x d matrix is formed only when it enters the working set, while pricing
 * computes A_j^T lambda for every pattern at once.
 *
 *   plain relaxed:   one block per pattern, A_j = D_j X
 *   plain exact:     two blocks per pattern (u: +D_j X, v: -D_j X), cones (2 D_j - I) X u >= 0
 *   skip:            the ReLU blocks of plain, plus the linear block A = X (no cone)
 *   normalized:      A_j = U_j from the thin SVD D_j X = U_j S_j V_j^T; exact adds (2D_j - I) X V_j S_j^{-1} u >= 0
 */
import type { Architecture, Program } from '@rlab/shared';
import { type Mat, zeros, symEigQL, nnls } from './linalg.ts';
import { kernels as defaultKernels, type Kernels } from './kernels/index.ts';

export interface BlockRef {
  /** pattern index, or -1 for the skip block */
  pattern: number;
  /** +1 (u) or -1 (v) */
  sign: 1 | -1;
}

export interface PatternBasis {
  /** V_j S_j^{-1} (d x r): maps block coordinates to first-layer weights */
  VSinv: Mat;
  /** S_j V_j^T (r x d): maps first-layer weights to block coordinates */
  SVt: Mat;
  rank: number;
}

export class BlockFamily {
  readonly n: number;
  readonly d: number;
  readonly exact: boolean;
  readonly blocks: BlockRef[] = [];
  private readonly bases: (PatternBasis | null)[];

  constructor(
    readonly X: Mat,
    readonly masks: Uint8Array[],
    readonly architecture: Architecture,
    readonly program: Program,
    /** the dense kernels every solve over this family uses (default: RLAB_KERNELS, else wasm where available) */
    readonly kernels: Kernels = defaultKernels(),
  ) {
    this.n = X.r;
    this.d = X.c;
    this.exact = program === 'exact';
    this.bases = new Array(masks.length).fill(null);
    if (architecture === 'skip') this.blocks.push({ pattern: -1, sign: 1 });
    for (let j = 0; j < masks.length; j++) {
      if (architecture === 'normalized' && this.basis(j).rank === 0) continue;
      this.blocks.push({ pattern: j, sign: 1 });
      if (this.exact) this.blocks.push({ pattern: j, sign: -1 });
    }
  }

  indexOf(pattern: number, sign: 1 | -1): number {
    return this.blocks.findIndex((b) => b.pattern === pattern && b.sign === (this.exact || pattern < 0 ? sign : 1));
  }

  /** the thin-SVD basis of D_j X, from the eigendecomposition of X^T D_j X */
  basis(j: number): PatternBasis {
    const cached = this.bases[j];
    if (cached) return cached;
    const { X, d } = this;
    const mask = this.masks[j]!;
    const G = zeros(d, d);
    for (let i = 0; i < this.n; i++) {
      if (!mask[i]) continue;
      const row = i * d;
      for (let a = 0; a < d; a++) {
        const v = X.a[row + a]!;
        if (v === 0) continue;
        for (let b = a; b < d; b++) G.a[a * d + b]! += v * X.a[row + b]!;
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) G.a[a * d + b] = G.a[b * d + a]!;
    const { values, vectors } = symEigQL(G);
    const maxv = Math.max(0, ...values);
    const keep: number[] = [];
    for (let k = 0; k < d; k++) if (values[k]! > 1e-12 * maxv && values[k]! > 0) keep.push(k);
    keep.sort((a, b) => values[b]! - values[a]!);
    const r = keep.length;
    const VSinv = zeros(d, r);
    const SVt = zeros(r, d);
    for (let c = 0; c < r; c++) {
      const k = keep[c]!;
      const sv = Math.sqrt(values[k]!);
      for (let a = 0; a < d; a++) {
        VSinv.a[a * r + c] = vectors.a[a * d + k]! / sv;
        SVt.a[c * d + a] = vectors.a[a * d + k]! * sv;
      }
    }
    const basis = { VSinv, SVt, rank: r };
    this.bases[j] = basis;
    return basis;
  }

  blockDim(b: BlockRef): number {
    if (b.pattern < 0 || this.architecture !== 'normalized') return this.d;
    return this.basis(b.pattern).rank;
  }

  /** full-space columns A_b (n x d_b) */
  matrix(b: BlockRef): Mat {
    const { X, n, d } = this;
    if (b.pattern < 0) return { r: n, c: d, a: X.a.slice() };
    const mask = this.masks[b.pattern]!;
    const M = zeros(n, d);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      for (let a = 0; a < d; a++) M.a[i * d + a] = b.sign * X.a[i * d + a]!;
    }
    if (this.architecture !== 'normalized') return M;
    return mulRight(M, this.basis(b.pattern).VSinv);
  }

  /** cone rows G_b with G_b u >= 0 (exact program), or undefined */
  cone(b: BlockRef): Mat | undefined {
    if (!this.exact || b.pattern < 0) return undefined;
    const { X, n, d } = this;
    const mask = this.masks[b.pattern]!;
    const G = zeros(n, d);
    for (let i = 0; i < n; i++) {
      const sg = mask[i] ? 1 : -1;
      for (let a = 0; a < d; a++) G.a[i * d + a] = sg * X.a[i * d + a]!;
    }
    if (this.architecture !== 'normalized') return G;
    return mulRight(G, this.basis(b.pattern).VSinv);
  }

  /**
   * Dual values for every block: ||A_b^T lambda|| (relaxed) or ||P_{C_b}(A_b^T lambda)|| (exact: the
   * projection onto the block's cone, by nonnegative least squares; only for blocks whose plain norm
   * already exceeds screen, since projection never increases the norm).
   */
  dualValues(lambda: Float64Array, screen = 0.99): Float64Array {
    const { X, n, d, masks } = this;
    const P = masks.length;
    // C[j] = X^T (m_j o lambda), all patterns: one GEMM (P x n) (n x d)
    const C = new Float64Array(P * d);
    const ML = new Float64Array(P * n);
    for (let j = 0; j < P; j++) {
      const mask = masks[j]!, o = j * n;
      for (let i = 0; i < n; i++) if (mask[i]) ML[o + i] = lambda[i]!;
    }
    this.kernels.gemm(false, false, P, d, n, 1, ML, 0, n, X.a, 0, d, 0, C, 0, d);
    const out = new Float64Array(this.blocks.length);
    for (let bi = 0; bi < this.blocks.length; bi++) {
      const b = this.blocks[bi]!;
      let c: Float64Array;
      if (b.pattern < 0) {
        c = new Float64Array(d);
        for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) c[a]! += X.a[i * d + a]! * lambda[i]!;
      } else {
        c = C.slice(b.pattern * d, (b.pattern + 1) * d);
        if (b.sign < 0) for (let a = 0; a < d; a++) c[a] = -c[a]!;
        if (this.architecture === 'normalized') {
          // U_j^T lambda = S^{-1} V^T X^T D_j lambda = (V S^{-1})^T c
          const B = this.basis(b.pattern).VSinv;
          const cc = new Float64Array(B.c);
          for (let a = 0; a < d; a++) for (let k = 0; k < B.c; k++) cc[k]! += B.a[a * B.c + k]! * c[a]!;
          c = cc;
        }
      }
      let nc = 0;
      for (let a = 0; a < c.length; a++) nc += c[a]! * c[a]!;
      nc = Math.sqrt(nc);
      if (this.exact && b.pattern >= 0 && nc > screen) nc = this.coneProjectionNorm(b, c);
      out[bi] = nc;
    }
    return out;
  }

  /** ||P_C(c)|| = min_{mu >= 0} ||c + G^T mu|| (Moreau) */
  coneProjectionNorm(b: BlockRef, c: Float64Array): number {
    const G = this.cone(b)!;
    // E = G^T (dim x n), f = -c
    const E = zeros(G.c, G.r);
    for (let i = 0; i < G.r; i++) for (let a = 0; a < G.c; a++) E.a[a * G.r + i] = G.a[i * G.c + a]!;
    const f = Float64Array.from(c, (v) => -v);
    const { residual } = nnls(E, f);
    let s = 0;
    for (let a = 0; a < residual.length; a++) s += residual[a]! * residual[a]!;
    return Math.sqrt(s);
  }
}

function mulRight(M: Mat, B: Mat): Mat {
  const out = zeros(M.r, B.c);
  for (let i = 0; i < M.r; i++) {
    for (let a = 0; a < M.c; a++) {
      const v = M.a[i * M.c + a]!;
      if (v === 0) continue;
      for (let k = 0; k < B.c; k++) out.a[i * B.c + k]! += v * B.a[a * B.c + k]!;
    }
  }
  return out;
}
