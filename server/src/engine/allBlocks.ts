/**
 * One interior-point solve over ALL blocks of a plain or skip program (science.md section 3), with the
 * linear algebra batched into a few dense kernels (engine/kernels: TypeScript reference or WebAssembly
 * SIMD). Same method as ipm.ts (Mehrotra predictor-corrector, Nesterov-Todd scaling, cvxopt's coneqp
 * formulation and starting point), same program:
 *
 *   minimize    sum_b w t_b  [+ rho t_r  |  + 1/2 ||r||^2]
 *   subject to  sum_b sigma_b D_b X u_b  [+ r  |  - r]  = y,   ||u_b|| <= t_b,
 *               (2 D_b - I) X u_b >= 0   (exact program, ReLU blocks)
 *
 * but every block is in, so no column generation rounds, and every per-block operation is a matrix
 * product over all blocks at once:
 *   A u for all blocks        X U^T (n x d x B), then masked row sums
 *   A^T v for all blocks      (Msig o 1 v^T) X  (B x n x d)
 *   exact Hessians            X^T diag(z_b / s_b) X for every block: one GEMM Wl (Bc x n) Q (n x d(d+1)/2), in dot form on Q^T,
 *                             Q the row-wise products of X
 *   Schur, cone-free blocks   [W_b^2]_uu = eta_b^2 (I + c_b v_b v_b^T), so
 *                             sum_b A_b [W_b^2]_uu A_b^T = (X X^T) o (M diag(eta^2) M^T) + P diag(c eta^2) P^T
 *                             (two masked SYRKs, n x B x n), P = [A_b v_b]
 *   Schur, cone blocks        Y_b = L_b^{-1} [0; A_b^T] on the block's nonzero rows, S += Y_b^T Y_b
 *
 * Model and solver are apart: `AllBlocksProgram` is the program (data, blocks, residual mode); the
 * solver is a set of named steps (residuals, scalings, factor, newtonSolve, refine, step) over one
 * preallocated `Workspace`, so the inner loops allocate nothing.
 */
import type { Kernels } from './kernels/index.ts';
import { socMaxStep, socProd, socDiv, socNT, socApplyW } from './soc.ts';
import { kernels as defaultKernels, sharedArena } from './kernels/index.ts';

export type ResidualMode = { kind: 'elastic'; rho: number } | { kind: 'quadratic' };

export interface AllBlocksProgram {
  n: number;
  d: number;
  /** X, n x d row-major */
  X: Float64Array;
  /** patterns: masks[j][i] = 1 when row i is active in pattern j */
  masks: Uint8Array[];
  /** per block: its pattern, or -1 for the linear (skip) block */
  blockPattern: Int32Array;
  /** per block: +1 (u) or -1 (v) */
  blockSign: Int8Array;
  /** exact program: every ReLU block carries its cone (2 D_j - I) X u >= 0 */
  exact: boolean;
  weight: number;
  y: Float64Array;
  residual: ResidualMode;
}

export interface AllBlocksOptions {
  maxIter?: number;
  feasTol?: number;
  gapTol?: number;
  kernels?: Kernels;
  /** iterative refinement of each Newton solve: always one pass on both (like ipm.ts), or 'auto': the corrector refined when its Newton residual asks for it, the predictor not at all */
  refine?: 'always' | 'auto';
}

export interface AllBlocksResult {
  status: 'optimal' | 'max-iterations' | 'stalled';
  iterations: number;
  /** per block u_b (length d) */
  u: Float64Array[];
  /** the residual r (length n) */
  r: Float64Array;
  /** equality dual, lambda = -y: optimality reads ||A_b^T lambda + G_b^T mu_b|| <= w */
  lambda: Float64Array;
  /** cone multipliers mu_b >= 0 per cone block (index = block - coneStart), Bc x n, or null */
  coneDual: Float64Array | null;
  coneStart: number;
  primalObjective: number;
  gap: number;
  refinements: number;
}

/** a cone vector: the blocks' SOCs (B x D), the cones' linear parts (Bc x n), the elastic SOC (n + 1) */
interface ConeVec {
  soc: Float64Array;
  lin: Float64Array;
  res: Float64Array;
}

/** Everything one solve touches, allocated once (from an arena of the kernels when they have one). */
export interface Workspace {
  k: Kernels;
  n: number;
  d: number;
  D: number;
  B: number;
  /** cone blocks are coneStart .. B-1 (contiguous: BlockFamily puts the skip block first) */
  coneStart: number;
  Bc: number;
  T: number;
  elastic: boolean;
  /** no residual variable (r = 0, a hard equality): only while the elastic program's starting point is computed */
  hard: boolean;
  rho: number;
  weight: number;
  X: Float64Array;
  y: Float64Array;
  /** B x n: sigma_b [row i in block b's pattern] */
  Msig: Float64Array;
  /** Bc x n: 2 m_j - 1 for each cone block */
  Sg: Float64Array;
  /** cone-free blocks: indices, masks (Bf x n) and p rows (Bf x n) */
  freeIdx: Int32Array;
  Ft: Float64Array;
  Pt: Float64Array;
  freeE2: Float64Array;
  freeC: Float64Array;
  /** per block: rows of its pattern (offset into rowList, count) */
  rowOff: Int32Array;
  rowCnt: Int32Array;
  rowList: Int32Array;
  XXt: Float64Array;
  /** X^T (d x n): the products with X^T run as dot-form GEMMs (rows contiguous in n) */
  Xt: Float64Array;
  /** T x n: the row-wise products of X (exact), transposed: column i holds x_i x_i^T's lower triangle, packed */
  Qt: Float64Array;
  // primal-dual point
  xb: Float64Array;
  xr: Float64Array;
  yv: Float64Array;
  s: ConeVec;
  z: ConeVec;
  // residuals
  rxb: Float64Array;
  rxr: Float64Array;
  ry: Float64Array;
  rz: ConeVec;
  // scalings
  eta: Float64Array;
  wv: Float64Array;
  resW: Float64Array;
  resEta: number;
  lam: ConeVec;
  w2i: Float64Array;
  /** the linear cones' NT scaling sqrt(s / z) */
  wl: Float64Array;
  // factorization
  Hp: Float64Array;
  HL: Float64Array;
  S: Float64Array;
  SL: Float64Array;
  /** cone blocks grouped by pattern (a u and a v block share one): first block of each group, and group sizes */
  groupFirst: Int32Array;
  groupSize: Int32Array;
  /** per group: [0; X_S^T] (D x q, S = the pattern's rows), at offset xtsOff[group] */
  xts: Float64Array;
  xtsOff: Int32Array;
  Yc: Float64Array;
  Tq: Float64Array;
  // directions and scratch
  dxb: Float64Array;
  dxr: Float64Array;
  dy: Float64Array;
  ds: ConeVec;
  dz: ConeVec;
  tv: ConeVec;
  qv: ConeVec;
  dsT: ConeVec;
  corr: ConeVec;
  g: Float64Array;
  hgr: Float64Array;
  rhs: Float64Array;
  XU: Float64Array;
  MY: Float64Array;
  ZS: Float64Array;
  segA: Float64Array;
  segB: Float64Array;
  sn: Float64Array;
  /** the last Newton solve's [0; A^T dy] (B x D) and G dx (Bc x n) */
  atdy: Float64Array;
  gdx: Float64Array;
  /** D x D scratch: a cone block's Hessian before its factorization */
  Hs: Float64Array;
  /** per cone block: potrf's failing pivot or -1 */
  info: Int32Array;
  // refinement
  eb: Float64Array;
  er: Float64Array;
  ey: Float64Array;
  ez: ConeVec;
  es: ConeVec;
  sdxb: Float64Array;
  sdxr: Float64Array;
  sdy: Float64Array;
  sds: ConeVec;
  sdz: ConeVec;
  // best point
  bxb: Float64Array;
  bxr: Float64Array;
  by: Float64Array;
  bs: ConeVec;
  bz: ConeVec;
}

