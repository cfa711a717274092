/**
 * The engine's dense float64 kernels behind one interface, with two implementations:
 * `tsKernels` (plain TypeScript loops: the reference) and `wasmKernels` (WebAssembly SIMD, f64x2,
 * compiled from server/src/engine/wasm/ by AssemblyScript). Both compute the same definitions; they
 * differ only in summation order (see server/test/engine/kernels.test.ts for the tolerances).
 *
 * Conventions (every kernel):
 * - Matrices are row-major: element (i, j) of a matrix passed as (A, aOff, lda) is A[aOff + i*lda + j].
 *   A leading dimension is at least the number of columns stored (lda >= cols of the stored matrix).
 * - Vectors are contiguous: element i of (x, xOff) is x[xOff + i].
 * - `trans` flags mean op(A) = A^T. "lower" matrices use (and write) only entries with j <= i; the strict
 *   upper triangle is neither read nor written.
 * - Outputs are written in place; nothing allocates on the wasm path when every array comes from an
 *   arena of the same kernels (see Arena). Arrays from elsewhere are accepted too: the wasm path then
 *   copies them into its scratch memory and back (slow; for tests and cold paths), or, when they do not
 *   fit its scratch, runs the TypeScript reference for that call.
 * - Dimensions and offsets are checked: a bad one throws a RangeError naming the argument.
 */

export type KernelsName = 'ts' | 'wasm';

/**
 * Workspace memory. On the wasm path the arrays are views into the module's linear memory, so a kernel
 * reads and writes them without copying.
 *
 * THE RULE: wasm linear memory grows only inside `kernels.createArena(...)`. Growing replaces the
 * memory's ArrayBuffer and detaches every view taken before (of every arena of that kernels instance).
 * So create all arenas a computation needs first, then take views; or re-take views after creating
 * another arena. A kernel called with a detached view throws a RangeError that says so.
 * Kernels themselves never grow memory, and `f64`/`i32`/`release` never do either: an allocation that
 * does not fit the arena's capacity throws (code ARENA_FULL), it does not grow.
 */
export interface Arena {
  /** capacity in bytes, fixed at creation */
  readonly capacityBytes: number;
  /** bytes handed out so far */
  readonly usedBytes: number;
  /** a zero-filled Float64Array of `length` entries (16-byte aligned) */
  f64(length: number): Float64Array;
  /** a zero-filled Int32Array of `length` entries (16-byte aligned) */
  i32(length: number): Int32Array;
  /** a position to return to with release(): allocations made after it are freed (stack discipline) */
  mark(): number;
  /** free everything allocated after `mark` (views taken after it must no longer be used) */
  release(mark: number): void;
  /** give the whole region back to its kernels for a later createArena (no view of it may be used after) */
  dispose(): void;
}

export class KernelError extends Error {
  constructor(readonly code: 'ARENA_FULL' | 'WASM_UNAVAILABLE' | 'BAD_KERNELS', message: string) {
    super(message);
    this.name = 'KernelError';
  }
}

/** arguments of Kernels.schurGroups (whole arrays, offset 0) */
export interface SchurGroupsArgs {
  G: number;
  D: number;
  n: number;
  coneStart: number;
  groupFirst: Int32Array;
  groupSize: Int32Array;
  rowCnt: Int32Array;
  rowOff: Int32Array;
  xtsOff: Int32Array;
  rowList: Int32Array;
  HL: Float64Array;
  xts: Float64Array;
  Yc: Float64Array;
  Tq: Float64Array;
  S: Float64Array;
}

export interface Kernels {
  readonly name: KernelsName;

  /** workspace memory (see Arena for the rule on views) */
  createArena(capacityBytes: number): Arena;

