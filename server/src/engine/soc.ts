/**
 * Second-order cone algebra shared by both interior-point solvers (ipm.ts for column generation,
 * allBlocks.ts for the all-blocks solve): cone vectors are v[off] (the "t" part) and v[off+1..off+len).
 * Follows cvxopt's coneqp (Vandenberghe 2010).
 */
/** max step alpha >= 0 with v + alpha dv in the SOC (Infinity when unbounded) */
export function socMaxStep(v: Float64Array, dv: Float64Array, off: number, len: number): number {
  const v0 = v[off]!, d0 = dv[off]!;
  let vv = 0, vd = 0, dd = 0;
  for (let i = 1; i < len; i++) {
    vv += v[off + i]! * v[off + i]!;
    vd += v[off + i]! * dv[off + i]!;
    dd += dv[off + i]! * dv[off + i]!;
  }
  const a = d0 * d0 - dd;
  const b = 2 * (v0 * d0 - vd);
  const c = v0 * v0 - vv;
  let alpha = Infinity;
  if (d0 < 0) alpha = -v0 / d0;
  if (c <= 0) return 0;
  if (Math.abs(a) < 1e-300) {
    if (b < 0) alpha = Math.min(alpha, -c / b);
    return alpha;
  }
  const disc = b * b - 4 * a * c;
  if (a < 0) {
    const sq = Math.sqrt(Math.max(disc, 0));
    const q = -0.5 * (b + (b >= 0 ? sq : -sq));
    const pos = Math.max(q / a, c / q);
    if (pos > 0) alpha = Math.min(alpha, pos);
    return alpha;
  }
  if (disc < 0) return alpha;
  const sq = Math.sqrt(disc);
  const q = -0.5 * (b + (b >= 0 ? sq : -sq));
  const r1 = q / a, r2 = q !== 0 ? c / q : Infinity;
  if (r1 > 0) alpha = Math.min(alpha, r1);
  if (r2 > 0) alpha = Math.min(alpha, r2);
  return alpha;
}

/** Jordan product u o v on an SOC segment */
export function socProd(u: Float64Array, v: Float64Array, off: number, len: number, out: Float64Array): void {
  let s = 0;
  for (let i = 0; i < len; i++) s += u[off + i]! * v[off + i]!;
  const u0 = u[off]!, v0 = v[off]!;
  for (let i = 1; i < len; i++) out[off + i] = u0 * v[off + i]! + v0 * u[off + i]!;
  out[off] = s;
}

/** solve lambda o x = v on an SOC segment */
export function socDiv(lam: Float64Array, v: Float64Array, off: number, len: number, out: Float64Array): void {
  const l0 = lam[off]!;
  let l1v1 = 0, l1l1 = 0;
  for (let i = 1; i < len; i++) {
    l1v1 += lam[off + i]! * v[off + i]!;
    l1l1 += lam[off + i]! * lam[off + i]!;
  }
  const det = l0 * l0 - l1l1;
  const x0 = (l0 * v[off]! - l1v1) / det;
  for (let i = 1; i < len; i++) out[off + i] = (v[off + i]! - x0 * lam[off + i]!) / l0;
  out[off] = x0;
}