/* ---------------- workspace ---------------- */

/** the workspace of a program; with init = false only its arrays' sizes matter (the sizing pass) */
function createWorkspace(prog: AllBlocksProgram, k: Kernels, f: (len: number) => Float64Array, iv: (src: ArrayLike<number>) => Int32Array, init: boolean): Workspace {
  const { n, d, exact } = prog;
  const B = prog.blockPattern.length;
  const D = d + 1;
  const T = (d * (d + 1)) / 2;
  let coneStart = B;
  if (exact) {
    coneStart = 0;
    while (coneStart < B && prog.blockPattern[coneStart]! < 0) coneStart++;
    for (let b = coneStart; b < B; b++) if (prog.blockPattern[b]! < 0) throw new Error('allBlocks: the skip block must come first');
  }
  const Bc = B - coneStart;
  const freeList: number[] = [];
  for (let b = 0; b < coneStart; b++) freeList.push(b);
  const Bf = freeList.length;
  const cone = (): ConeVec => ({ soc: f(B * D), lin: f(Bc * n), res: f(prog.residual.kind === 'elastic' ? n + 1 : 0) });
  // rows of each block's pattern
  const rowOff = new Int32Array(B), rowCnt = new Int32Array(B);
  const rows: number[] = [];
  let maxRows = 0;
  for (let b = 0; b < B; b++) {
    rowOff[b] = rows.length;
    const j = prog.blockPattern[b]!;
    for (let i = 0; i < n; i++) if (j < 0 || prog.masks[j]![i]) rows.push(i);
    rowCnt[b] = rows.length - rowOff[b]!;
    maxRows = Math.max(maxRows, rowCnt[b]!);
  }
  const gFirst: number[] = [], gSize: number[] = [], gOff: number[] = [];
  let xtsLen = 0;
  for (let b = coneStart; b < B; b++) {
    if (b > coneStart && prog.blockPattern[b] === prog.blockPattern[b - 1] && gSize[gSize.length - 1] === 1) {
      gSize[gSize.length - 1] = 2;
      continue;
    }
    gFirst.push(b);
    gSize.push(1);
    gOff.push(xtsLen);
    xtsLen += D * rowCnt[b]!;
  }
  const groupFirst = iv(gFirst), groupSize = iv(gSize), xtsOff = iv(gOff);
  const ws: Workspace = {
    k, n, d, D, B, coneStart, Bc, T,
    elastic: prog.residual.kind === 'elastic',
    hard: false,
    rho: prog.residual.kind === 'elastic' ? prog.residual.rho : 0,
    weight: prog.weight,
    X: f(n * d), y: f(n),
    Msig: f(n * B), Sg: f(Bc * n),
    freeIdx: iv(freeList), Ft: f(Bf * n), Pt: f(Bf * n), freeE2: f(Bf), freeC: f(Bf),
    rowOff: iv(rowOff), rowCnt: iv(rowCnt), rowList: iv(rows),
    XXt: f(n * n), Xt: f(d * n), Qt: exact ? f(T * n) : f(0),
    xb: f(B * D), xr: f(prog.residual.kind === 'elastic' ? n + 1 : n), yv: f(n), s: cone(), z: cone(),
    rxb: f(B * D), rxr: f(prog.residual.kind === 'elastic' ? n + 1 : n), ry: f(n), rz: cone(),
    eta: f(B), wv: f(B * D), resW: f(n + 1), resEta: 1, lam: cone(), w2i: f(Bc * n), wl: f(Bc * n),
    Hp: exact ? f(Bc * T) : f(0), HL: exact ? f(Bc * D * D) : f(0), S: f(n * n), SL: f(n * n),
    groupFirst, groupSize, xts: f(xtsLen), xtsOff,
    Yc: f(2 * D * maxRows), Tq: f(maxRows * maxRows),
    dxb: f(B * D), dxr: f(prog.residual.kind === 'elastic' ? n + 1 : n), dy: f(n), ds: cone(), dz: cone(),
    tv: cone(), qv: cone(), dsT: cone(), corr: cone(),
    g: f(B * D), hgr: f(n + 1), rhs: f(n), XU: f(n * B), MY: f(n * B), ZS: f(Bc * n),
    segA: f(Math.max(D, n + 1)), segB: f(Math.max(D, n + 1)), sn: f(n), atdy: f(B * D), gdx: f(Bc * n), Hs: f(exact ? D * D : 0), info: new Int32Array(Bc),
    eb: f(B * D), er: f(n + 1), ey: f(n), ez: cone(), es: cone(),
    sdxb: f(B * D), sdxr: f(n + 1), sdy: f(n), sds: cone(), sdz: cone(),
    bxb: f(B * D), bxr: f(n + 1), by: f(n), bs: cone(), bz: cone(),
  };
  if (!init) return ws;
  ws.X.set(prog.X);
  ws.y.set(prog.y);
  for (let b = 0; b < B; b++) {
    const sg = prog.blockSign[b]!;
    const o = rowOff[b]!;
    for (let t = 0; t < rowCnt[b]!; t++) ws.Msig[b * n + ws.rowList[o + t]!] = sg;
  }
  for (let c = 0; c < Bc; c++) {
    const mask = prog.masks[prog.blockPattern[coneStart + c]!]!;
    for (let i = 0; i < n; i++) ws.Sg[c * n + i] = mask[i] ? 1 : -1;
  }
  for (let a = 0; a < Bf; a++) {
    const b = freeList[a]!;
    const o = rowOff[b]!;
    for (let t = 0; t < rowCnt[b]!; t++) ws.Ft[a * n + ws.rowList[o + t]!] = 1;
  }
  k.gemm(false, true, n, n, d, 1, ws.X, 0, d, ws.X, 0, d, 0, ws.XXt, 0, n);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) ws.Xt[a * n + i] = ws.X[i * d + a]!;
  // the kernels' row products of X, one row at a time, stored by column
  if (exact) {
    const q = new Float64Array(T);
    for (let i = 0; i < n; i++) {
      k.rowProducts(1, d, ws.X, i * d, d, q, 0, T);
      for (let t = 0; t < T; t++) ws.Qt[t * n + i] = q[t]!;
    }
  }
  for (let g = 0; g < groupFirst.length; g++) {
    const b = groupFirst[g]!, q = rowCnt[b]!, ro = rowOff[b]!, o = xtsOff[g]!;
    for (let t = 0; t < q; t++) {
      const xi = ws.rowList[ro + t]! * d;
      for (let a = 0; a < d; a++) ws.xts[o + (1 + a) * q + t] = ws.X[xi + a]!;
    }
  }
  return ws;
}