  /**
   * C = alpha * op(A) * op(B) + beta * C, with op(A) m x k, op(B) k x n, C m x n.
   * beta = 0 overwrites C (NaNs in C do not propagate).
   */
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    A: Float64Array, aOff: number, lda: number,
    B: Float64Array, bOff: number, ldb: number,
    beta: number, C: Float64Array, cOff: number, ldc: number,
  ): void;

  /**
   * Weighted SYRK over a subset of rows ("masked rows"), lower triangle:
   *   C[lower] = beta * C[lower] + sum_{t < nRows} w_r * a_r a_r^T,  r = rows[rowsOff + t] (or r = t if rows is null),
   * where a_r (length k) is row r of A, and w_r = w[wOff + r] (or 1 if w is null). I.e. C = A_S^T diag(w_S) A_S.
   * nRows = 0 gives C[lower] = beta * C[lower].
   */
  syrkRows(
    k: number, nRows: number, rows: Int32Array | null, rowsOff: number,
    A: Float64Array, aOff: number, lda: number,
    w: Float64Array | null, wOff: number,
    beta: number, C: Float64Array, cOff: number, ldc: number,
  ): void;

  /**
   * Symmetric rank-k update, lower triangle of the n x n matrix C:
   *   trans = false: C = alpha A A^T + beta C, A n x k;   trans = true: C = alpha A^T A + beta C, A k x n.
   * beta = 0 overwrites C[lower].
   */
  syrk(trans: boolean, n: number, k: number, alpha: number, A: Float64Array, aOff: number, lda: number, beta: number, C: Float64Array, cOff: number, ldc: number): void;

  /**
   * In-place Cholesky factorization of the symmetric positive definite n x n matrix whose lower
   * triangle is stored at (A, aOff, lda): overwritten with L (lower), A = L L^T. Blocked (wasm).
   * Returns -1 on success, else the index j of the first pivot that is not > 0 (also NaN): A is then
   * partly overwritten; a caller that shifts the diagonal must restart from its own copy.
   */
  potrf(n: number, A: Float64Array, aOff: number, lda: number): number;

  /** Solve op(L) x = b in place (x holds b on entry), L lower n x n: trans=false forward, trans=true backward (L^T). */
  trsv(trans: boolean, n: number, L: Float64Array, lOff: number, ldl: number, x: Float64Array, xOff: number): void;

  /** Solve L L^T x = b in place (the two trsv calls). */
  potrs(n: number, L: Float64Array, lOff: number, ldl: number, x: Float64Array, xOff: number): void;

  /** B <- op(L)^{-1} B in place: L lower n x n, B n x m (m right-hand sides as columns). */
  trsmLeft(trans: boolean, n: number, m: number, L: Float64Array, lOff: number, ldl: number, B: Float64Array, bOff: number, ldb: number): void;

  /** B <- B op(L)^{-1} in place: L lower n x n, B m x n (each row a right-hand side). */
  trsmRight(trans: boolean, m: number, n: number, L: Float64Array, lOff: number, ldl: number, B: Float64Array, bOff: number, ldb: number): void;

  /** y = alpha * op(A) x + beta * y, A m x n (stored), x of length n (m if trans), y of length m (n if trans). beta = 0 overwrites y. */
  gemv(
    trans: boolean, m: number, n: number, alpha: number,
    A: Float64Array, aOff: number, lda: number,
    x: Float64Array, xOff: number, beta: number, y: Float64Array, yOff: number,
  ): void;

  /** y = alpha * S x + beta * y, S symmetric n x n given by its lower triangle. beta = 0 overwrites y. */
  symv(n: number, alpha: number, S: Float64Array, sOff: number, lds: number, x: Float64Array, xOff: number, beta: number, y: Float64Array, yOff: number): void;

  /** C = A o B (entrywise), all m x n; C may be A or B (same offset and ld). */
  hadamard(m: number, n: number, A: Float64Array, aOff: number, lda: number, B: Float64Array, bOff: number, ldb: number, C: Float64Array, cOff: number, ldc: number): void;

  /**
   * Row-wise products of X (n x d): row i of Q is the packed lower triangle of x_i x_i^T,
   * Q[i, a(a+1)/2 + b] = X[i,a] X[i,b] for b <= a (length d(d+1)/2). Then W Q (one gemm) gives, in row p,
   * the packed lower triangle of X^T diag(W[p,:]) X: every block's Hessian at once.
   */
  rowProducts(n: number, d: number, X: Float64Array, xOff: number, ldx: number, Q: Float64Array, qOff: number, ldq: number): void;

  /** Unpack a packed lower triangle (length d(d+1)/2, order of rowProducts) into the full symmetric d x d matrix C. */
  unpackLower(d: number, P: Float64Array, pOff: number, C: Float64Array, cOff: number, ldc: number): void;

  /** out[t, :] = s_r * A[r, :] (k entries), r = rows[rowsOff + t], s_r = w[wOff + r] (or 1 if w is null): gather rows. */
  gatherRows(
    k: number, nRows: number, rows: Int32Array, rowsOff: number,
    A: Float64Array, aOff: number, lda: number,
    w: Float64Array | null, wOff: number,
    out: Float64Array, oOff: number, ldo: number,
  ): void;

  /**
   * Batched over `count` equal-size blocks (one call instead of count: for many small blocks). Block b of a
   * batched matrix argument (X, xOff, ldx, xStride) is the matrix at offset xOff + b * xStride; of a
   * batched vector, the vector at xOff + b * xStride. Output blocks must not overlap (stride >= the
   * block's extent); an input block may be shared (stride 0).
   */
  /** potrf on every block; info[infoOff + b] = -1 or block b's failing pivot (when info is given). Returns the number of blocks that failed. */
  potrfBatched(count: number, n: number, A: Float64Array, aOff: number, lda: number, stride: number, info: Int32Array | null, infoOff: number): number;

  /** potrs on every block: L_b L_b^T x_b = b_b in place */
  potrsBatched(count: number, n: number, L: Float64Array, lOff: number, ldl: number, lStride: number, x: Float64Array, xOff: number, xStride: number): void;

  /** trsmLeft on every block: B_b (n x m) <- op(L_b)^{-1} B_b */
  trsmLeftBatched(trans: boolean, count: number, n: number, m: number, L: Float64Array, lOff: number, ldl: number, lStride: number, B: Float64Array, bOff: number, ldb: number, bStride: number): void;

  /**
   * Nesterov-Todd scaling of `count` second-order cone blocks of length len >= 1 (block b: entries
   * [b*len, (b+1)*len) from each offset; scalar eta[etaOff + b]):
   *   inverse = false: out = eta (2 (w . v) w + (-v_0, v_1, ..., v_{len-1}))
   *   inverse = true:  s = w_0 v_0 - sum_{i>=1} w_i v_i; out_0 = (2 w_0 s - v_0) / eta, out_i = (-2 w_i s + v_i) / eta
   * out may be v (same offset): in place.
   */
  socScale(inverse: boolean, count: number, len: number, eta: Float64Array, etaOff: number, w: Float64Array, wOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void;

  /**
   * Jordan product of `count` second-order cone blocks of length `len` stored back to back:
   * out_b = u_b o v_b, out_0 = u . v, out_i = u_0 v_i + v_0 u_i (i >= 1). out may be u or v (same offset).
   */
  socProd(count: number, len: number, u: Float64Array, uOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void;

  /**
   * Jordan division of every block: out_b solves lam_b o out_b = v_b, x_0 = (l_0 v_0 - l_1 . v_1) / (l_0^2 - |l_1|^2),
   * x_i = (v_i - x_0 l_i) / l_0. out may be v (same offset).
   */
  socDiv(count: number, len: number, lam: Float64Array, lOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void;

  /** the largest alpha >= 0 with v_b + alpha dv_b in the second-order cone for every block (soc.ts socMaxStep; Infinity when unbounded) */
  socMaxStep(count: number, len: number, v: Float64Array, vOff: number, dv: Float64Array, dvOff: number): number;

  /**
   * Nesterov-Todd scaling of every block at (s_b, z_b) (soc.ts socNT): eta_b and the scaling vector w_b,
   * W_b = eta_b (2 w_b w_b^T - J), and lam_b = W_b z_b. Outputs must not overlap the inputs.
   */
  socNT(count: number, len: number, s: Float64Array, sOff: number, z: Float64Array, zOff: number, w: Float64Array, wOff: number, eta: Float64Array, etaOff: number, lam: Float64Array, lamOff: number): void;

  /** out[j] = beta out[j] + sum_{i<m} A[i, j] B[i, j] for j < n (A and B m x n with leading dimension n; rows added in order) */
  colSumProd(m: number, n: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, beta: number, out: Float64Array, oOff: number): void;

  /** out[i, j] = A[i, j] v[j] (m x n, leading dimension n); out may be A (same offset) */
  scaleCols(m: number, n: number, A: Float64Array, aOff: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number): void;

  /** out[j] = x[j] / y[j]; out may be x or y (same offset) */
  vdiv(n: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number, out: Float64Array, oOff: number): void;

  /** the largest alpha >= 0 with v + alpha dv >= 0 entrywise: min over dv[j] < 0 of -v[j] / dv[j] (Infinity when none) */
  linMaxStep(n: number, v: Float64Array, vOff: number, dv: Float64Array, dvOff: number): number;

  /** Nesterov-Todd scaling of n linear cones at (s, z): w2i = z / s, wl = sqrt(s / z), lam = sqrt(s z) (outputs must not overlap the inputs) */
  linNT(n: number, s: Float64Array, sOff: number, z: Float64Array, zOff: number, w2i: Float64Array, wOff: number, wl: Float64Array, lOff: number, lam: Float64Array, lamOff: number): void;

  /**
   * Every cone block's Newton Hessian of the all-blocks solve, lower triangle: for c < Bc, block b = coneStart + c,
   * HL[c D^2 ..] (D x D, D = d + 1, leading dimension D) = W_b^{-2} + [0, 0; 0, unpack(Hp[c T ..])], where
   * unpack is unpackLower of the packed d x d lower triangle (T = d (d + 1) / 2) and
   * W_b^{-2} = (4 (v.v) a a^T - 2 a v^T - 2 v a^T + I) / eta_b^2 with v = wv[b D ..] (length D), a = J v.
   * Whole arrays (offset 0).
   */
  coneHessians(Bc: number, d: number, T: number, coneStart: number, Hp: Float64Array, eta: Float64Array, wv: Float64Array, HL: Float64Array): void;

  /**
   * The cone blocks' part of the Schur complement of the all-blocks solve, group by group (schurGroups in
   * wasm/kernels.ts): for each group g with first block b = groupFirst[g] and groupSize[g] blocks (1 or 2)
   * sharing q = rowCnt[b] rows rowList[rowOff[b] ..]: Y = [L_b^{-1} X_g; L_{b+1}^{-1} X_g] with X_g the D x q
   * matrix at xts[xtsOff[g] ..] and L the Cholesky factors at HL[(b - coneStart) D^2 ..], then
   * S[rows, rows] += Y^T Y on the lower triangle (S n x n). X_g = [0; X_S^T]: its first row is taken as zero
   * and not read (the cone's t has no column in A), so Y's first row is zero and only the factors' lower-right
   * (D - 1) x (D - 1) blocks are used. Yc (>= 2 D q) and Tq (>= q^2) are scratch.
   */
  schurGroups(a: SchurGroupsArgs): void;

  /**
   * Cyclic Jacobi eigendecomposition of the symmetric n x n matrix at A (full storage, row-major, overwritten:
   * its diagonal ends as the eigenvalues); V (n x n) receives the eigenvectors as columns. Both
   * implementations perform the same IEEE operations in the same order: the same bits (instance generation
   * depends on them, linalg.ts symEig).
   */
  jacobiEig(n: number, A: Float64Array, aOff: number, V: Float64Array, vOff: number): void;

  /**
   * Gaussian elimination with partial pivoting on the k x k system at M (row-major, overwritten), right-hand
   * side and solution in x; false on a zero pivot. The same operations in the same order in both
   * implementations: the same bits.
   */
  gaussSolve(k: number, M: Float64Array, mOff: number, x: Float64Array, xOff: number): boolean;

  /** the linear cones' part of a Newton right-hand side: t = rz + wl o (dsT / lam) (whole arrays of length n) */
  linNewtonRhs(n: number, rz: Float64Array, wl: Float64Array, dsT: Float64Array, lam: Float64Array, t: Float64Array): void;

  /** the linear cones' back substitution of a Newton solve: ds = -rz + gdx, dz = w2i o (t - gdx) (whole arrays of length n) */
  linNewtonBack(n: number, rz: Float64Array, gdx: Float64Array, w2i: Float64Array, t: Float64Array, ds: Float64Array, dz: Float64Array): void;

  /** sum_i x[xOff+i] y[yOff+i] */
  dot(n: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number): number;

  /** y += alpha x */
  axpy(n: number, alpha: number, x: Float64Array, xOff: number, y: Float64Array, yOff: number): void;

  /**
   * out = a x + b y + c elementwise, evaluated as (a x_i + b y_i) + c, the + c left out when c = 0 (so a = 1,
   * b = -1, c = 0 gives x - y to the bit); out may be x or y. The interior-point solver's vector passes.
   */
  lincomb(n: number, a: number, x: Float64Array, xOff: number, b: number, y: Float64Array, yOff: number, c: number, out: Float64Array, oOff: number): void;
}
