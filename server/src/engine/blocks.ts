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
import { type Mat, zeros, symEigQL, nnls, nnlsGram, normInf } from './linalg.ts';
import { kernels as defaultKernels, sharedArena, type Kernels } from './kernels/index.ts';

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

/**
 * How a normalized program prices pattern j, ||U_j^T lambda|| with U_j an orthonormal basis of range(D_j X):
 *   ZERO   D_j X = 0 (no block)
 *   ROWS   D_j X has full row rank m_j (its m_j active rows are independent): range(D_j X) is every vector
 *          on the active rows, so ||U_j^T lambda|| = ||D_j lambda||
 *   COLS   full column rank d: ||U_j^T lambda||^2 = c^T (X^T D_j X)^{-1} c with c = X^T D_j lambda, = ||L^{-1} c||^2
 *   BASIS  neither shown well enough: the eigendecomposition basis (the reference), as for every pattern
 *          with `normalizedPricing: 'basis'`
 */
const ZERO = 0, ROWS = 1, COLS = 2, BASIS = 3;

/**
 * A factor is used only when it proves the rank the eigendecomposition would find: lambda_min(G) >=
 * 1 / ||L^{-1}||_F^2 and lambda_max(G) <= trace(G), so trace(G) ||L^{-1}||_F^2 <= RANK_BOUND (1e10) keeps
 * every eigenvalue above 1e-10 lambda_max, a hundred times the basis's cut (1e-12 lambda_max) for its
 * rounding. Beyond it, the pattern falls back to the basis.
 */
const RANK_BOUND = 1e10;

export interface BlockFamilyOptions {
  /**
   * Normalized programs: price every pattern by Cholesky factors of its Gram matrix, one batched pass at
   * construction ('factor', the default), or by each pattern's eigendecomposition basis ('basis', the
   * reference path, 4 to 10 times slower at n >= 100). Bases are built either way for the blocks a solve uses.
   */
  normalizedPricing?: 'factor' | 'basis';
  /**
   * Exact programs' cone projections ||P_C(c)|| in pricing: NNLS in Gram form over X X^T ('gram', the
   * default for plain and skip blocks), or nnls on each block's G^T ('reference', what normalized blocks use).
   */
  conePricing?: 'gram' | 'reference';
}

export class BlockFamily {
  readonly n: number;
  readonly d: number;
  readonly exact: boolean;
  readonly blocks: BlockRef[] = [];
  private readonly bases: (PatternBasis | null)[];
  /** normalized: per pattern, ZERO | ROWS | COLS | BASIS, its rank, and (COLS) the packed lower triangle of L^{-1} */
  private priceKind: Int8Array | null = null;
  private priceRank: Int32Array | null = null;
  private linv: Float64Array | null = null;
  /** X X^T and max |X|, for the cone projections in Gram form (built on first use) */
  private xxt: Float64Array | null = null;
  private xMaxAbs = 0;

  constructor(
    readonly X: Mat,
    readonly masks: Uint8Array[],
    readonly architecture: Architecture,
    readonly program: Program,
    /** the dense kernels every solve over this family uses (default: RLAB_KERNELS, else wasm where available) */
    readonly kernels: Kernels = defaultKernels(),
    readonly options: BlockFamilyOptions = {},
  ) {
    this.n = X.r;
    this.d = X.c;
    this.exact = program === 'exact';
    this.bases = new Array(masks.length).fill(null);
    if (architecture === 'normalized') this.factorPatterns(options.normalizedPricing ?? 'factor');
    if (architecture === 'skip') this.blocks.push({ pattern: -1, sign: 1 });
    for (let j = 0; j < masks.length; j++) {
      if (architecture === 'normalized' && this.priceRank![j] === 0) continue;
      this.blocks.push({ pattern: j, sign: 1 });
      if (this.exact) this.blocks.push({ pattern: j, sign: -1 });
    }
  }

  indexOf(pattern: number, sign: 1 | -1): number {
    return this.blocks.findIndex((b) => b.pattern === pattern && b.sign === (this.exact || pattern < 0 ? sign : 1));
  }