/* ---------------- second-order cone algebra on segments ---------------- */

const applyW = socApplyW;

/** out = W^2 v or W^{-2} v (two applications through scratch) */
function applyW2(ws: Workspace, eta: number, w: Float64Array, wOff: number, len: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number, inverse: boolean): void {
  applyW(eta, w, wOff, len, v, vOff, ws.segA, 0, inverse);
  applyW(eta, w, wOff, len, ws.segA, 0, out, oOff, inverse);
}




/* ---------------- cone-vector operations ---------------- */

function coneProd(ws: Workspace, u: ConeVec, v: ConeVec, out: ConeVec): void {
  ws.k.socProd(ws.B, ws.D, u.soc, 0, v.soc, 0, out.soc, 0);
  if (u.lin.length > 0) ws.k.hadamard(1, u.lin.length, u.lin, 0, u.lin.length, v.lin, 0, u.lin.length, out.lin, 0, u.lin.length);
  if (ws.elastic) socProd(u.res, v.res, 0, ws.n + 1, out.res);
}

function coneMaxStep(ws: Workspace, v: ConeVec, dv: ConeVec): number {
  let alpha = Math.min(ws.k.socMaxStep(ws.B, ws.D, v.soc, 0, dv.soc, 0), ws.k.linMaxStep(v.lin.length, v.lin, 0, dv.lin, 0));
  if (ws.elastic) alpha = Math.min(alpha, socMaxStep(v.res, dv.res, 0, ws.n + 1));
  return alpha;
}

/** out = W v (or W^{-1} v) over all cones */
function coneApplyW(ws: Workspace, v: ConeVec, out: ConeVec, inverse: boolean): void {
  ws.k.socScale(inverse, ws.B, ws.D, ws.eta, 0, ws.wv, 0, v.soc, 0, out.soc, 0);
  const L = v.lin.length;
  if (L > 0) {
    if (inverse) ws.k.vdiv(L, v.lin, 0, ws.wl, 0, out.lin, 0);
    else ws.k.hadamard(1, L, v.lin, 0, L, ws.wl, 0, L, out.lin, 0, L);
  }
  if (ws.elastic) applyW(ws.resEta, ws.resW, 0, ws.n + 1, v.res, 0, out.res, 0, inverse);
}

function coneCopy(src: ConeVec, dst: ConeVec): void {
  dst.soc.set(src.soc);
  dst.lin.set(src.lin);
  dst.res.set(src.res);
}

function coneSetE(ws: Workspace, v: ConeVec): void {
  v.soc.fill(0);
  for (let b = 0; b < ws.B; b++) v.soc[b * ws.D] = 1;
  v.lin.fill(1);
  v.res.fill(0);
  if (ws.elastic) v.res[0] = 1;
}

function coneDot(k: Kernels, u: ConeVec, v: ConeVec): number {
  let s = k.dot(u.soc.length, u.soc, 0, v.soc, 0) + k.dot(u.lin.length, u.lin, 0, v.lin, 0);
  for (let i = 0; i < u.res.length; i++) s += u.res[i]! * v.res[i]!;
  return s;
}

function degree(ws: Workspace): number {
  return ws.B + ws.Bc * ws.n + (ws.elastic ? 1 : 0);
}

/* ---------------- linear maps over all blocks ---------------- */

/**
 * out (length n) = beta out + sum_b A_b u_b, u_b the u-part (offset 1) of rows of U (B x D); leaves U X^T in ws.XU
 * (B x n) so that G_b u_b = Sg_b o XU[b, :] is at hand.
 */
function amul(ws: Workspace, U: Float64Array, out: Float64Array, beta: number): void {
  const { n, d, D, B, k } = ws;
  k.gemm(false, true, B, n, d, 1, U, 1, D, ws.X, 0, d, 0, ws.XU, 0, n);
  k.colSumProd(B, n, ws.Msig, 0, ws.XU, 0, beta, out, 0);
}

/** G u for the cone blocks from ws.XU (call amul first): gu (Bc x n) = Sg o XU[coneStart.., :] */
function gmulFromXU(ws: Workspace, gu: Float64Array): void {
  const { n, Bc, coneStart } = ws;
  if (Bc > 0) ws.k.hadamard(1, Bc * n, ws.Sg, 0, Bc * n, ws.XU, coneStart * n, Bc * n, gu, 0, Bc * n);
}

/** out (B x D, u-part) = beta out + alpha A_b^T v for every block */
function atmul(ws: Workspace, v: Float64Array, alpha: number, out: Float64Array, beta: number): void {
  const { n, d, D, B, k } = ws;
  k.scaleCols(B, n, ws.Msig, 0, v, 0, ws.MY, 0);
  k.gemm(false, true, B, d, n, alpha, ws.MY, 0, n, ws.Xt, 0, n, beta, out, 1, D);
}

/** out (B x D, u-part of the cone blocks) += alpha G_b^T (scale o zl)_b, zl and scale Bc x n (scale may be null) */
function gtmulAdd(ws: Workspace, zl: Float64Array, scale: Float64Array | null, alpha: number, out: Float64Array): void {
  const { n, d, D, Bc, coneStart, k } = ws;
  if (Bc === 0) return;
  const ZS = ws.ZS, L = Bc * n;
  if (scale) {
    k.hadamard(1, L, ws.Sg, 0, L, scale, 0, L, ZS, 0, L);
    k.hadamard(1, L, ZS, 0, L, zl, 0, L, ZS, 0, L);
  } else k.hadamard(1, L, ws.Sg, 0, L, zl, 0, L, ZS, 0, L);
  k.gemm(false, true, Bc, d, n, alpha, ZS, 0, n, ws.Xt, 0, n, 1, out, coneStart * D + 1, D);
}

/* ---------------- the named steps ---------------- */

/** rx = c + A^T y + G^T z (per block: [w - z0; A^T y - z_u - G^T z_lin]), ry = A x - y, rz = s - G x */
function computeResiduals(ws: Workspace): void {
  const { n, D, B, s, z, rz } = ws;
  const rxb = ws.rxb;
  for (let b = 0; b < B; b++) {
    const o = b * D;
    rxb[o] = ws.weight - z.soc[o]!;
    for (let j = 1; j < D; j++) rxb[o + j] = -z.soc[o + j]!;
  }
  atmul(ws, ws.yv, 1, rxb, 1);
  gtmulAdd(ws, z.lin, null, -1, rxb);
  amul(ws, ws.xb, ws.ry, 0);
  if (ws.Bc > 0) {
    gmulFromXU(ws, rz.lin);
    ws.k.lincomb(rz.lin.length, 1, s.lin, 0, -1, rz.lin, 0, 0, rz.lin, 0);
  }
  ws.k.lincomb(B * D, 1, s.soc, 0, -1, ws.xb, 0, 0, rz.soc, 0);
  const xr = ws.xr, rxr = ws.rxr, ry = ws.ry;
  if (ws.elastic) {
    rxr[0] = ws.rho - z.res[0]!;
    for (let i = 0; i < n; i++) {
      rxr[1 + i] = ws.yv[i]! - z.res[1 + i]!;
      ry[i]! += xr[1 + i]!;
    }
    for (let i = 0; i <= n; i++) rz.res[i] = s.res[i]! - xr[i]!;
  } else {
    for (let i = 0; i < n; i++) {
      rxr[i] = xr[i]! - ws.yv[i]!;
      ry[i]! -= xr[i]!;
    }
  }
  for (let i = 0; i < n; i++) ry[i]! -= ws.y[i]!;
}