  /**
   * Normalized programs: decide how each pattern is priced (see ZERO .. BASIS), in one pass over the
   * patterns in a scratch arena: the Gram matrix of the active rows (X^T D_j X, or the m_j x m_j row Gram
   * when m_j < d), its Cholesky factor and L^{-1} (kernels syrkRows/syrk, potrf, trsmLeft).
   */
  private factorPatterns(mode: 'factor' | 'basis'): void {
    const { X, n, d, masks } = this;
    const P = masks.length;
    const kind = new Int8Array(P), rank = new Int32Array(P);
    const T = (d * (d + 1)) / 2;
    const rows: number[][] = [];
    const nonzero = new Uint8Array(n);
    for (let i = 0; i < n; i++) for (let a = 0; a < d && !nonzero[i]; a++) nonzero[i] = X.a[i * d + a] !== 0 ? 1 : 0;
    this.rowNonzero = nonzero;
    let cols = 0;
    for (let j = 0; j < P; j++) {
      const mask = masks[j]!, r: number[] = [];
      for (let i = 0; i < n; i++) if (mask[i] && nonzero[i]) r.push(i);
      rows.push(r);
      if (r.length === 0) kind[j] = ZERO;
      else if (mode === 'basis') kind[j] = BASIS;
      else if (r.length >= d) {
        kind[j] = COLS;
        cols++;
      } else kind[j] = ROWS;
    }
    const linv = new Float64Array(cols * T);
    const slot = new Int32Array(P).fill(-1);
    const k = this.kernels;
    const m = Math.min(n, d);
    const arena = sharedArena(k, 8 * (n * d + 2 * d * d + 2 * m * m + n * d) + 4 * n + 256);
    const mark = arena.mark();
    try {
      const Xa = arena.f64(n * d);
      Xa.set(X.a);
      const idx = arena.i32(n);
      const Gs = arena.f64(d * d), Bs = arena.f64(d * d), Rs = arena.f64(n * d);
      let next = 0;
      for (let j = 0; j < P; j++) {
        if (kind[j] === ZERO || kind[j] === BASIS) continue;
        const r = rows[j]!;
        const q = kind[j] === COLS ? d : r.length;
        for (let t = 0; t < r.length; t++) idx[t] = r[t]!;
        // G = X_a^T X_a (d x d) or X_a X_a^T (m_j x m_j), lower triangle
        if (kind[j] === COLS) k.syrkRows(d, r.length, idx, 0, Xa, 0, d, null, 0, 0, Gs, 0, q);
        else {
          k.gatherRows(d, r.length, idx, 0, Xa, 0, d, null, 0, Rs, 0, d);
          k.syrk(false, q, d, 1, Rs, 0, d, 0, Gs, 0, q);
        }
        let trace = 0;
        for (let a = 0; a < q; a++) trace += Gs[a * q + a]!;
        if (k.potrf(q, Gs, 0, q) >= 0) {
          kind[j] = BASIS;
          continue;
        }
        Bs.fill(0, 0, q * q);
        for (let a = 0; a < q; a++) Bs[a * q + a] = 1;
        k.trsmLeft(false, q, q, Gs, 0, q, Bs, 0, q);
        let fro = 0;
        for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) fro += Bs[a * q + b]! * Bs[a * q + b]!;
        if (!(trace * fro <= RANK_BOUND)) {
          kind[j] = BASIS;
          continue;
        }
        rank[j] = q;
        if (kind[j] === COLS) {
          const o = next * T;
          slot[j] = next++;
          for (let a = 0, t = 0; a < d; a++) for (let b = 0; b <= a; b++, t++) linv[o + t] = Bs[a * d + b]!;
        }
      }
    } finally {
      arena.release(mark);
    }
    for (let j = 0; j < P; j++) if (kind[j] === BASIS) rank[j] = this.basis(j).rank;
    this.priceKind = kind;
    this.priceRank = rank;
    this.linv = linv;
    this.linvSlot = slot;
  }

  private linvSlot: Int32Array | null = null;
  private rowNonzero: Uint8Array | null = null;

  /** normalized: how many patterns each pricing path took (for tests and diagnostics) */
  pricingSummary(): { zero: number; rows: number; cols: number; basis: number } {
    const out = { zero: 0, rows: 0, cols: 0, basis: 0 };
    for (const k of this.priceKind ?? []) out[(['zero', 'rows', 'cols', 'basis'] as const)[k]!]++;
    return out;
  }

  /** ||U_j^T lambda|| for a pattern priced by a factor (ROWS or COLS), from c = X^T D_j lambda */
  private factorNorm(j: number, lambda: Float64Array, C: Float64Array, cOff: number): number {
    const { d } = this;
    let s = 0;
    if (this.priceKind![j] === ROWS) {
      // the active rows where X is not zero (a zero row of D_j X is not in its range)
      const mask = this.masks[j]!, nz = this.rowNonzero!;
      for (let i = 0; i < this.n; i++) if (mask[i] && nz[i]) s += lambda[i]! * lambda[i]!;
      return Math.sqrt(s);
    }
    const L = this.linv!, o = this.linvSlot![j]! * ((d * (d + 1)) / 2);
    for (let a = 0, t = o; a < d; a++) {
      let y = 0;
      for (let b = 0; b <= a; b++, t++) y += L[t]! * C[cOff + b]!;
      s += y * y;
    }
    return Math.sqrt(s);
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
    let keep: number[] = [];
    const decided = this.priceKind && (this.priceKind[j] === ROWS || this.priceKind[j] === COLS) ? this.priceRank![j]! : -1;
    if (decided >= 0) {
      // the factor proved this rank (RANK_BOUND): keep that many, largest first, so dims agree with pricing
      keep = Array.from({ length: d }, (_, k) => k);
      keep.sort((a, b) => values[b]! - values[a]!);
      keep = keep.slice(0, decided);
    } else {
      for (let k = 0; k < d; k++) if (values[k]! > 1e-12 * maxv && values[k]! > 0) keep.push(k);
      keep.sort((a, b) => values[b]! - values[a]!);
    }
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
    return this.priceRank![b.pattern]!;
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
        const pk = this.priceKind ? this.priceKind[b.pattern]! : BASIS;
        if (pk === ROWS || pk === COLS) {
          // the norm without the basis; the exact program's cone projection still needs block coordinates
          const nf = this.factorNorm(b.pattern, lambda, C, b.pattern * d);
          if (!(this.exact && nf > screen)) {
            out[bi] = nf;
            continue;
          }
        }
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
    if (this.architecture !== 'normalized' && this.options.conePricing !== 'reference') return this.coneProjectionNormGram(b, c);
    return this.coneProjectionNormReference(b, c);
  }

  /**
   * ||P_C(c)|| for a plain or skip block, C = {u : G u >= 0}, G = diag(s) X (s = 2 m - 1): the NNLS
   * min_{mu >= 0} ||c + G^T mu|| in Gram form over K = diag(s) X X^T diag(s) (X X^T computed once per
   * family), g = G c; the norm is that of the residual c + X^T (s o mu), formed explicitly.
   */
  private coneProjectionNormGram(b: BlockRef, c: Float64Array): number {
    const { X, n, d } = this;
    const mask = this.masks[b.pattern]!;
    if (!this.xxt) {
      this.xxt = new Float64Array(n * n);
      this.kernels.gemm(false, true, n, n, d, 1, X.a, 0, d, X.a, 0, d, 0, this.xxt, 0, n);
      this.xMaxAbs = normInf(X.a);
    }
    const sg = new Float64Array(n);
    const g = new Float64Array(n);
    let cn = 0;
    for (let a = 0; a < d; a++) cn += c[a]! * c[a]!;
    for (let i = 0; i < n; i++) {
      const si = mask[i] ? 1 : -1;
      sg[i] = si;
      let v = 0;
      for (let a = 0; a < d; a++) v += X.a[i * d + a]! * c[a]!;
      g[i] = si * v;
    }
    const mu = nnlsGram(this.xxt, n, g, 1e-12 * (1 + Math.sqrt(cn)) * Math.max(1, this.xMaxAbs), sg, d);
    const r = Float64Array.from(c);
    for (let i = 0; i < n; i++) {
      const v = sg[i]! * mu[i]!;
      if (v === 0) continue;
      for (let a = 0; a < d; a++) r[a]! += X.a[i * d + a]! * v;
    }
    let s = 0;
    for (let a = 0; a < d; a++) s += r[a]! * r[a]!;
    return Math.sqrt(s);
  }

  /** ||P_C(c)|| by nnls on G^T (the reference path, and the one normalized blocks take) */
  coneProjectionNormReference(b: BlockRef, c: Float64Array): number {
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