function objective(ws: Workspace): number {
  let p = 0;
  for (let b = 0; b < ws.B; b++) p += ws.weight * ws.xb[b * ws.D]!;
  if (ws.elastic) p += ws.rho * ws.xr[0]!;
  else for (let i = 0; i < ws.n; i++) p += 0.5 * ws.xr[i]! * ws.xr[i]!;
  return p;
}

/** NT scalings of every cone at the current (s, z) and lambda = W z */
function computeScalings(ws: Workspace): void {
  const { B, D, s, z, lam } = ws;
  ws.k.socNT(B, D, s.soc, 0, z.soc, 0, ws.wv, 0, ws.eta, 0, lam.soc, 0);
  if (s.lin.length > 0) ws.k.linNT(s.lin.length, s.lin, 0, z.lin, 0, ws.w2i, 0, ws.wl, 0, lam.lin, 0);
  if (ws.elastic) {
    ws.resEta = socNT(s.res, z.res, 0, ws.n + 1, ws.resW, 0);
    applyW(ws.resEta, ws.resW, 0, ws.n + 1, z.res, 0, lam.res, 0, false);
  }
}

/** Cholesky with a growing diagonal shift when semidefinite (the matrix's lower triangle is restored from src each try) */
function potrfRobust(k: Kernels, n: number, src: Float64Array, sOff: number, dst: Float64Array, dOff: number): void {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(src[sOff + i * n + i]!));
  let shift = 0;
  for (let attempt = 0; attempt < 30; attempt++) {
    if (dst !== src || dOff !== sOff) for (let i = 0; i < n; i++) dst.set(src.subarray(sOff + i * n, sOff + i * n + i + 1), dOff + i * n);
    if (shift > 0) for (let i = 0; i < n; i++) dst[dOff + i * n + i]! += shift;
    if (k.potrf(n, dst, dOff, n) < 0) return;
    shift = shift === 0 ? Math.max(maxDiag, 1e-300) * 1e-14 : shift * 10;
  }
  throw new Error('allBlocks: Newton system is not positive definite');
}

/**
 * The Newton matrices at the current scaling: every cone block's Hessian H_b = W_b^{-2} + [0, 0; 0, X^T diag(z/s) X]
 * (one GEMM for all) and its Cholesky factor; the Schur complement S = sum_b A_b [H_b^{-1}]_uu A_b^T (+ residual)
 * and its factor.
 */
function factor(ws: Workspace): void {
  const { k, n, d, D, Bc, T, coneStart } = ws;
  const S = ws.S;
  // cone-free blocks: (X X^T) o (M diag(eta^2) M^T) + P diag(c) P^T
  const Bf = ws.freeIdx.length;
  if (Bf > 0) {
    for (let a = 0; a < Bf; a++) {
      const b = ws.freeIdx[a]!;
      const e2 = ws.eta[b]! * ws.eta[b]!;
      let vv = 0;
      for (let i = 0; i < D; i++) vv += ws.wv[b * D + i]! * ws.wv[b * D + i]!;
      ws.freeE2[a] = e2;
      ws.freeC[a] = 4 * (1 + vv) * e2;
    }
    // P rows: p_b = A_b v_b (the u-part of the scaling vector): via amul's product with wv
    k.gemm(false, true, Bf, n, d, 1, ws.wv, 1, D, ws.X, 0, d, 0, ws.XU, 0, n);
    for (let a = 0; a < Bf; a++) {
      const b = ws.freeIdx[a]!;
      for (let i = 0; i < n; i++) ws.Pt[a * n + i] = ws.Msig[b * n + i]! * ws.XU[b * n + i]!;
    }
    k.syrkRows(n, Bf, null, 0, ws.Ft, 0, n, ws.freeE2, 0, 0, S, 0, n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) S[i * n + j]! *= ws.XXt[i * n + j]!;
    k.syrkRows(n, Bf, null, 0, ws.Pt, 0, n, ws.freeC, 0, 1, S, 0, n);
  } else S.fill(0);
  // cone blocks
  if (Bc > 0) {
    // dot form (both operands' rows contiguous in n): 20 GFLOP/s against the axpy form's 15 at n = 100
    k.gemm(false, true, Bc, T, n, 1, ws.w2i, 0, n, ws.Qt, 0, n, 0, ws.Hp, 0, T);
    const HL = ws.HL;
    k.coneHessians(Bc, d, T, coneStart, ws.Hp, ws.eta, ws.wv, HL);
    if (k.potrfBatched(Bc, D, HL, 0, D, D * D, ws.info, 0) > 0) {
      // a (numerically) semidefinite block: rebuild it and factor with a diagonal shift
      for (let c = 0; c < Bc; c++) {
        if (ws.info[c]! < 0) continue;
        k.coneHessians(1, d, T, coneStart + c, ws.Hp.subarray(c * T, (c + 1) * T), ws.eta, ws.wv, ws.Hs);
        potrfRobust(k, D, ws.Hs, 0, HL, c * D * D);
      }
    }
    // per pattern: Y = [L_u^{-1} [0; A^T]; L_v^{-1} [0; A^T]] on the pattern's rows (q columns), S[rows, rows] += Y^T Y
    k.schurGroups({
      G: ws.groupFirst.length, D, n, coneStart, groupFirst: ws.groupFirst, groupSize: ws.groupSize, rowCnt: ws.rowCnt, rowOff: ws.rowOff,
      xtsOff: ws.xtsOff, rowList: ws.rowList, HL, xts: ws.xts, Yc: ws.Yc, Tq: ws.Tq, S,
    });
  }
  // residual block
  if (ws.elastic) {
    const w = ws.resW, e2 = ws.resEta * ws.resEta;
    let vv = 0;
    for (let i = 0; i <= n; i++) vv += w[i]! * w[i]!;
    const c = 4 * (1 + vv) * e2;
    for (let i = 0; i < n; i++) {
      const ci = c * w[1 + i]!;
      for (let j = 0; j <= i; j++) S[i * n + j]! += ci * w[1 + j]!;
      S[i * n + i]! += e2;
    }
  } else if (!ws.hard) for (let i = 0; i < n; i++) S[i * n + i]! += 1;
  potrfRobust(k, n, S, 0, ws.SL, 0);
}

/** v_b <- H_b^{-1} v_b for every block (rows of V, B x D) */
function applyHinv(ws: Workspace, V: Float64Array): void {
  const { D, coneStart, B } = ws;
  if (coneStart > 0) {
    ws.k.socScale(false, coneStart, D, ws.eta, 0, ws.wv, 0, V, 0, V, 0);
    ws.k.socScale(false, coneStart, D, ws.eta, 0, ws.wv, 0, V, 0, V, 0);
  }
  if (B > coneStart) ws.k.potrsBatched(B - coneStart, D, ws.HL, 0, D, D * D, V, coneStart * D, D);
}

/**
 * Solve  P dx + A^T dy + G^T dz = -rx,  A dx = -ry,  G dx + ds = -rz,  lambda o (W dz + W^{-1} ds) = dsT
 * by block elimination; the direction goes to ws.dxb, dxr, dy, ds, dz.
 */
function newtonSolve(ws: Workspace, rxb: Float64Array, rxr: Float64Array, ry: Float64Array, rz: ConeVec, dsT: ConeVec): void {
  const { n, D, B, Bc, lam, tv, qv } = ws;
  const np1 = n + 1;
  // q = lambda \ dsT ; t = rz + W q
  const k = ws.k, BD = B * D;
  k.socDiv(B, D, lam.soc, 0, dsT.soc, 0, qv.soc, 0);
  k.socScale(false, B, D, ws.eta, 0, ws.wv, 0, qv.soc, 0, tv.soc, 0);
  k.axpy(BD, 1, rz.soc, 0, tv.soc, 0);
  if (tv.lin.length > 0) k.linNewtonRhs(tv.lin.length, rz.lin, ws.wl, dsT.lin, lam.lin, tv.lin);
  if (ws.elastic) {
    socDiv(lam.res, dsT.res, 0, np1, qv.res);
    applyW(ws.resEta, ws.resW, 0, np1, qv.res, 0, tv.res, 0, false);
    for (let j = 0; j < np1; j++) tv.res[j]! += rz.res[j]!;
  }
  // g = -rx + W^{-2} t_soc + G^T diag(z/s) t_lin ; g <- H^{-1} g
  const g = ws.g;
  k.socScale(true, B, D, ws.eta, 0, ws.wv, 0, tv.soc, 0, g, 0);
  k.socScale(true, B, D, ws.eta, 0, ws.wv, 0, g, 0, g, 0);
  k.lincomb(BD, 1, g, 0, -1, rxb, 0, 0, g, 0);
  if (Bc > 0) gtmulAdd(ws, tv.lin, ws.w2i, 1, g);
  applyHinv(ws, g);
  // Schur right-hand side: ry + A H^{-1} g (+ residual part)
  const rhs = ws.rhs;
  amul(ws, g, rhs, 0);
  for (let i = 0; i < n; i++) rhs[i]! += ry[i]!;
  const hgr = ws.hgr;
  if (ws.elastic) {
    applyW2(ws, ws.resEta, ws.resW, 0, np1, tv.res, 0, ws.segB, 0, true);
    for (let j = 0; j < np1; j++) ws.segB[j] = ws.segB[j]! - rxr[j]!;
    applyW2(ws, ws.resEta, ws.resW, 0, np1, ws.segB, 0, hgr, 0, false);
    for (let i = 0; i < n; i++) rhs[i]! += hgr[1 + i]!;
  } else if (ws.hard) hgr.fill(0);
  else
    for (let i = 0; i < n; i++) {
      hgr[i] = -rxr[i]!;
      rhs[i]! -= hgr[i]!;
    }
  ws.k.potrs(n, ws.SL, 0, n, rhs, 0);
  const dy = ws.dy;
  dy.set(rhs);
  // dx = H^{-1} g - H^{-1} [0; A^T dy]
  const dxb = ws.dxb;
  for (let b = 0; b < B; b++) dxb[b * D] = 0;
  atmul(ws, dy, 1, dxb, 0);
  ws.atdy.set(dxb); // [0; A^T dy], reused by the residual check
  applyHinv(ws, dxb);
  k.lincomb(BD, 1, g, 0, -1, dxb, 0, 0, dxb, 0);
  const dxr = ws.dxr;
  if (ws.elastic) {
    ws.segB[0] = 0;
    for (let i = 0; i < n; i++) ws.segB[1 + i] = dy[i]!;
    applyW2(ws, ws.resEta, ws.resW, 0, np1, ws.segB, 0, dxr, 0, false);
    for (let i = 0; i < np1; i++) dxr[i] = hgr[i]! - dxr[i]!;
  } else if (ws.hard) dxr.fill(0);
  else for (let i = 0; i < n; i++) dxr[i] = hgr[i]! + dy[i]!;
  // ds = -rz - G dx ; dz = W^{-2} (t - (-G dx))   (G = -I on the SOCs, -G_b on the linear parts)
  const ds = ws.ds, dz = ws.dz;
  k.lincomb(BD, -1, rz.soc, 0, 1, dxb, 0, 0, ds.soc, 0);
  k.lincomb(BD, 1, tv.soc, 0, -1, dxb, 0, 0, dz.soc, 0);
  k.socScale(true, B, D, ws.eta, 0, ws.wv, 0, dz.soc, 0, dz.soc, 0);
  k.socScale(true, B, D, ws.eta, 0, ws.wv, 0, dz.soc, 0, dz.soc, 0);
  if (Bc > 0) {
    amul(ws, dxb, ws.sn, 0); // A dx (reused by the residual check); fills ws.XU with dx X^T
    gmulFromXU(ws, ws.gdx);
    k.linNewtonBack(ds.lin.length, rz.lin, ws.gdx, ws.w2i, tv.lin, ds.lin, dz.lin);
  }
  if (ws.elastic) {
    for (let j = 0; j < np1; j++) {
      ds.res[j] = -rz.res[j]! + dxr[j]!;
      ws.segB[j] = tv.res[j]! - dxr[j]!;
    }
    applyW2(ws, ws.resEta, ws.resW, 0, np1, ws.segB, 0, dz.res, 0, true);
  }
}

/**
 * Residual of the Newton equations at the computed direction, e = lhs(d) + r: the linear equations' parts
 * (eb, ey, er); returns (||eb||^2 + ||ey||^2) / ||r||^2, which decides refinement. The cone parts (ez, es)
 * hold only the rounding of the back substitution that defines ds and dz from dx (measured: they never
 * changed a decision in 424 Newton solves at (40, 20), and ez was exactly 0), so they are computed only
 * when a refinement pass needs them as its right-hand side (newtonResidualCones).
 */
function newtonResidual(ws: Workspace, dsT: ConeVec): number {
  const { n, D, B, Bc, eb, er, ey, dxb, dxr, dy, dz, rxb, rxr, ry, rz } = ws;
  // A^T dy, A dx and G dx come from the solve itself (ws.atdy, ws.sn, ws.gdx); only G^T dz is new
  ws.k.lincomb(B * D, -1, dz.soc, 0, 1, rxb, 0, 0, eb, 0);
  ws.k.axpy(B * D, 1, ws.atdy, 0, eb, 0);
  gtmulAdd(ws, dz.lin, null, -1, eb);
  if (Bc > 0) ey.set(ws.sn);
  else amul(ws, dxb, ey, 0);
  for (let i = 0; i < n; i++) ey[i]! += ry[i]!;
  if (ws.elastic) {
    er[0] = -dz.res[0]! + rxr[0]!;
    for (let i = 0; i < n; i++) {
      er[1 + i] = dy[i]! - dz.res[1 + i]! + rxr[1 + i]!;
      ey[i]! += dxr[1 + i]!;
    }
  } else
    for (let i = 0; i < n; i++) {
      er[i] = dxr[i]! - dy[i]! + rxr[i]!;
      ey[i]! -= dxr[i]!;
    }
  let e2 = 0, r2 = 0;
  for (let i = 0; i < B * D; i++) {
    e2 += eb[i]! * eb[i]!;
    r2 += rxb[i]! * rxb[i]!;
  }
  for (let i = 0; i < n; i++) {
    e2 += ey[i]! * ey[i]!;
    r2 += ry[i]! * ry[i]!;
  }
  r2 += coneDot(ws.k, rz, rz) + coneDot(ws.k, dsT, dsT);
  return e2 / Math.max(r2, 1e-300);
}

/** the cone parts of the Newton residual: ez = -G dx + ds + rz, es = dsT - lambda o (W dz + W^{-1} ds) */
function newtonResidualCones(ws: Workspace, dsT: ConeVec): void {
  const { n, D, B, Bc, ez, es, dxb, dxr, ds, dz, rz } = ws;
  const k = ws.k;
  if (Bc > 0) {
    k.lincomb(ez.lin.length, -1, ws.gdx, 0, 1, ds.lin, 0, 0, ez.lin, 0);
    k.axpy(ez.lin.length, 1, rz.lin, 0, ez.lin, 0);
  }
  k.lincomb(B * D, -1, dxb, 0, 1, ds.soc, 0, 0, ez.soc, 0);
  k.axpy(B * D, 1, rz.soc, 0, ez.soc, 0);
  if (ws.elastic) for (let i = 0; i <= n; i++) ez.res[i] = -dxr[i]! + ds.res[i]! + rz.res[i]!;
  coneApplyW(ws, dz, ws.tv, false);
  coneApplyW(ws, ds, ws.qv, true);
  addInto(ws, ws.tv, ws.qv);
  coneProd(ws, ws.lam, ws.tv, es);
  k.lincomb(es.soc.length, 1, dsT.soc, 0, -1, es.soc, 0, 0, es.soc, 0);
  k.lincomb(es.lin.length, 1, dsT.lin, 0, -1, es.lin, 0, 0, es.lin, 0);
  for (let i = 0; i < es.res.length; i++) es.res[i] = dsT.res[i]! - es.res[i]!;
}

function addInto(ws: Workspace, a: ConeVec, b: ConeVec): void {
  ws.k.axpy(a.soc.length, 1, b.soc, 0, a.soc, 0);
  ws.k.axpy(a.lin.length, 1, b.lin, 0, a.lin, 0);
  for (let i = 0; i < a.res.length; i++) a.res[i]! += b.res[i]!;
}

/**
 * Refinement threshold: one pass of iterative refinement when the Newton residual exceeds 1e-8 of the
 * right-hand side. Measured on the fixtures and near-threshold cases: refining always costs ~25% more
 * Newton work for the same iterations and accuracy; never refining costs 15% more iterations and
 * objectives drift to 2e-8 relative; at 1e-8 the iterations and objectives (1e-10) match refining always.
 */
const REFINE_TOL2 = 1e-16;
/**
 * The dual residual is measured per block in the objective's own units, ||rx|| / (sqrt(B) w): an RMS over
 * blocks relative to the weight w, so that the final pricing (every block's dual value <= w (1 + 1e-7),
 * activeSet.ts) holds at the solve's answer. (Normalising by the elastic penalty rho, about 100 / entry
 * of X, as before, let a block's dual residual reach 1e-7 w: at (30, 20) one solve in twelve then failed the
 * pricing and fell back to column generation.) This is the min-norm (elastic) case; regularized programs keep
 * max(1, sqrt(B) w). Its tolerance is 10 feasTol: RMS 1e-9 w, a block's residual
 * at most about 1e-9 sqrt(B) w, well inside the pricing's 1e-7; measured: the same iterations as before
 * on (20, 10) to (100, 40) near the threshold, and no fallback.
 */
const DUAL_TOL_FACTOR = 10;
/** a saved point this good ends the solve when the iterates lose accuracy again (runIpm) */
const DIVERGE_BEST = 1e-9;

/** Newton solve plus one pass of iterative refinement (always, or only when the relative residual asks for it) */
function newtonSolveRefined(ws: Workspace, dsT: ConeVec, mode: 'always' | 'auto'): number {
  newtonSolve(ws, ws.rxb, ws.rxr, ws.ry, ws.rz, dsT);
  const rel2 = newtonResidual(ws, dsT);
  if (mode === 'auto' && rel2 < REFINE_TOL2) return 0;
  newtonResidualCones(ws, dsT);
  ws.sdxb.set(ws.dxb);
  ws.sdxr.set(ws.dxr);
  ws.sdy.set(ws.dy);
  coneCopy(ws.ds, ws.sds);
  coneCopy(ws.dz, ws.sdz);
  newtonSolve(ws, ws.eb, ws.er, ws.ey, ws.ez, ws.es);
  ws.k.axpy(ws.dxb.length, 1, ws.sdxb, 0, ws.dxb, 0);
  for (let i = 0; i < ws.dxr.length; i++) ws.dxr[i]! += ws.sdxr[i]!;
  for (let i = 0; i < ws.n; i++) ws.dy[i]! += ws.sdy[i]!;
  addInto(ws, ws.ds, ws.sds);
  addInto(ws, ws.dz, ws.sdz);
  return 1;
}

/** the smallest eigenvalue over every cone of v (SOC blocks, linear cones, the elastic SOC) */
function coneMinEig(ws: Workspace, v: ConeVec): number {
  const { B, D, n } = ws;
  let m = Infinity;
  for (let b = 0; b < B; b++) {
    let n1 = 0;
    for (let i = 1; i < D; i++) n1 += v.soc[b * D + i]! * v.soc[b * D + i]!;
    m = Math.min(m, v.soc[b * D]! - Math.sqrt(n1));
  }
  for (let i = 0; i < v.lin.length; i++) m = Math.min(m, v.lin[i]!);
  if (ws.elastic) {
    let n1 = 0;
    for (let i = 1; i <= n; i++) n1 += v.res[i]! * v.res[i]!;
    m = Math.min(m, v.res[0]! - Math.sqrt(n1));
  }
  return m;
}

/** v + a e (e the cones' identity) */
function coneShift(ws: Workspace, v: ConeVec, a: number): void {
  for (let b = 0; b < ws.B; b++) v.soc[b * ws.D]! += a;
  for (let i = 0; i < v.lin.length; i++) v.lin[i]! += a;
  if (ws.elastic) v.res[0]! += a;
}

/** cvxopt's starting point: the KKT system with W = I, then s and z shifted into the cones */
function startingPoint(ws: Workspace): void {
  if (ws.elastic) {
    // The elastic residual's cone starts centred, apart from cvxopt's start: the blocks' point comes from
    // the system without the residual (hard equality, r = 0), and the residual cone gets z_r = (rho, 0),
    // s_r = x_r = (mu0 / rho, 0), mu0 the mean complementarity of the other cones, so s_r o z_r = mu0 e.
    // With the residual in the starting system (cvxopt's point) the penalty rho sets the scale of the
    // whole start (a gap of 1e6 for an optimum of 1) and the residual cone holds about 40% of the gap,
    // 1e3 to 1e4 times mu, until the equality is met (17 iterations at (100, 40)); measured on plain/exact
    // (40, 20), (60, 24), (100, 40), 8 seeds each: 625 -> 560 iterations, 10% less time, the same verdicts
    // and objectives within 8e-10; on 240 mixed cases 10% fewer iterations for plain and skip programs.
    ws.elastic = false;
    ws.hard = true;
    try {
      startingPoint(ws);
    } finally {
      ws.elastic = true;
      ws.hard = false;
    }
    const none = new Float64Array(0);
    const mu0 = coneDot(ws.k, { soc: ws.s.soc, lin: ws.s.lin, res: none }, { soc: ws.z.soc, lin: ws.z.lin, res: none }) / (degree(ws) - 1);
    ws.z.res.fill(0);
    ws.z.res[0] = ws.rho;
    ws.s.res.fill(0);
    ws.s.res[0] = mu0 / ws.rho;
    ws.xr.set(ws.s.res);
    return;
  }
  const { n, D, B } = ws;
  coneSetE(ws, ws.s);
  coneSetE(ws, ws.z);
  computeScalings(ws);
  factor(ws);
  const cb = ws.eb;
  cb.fill(0);
  for (let b = 0; b < B; b++) cb[b * D] = ws.weight;
  ws.er.fill(0);
  if (ws.elastic) ws.er[0] = ws.rho;
  for (let i = 0; i < n; i++) ws.ey[i] = -ws.y[i]!;
  for (const v of [ws.ez, ws.es]) {
    v.soc.fill(0);
    v.lin.fill(0);
    v.res.fill(0);
  }
  newtonSolve(ws, cb, ws.er, ws.ey, ws.ez, ws.es);
  ws.xb.set(ws.dxb);
  ws.xr.set(ws.dxr.subarray(0, ws.xr.length));
  ws.yv.set(ws.dy);
  const neg = (src: Float64Array, dst: Float64Array) => {
    for (let i = 0; i < src.length; i++) dst[i] = -src[i]!;
  };
  neg(ws.dz.soc, ws.s.soc);
  neg(ws.dz.lin, ws.s.lin);
  neg(ws.dz.res, ws.s.res);
  coneCopy(ws.dz, ws.z);
  const minEigOf = (v: ConeVec) => coneMinEig(ws, v);
  const shift = (v: ConeVec, a: number) => coneShift(ws, v, a);
  if (ws.Bc > 0) {
    // Programs with linear cones (exact): Mehrotra's (1992) starting shifts instead of cvxopt's single
    // shift to min eig 1: delta = max(-1.5 min eig, 0) for s and for z, then + 0.5 s'.z' / trace(z') for s
    // and + 0.5 s'.z' / trace(s') for z (trace = the sum of the cones' t parts). Measured: exact solves
    // 5 to 18% fewer iterations at (20, 10) to (100, 40) (plain/exact (30, 20) 27.2 -> 23.6, (40, 20)
    // 31.3 -> 28.4, (100, 40) 34.7 -> 31; skip/exact (40, 20) 20.3 -> 16.6); programs without linear
    // cones took 1 more iteration with it, so they keep cvxopt's.
    const trace = (v: ConeVec) => {
      let t = 0;
      for (let b = 0; b < B; b++) t += v.soc[b * D]!;
      for (let i = 0; i < v.lin.length; i++) t += v.lin[i]!;
      if (ws.elastic) t += v.res[0]!;
      return t;
    };
    shift(ws.s, Math.max(-1.5 * minEigOf(ws.s), 0));
    shift(ws.z, Math.max(-1.5 * minEigOf(ws.z), 0));
    const sz = coneDot(ws.k, ws.s, ws.z);
    const ts = trace(ws.s), tz = trace(ws.z);
    shift(ws.s, 0.5 * sz / tz);
    shift(ws.z, 0.5 * sz / ts);
  }
  // cvxopt's shift: into the cones with min eig 1 (after Mehrotra's shifts, only if they left a cone)
  for (const v of [ws.s, ws.z]) {
    const m = minEigOf(v);
    if (m < 1e-8) shift(v, 1 - m);
  }
}

function saveBest(ws: Workspace): void {
  ws.bxb.set(ws.xb);
  ws.bxr.set(ws.xr);
  ws.by.set(ws.yv);
  coneCopy(ws.s, ws.bs);
  coneCopy(ws.z, ws.bz);
}

function restoreBest(ws: Workspace): void {
  ws.xb.set(ws.bxb);
  ws.xr.set(ws.bxr.subarray(0, ws.xr.length));
  ws.yv.set(ws.by);
  coneCopy(ws.bs, ws.s);
  coneCopy(ws.bz, ws.z);
}

/** one predictor-corrector step from the current point (scalings and factor already done) */
function predictorCorrector(ws: Workspace, mu: number, refine: 'always' | 'auto'): number {
  let refinements = 0;
  const { dsT, corr, lam } = ws;
  // predictor: dsT = -lambda o lambda
  coneProd(ws, lam, lam, dsT);
  scaleCone(ws, dsT, -1);
  // the affine direction only sets the centring sigma and the corrector's second-order term: it is used
  // unrefined (measured: the same iterations on average, 7-10% less time at (20, 10) to (100, 40);
  // refine = 'always' keeps cvxopt's refinement of both solves)
  if (refine === 'auto') newtonSolve(ws, ws.rxb, ws.rxr, ws.ry, ws.rz, dsT);
  else refinements += newtonSolveRefined(ws, dsT, refine);
  const aAff = Math.min(1, coneMaxStep(ws, ws.s, ws.ds), coneMaxStep(ws, ws.z, ws.dz));
  const sigma = Math.min(1, Math.max(0, Math.pow(1 - aAff, 3)));
  // corrector: dsT = -lambda o lambda - (W^{-1} ds_a) o (W dz_a) + sigma mu e
  coneApplyW(ws, ws.ds, ws.qv, true);
  coneApplyW(ws, ws.dz, ws.tv, false);
  coneProd(ws, ws.qv, ws.tv, corr);
  coneProd(ws, lam, lam, dsT);
  const { B, D } = ws;
  ws.k.lincomb(dsT.soc.length, -1, dsT.soc, 0, -1, corr.soc, 0, 0, dsT.soc, 0);
  for (let b = 0; b < B; b++) dsT.soc[b * D]! += sigma * mu;
  ws.k.lincomb(dsT.lin.length, -1, dsT.lin, 0, -1, corr.lin, 0, sigma * mu, dsT.lin, 0);
  for (let i = 0; i < dsT.res.length; i++) dsT.res[i] = -dsT.res[i]! - corr.res[i]!;
  if (ws.elastic) dsT.res[0]! += sigma * mu;
  refinements += newtonSolveRefined(ws, dsT, refine);
  const alpha = Math.min(1, 0.99 * Math.min(coneMaxStep(ws, ws.s, ws.ds), coneMaxStep(ws, ws.z, ws.dz)));
  ws.k.axpy(ws.xb.length, alpha, ws.dxb, 0, ws.xb, 0);
  for (let i = 0; i < ws.xr.length; i++) ws.xr[i]! += alpha * ws.dxr[i]!;
  for (let i = 0; i < ws.n; i++) ws.yv[i]! += alpha * ws.dy[i]!;
  axpyCone(ws, alpha, ws.ds, ws.s);
  axpyCone(ws, alpha, ws.dz, ws.z);
  return refinements;
}

function scaleCone(ws: Workspace, v: ConeVec, a: number): void {
  ws.k.lincomb(v.soc.length, a, v.soc, 0, 0, v.soc, 0, 0, v.soc, 0);
  ws.k.lincomb(v.lin.length, a, v.lin, 0, 0, v.lin, 0, 0, v.lin, 0);
  for (let i = 0; i < v.res.length; i++) v.res[i]! *= a;
}

function axpyCone(ws: Workspace, a: number, x: ConeVec, y: ConeVec): void {
  ws.k.axpy(x.soc.length, a, x.soc, 0, y.soc, 0);
  ws.k.axpy(x.lin.length, a, x.lin, 0, y.lin, 0);
  for (let i = 0; i < x.res.length; i++) y.res[i]! += a * x.res[i]!;
}

/** the solve: starting point, then predictor-corrector steps until the stopping test of ipm.ts holds */
export function solveAllBlocks(prog: AllBlocksProgram, opts: AllBlocksOptions = {}): AllBlocksResult {
  const k = opts.kernels ?? defaultKernels();
  const maxIter = opts.maxIter ?? 100;
  const feasTol = opts.feasTol ?? 1e-10;
  const gapTol = opts.gapTol ?? 1e-10;
  const refine = opts.refine ?? 'auto';
  // sizing pass, then the real workspace from the (reused) arena
  let bytes = 4096;
  const empty = new Float64Array(0);
  const emptyI = new Int32Array(0);
  createWorkspace(prog, k, (len) => {
    bytes += Math.ceil((len * 8) / 16) * 16;
    return empty;
  }, (src) => {
    bytes += Math.ceil((src.length * 4) / 16) * 16;
    return emptyI;
  }, false);
  const arena = sharedArena(k, bytes);
  const mark = arena.mark();
  try {
    const ws = createWorkspace(prog, k, (len) => arena.f64(len), (src) => {
      const a = arena.i32(src.length);
      a.set(src);
      return a;
    }, true);
    return runIpm(ws, maxIter, feasTol, gapTol, refine);
  } finally {
    arena.release(mark);
  }
}

function runIpm(ws: Workspace, maxIter: number, feasTol: number, gapTol: number, refine: 'always' | 'auto'): AllBlocksResult {
  const { n, B, D } = ws;
  let bnorm = 0;
  for (let i = 0; i < n; i++) bnorm += ws.y[i]! * ws.y[i]!;
  bnorm = Math.max(1, Math.sqrt(bnorm));
  // min-norm programs (elastic residual): per block, relative to w; regularized ones (quadratic residual) as before
  const cnorm = ws.elastic ? Math.sqrt(B) * ws.weight : Math.max(1, Math.sqrt(B) * ws.weight);
  startingPoint(ws);
  let status: AllBlocksResult['status'] = 'max-iterations';
  let iter = 0, pcost = 0, gap = 0, bestMerit = Infinity, bestSaved = Infinity, stallCount = 0, refinements = 0;
  const deg = degree(ws);
  for (iter = 0; iter <= maxIter; iter++) {
    computeResiduals(ws);
    gap = coneDot(ws.k, ws.s, ws.z);
    pcost = objective(ws);
    let ry2 = 0, rx2 = 0;
    for (let i = 0; i < n; i++) ry2 += ws.ry[i]! * ws.ry[i]!;
    rx2 += ws.k.dot(ws.rxb.length, ws.rxb, 0, ws.rxb, 0);
    for (let i = 0; i < ws.rxr.length; i++) rx2 += ws.rxr[i]! * ws.rxr[i]!;
    const rz2 = coneDot(ws.k, ws.rz, ws.rz);
    const pres = Math.max(Math.sqrt(ry2) / bnorm, Math.sqrt(rz2) / bnorm);
    const dres = Math.sqrt(rx2) / cnorm;
    if (pres <= feasTol && dres <= DUAL_TOL_FACTOR * feasTol && gap <= gapTol * Math.max(1, Math.abs(pcost))) {
      status = 'optimal';
      break;
    }
    if (process.env.RLAB_IPM_TRACE) console.error('all-blocks', iter, pcost.toExponential(6), pres.toExponential(2), dres.toExponential(2), gap.toExponential(2));
    const merit = Math.max(pres, dres, gap / Math.max(1, Math.abs(pcost)));
    if (!Number.isFinite(merit)) {
      status = 'stalled';
      break;
    }
    if (merit < bestSaved) {
      bestSaved = merit;
      saveBest(ws);
    }
    if (merit < bestMerit * 0.9) {
      bestMerit = merit;
      stallCount = 0;
    } else if (++stallCount >= (merit < 1e-7 ? 4 : 12)) {
      status = 'stalled';
      break;
    }
    // Past the accuracy float64 allows, the iterates can lose it again (the dual residual climbs while
    // the gap keeps shrinking): once a point within 1e-9 is saved, a merit 10 times worse ends the solve
    // at that point instead of waiting for the stall count (measured: up to 12 iterations saved on
    // exact solves at (40, 20), the same answers).
    if (bestSaved <= DIVERGE_BEST && merit > 10 * bestSaved) {
      status = 'stalled';
      break;
    }
    if (iter === maxIter) break;
    try {
      computeScalings(ws);
      factor(ws);
    } catch {
      status = 'stalled';
      break;
    }
    refinements += predictorCorrector(ws, gap / deg, refine);
  }
  if (status !== 'optimal' && bestSaved < Infinity) {
    restoreBest(ws);
    computeResiduals(ws);
    pcost = objective(ws);
    gap = coneDot(ws.k, ws.s, ws.z);
    if (bestSaved <= 1e-7) status = 'optimal';
  }
  const u: Float64Array[] = [];
  for (let b = 0; b < B; b++) u.push(ws.xb.slice(b * D + 1, (b + 1) * D));
  const r = ws.elastic ? ws.xr.slice(1, n + 1) : ws.xr.slice(0, n);
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) lambda[i] = -ws.yv[i]!;
  return {
    status,
    iterations: iter,
    u,
    r,
    lambda,
    coneDual: ws.Bc > 0 ? ws.z.lin.slice() : null,
    coneStart: ws.coneStart,
    primalObjective: pcost,
    gap,
    refinements,
  };
}
