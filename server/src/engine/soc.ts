/**
 * Second-order cone algebra shared by both interior-point solvers (ipm.ts for column generation,
 * allBlocks.ts for the all-blocks solve): cone vectors are v[off] (the "t" part) and v[off+1..off+len).
 * Follows cvxopt's coneqp (Vandenberghe 2010).
 */
/** max step alpha >= 0 with v + alpha dv in the SOC (Infinity when unbounded); dv's segment at dvOff (default off) */
export function socMaxStep(v: Float64Array, dv: Float64Array, off: number, len: number, dvOff: number = off): number {
  const v0 = v[off]!, d0 = dv[dvOff]!;
  let vv = 0, vd = 0, dd = 0;
  for (let i = 1; i < len; i++) {
    vv += v[off + i]! * v[off + i]!;
    vd += v[off + i]! * dv[dvOff + i]!;
    dd += dv[dvOff + i]! * dv[dvOff + i]!;
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

/**
 * Nesterov-Todd scaling of the SOC segment (s at off, z at zOff (default off), length len): the scaling vector w (at wOff) with
 * W = eta (2 w w^T - J) and W z = W^{-1} s; returns eta.
 */
export function socNT(s: Float64Array, z: Float64Array, off: number, len: number, w: Float64Array, wOff: number, zOff: number = off): number {
  let ss = s[off]! * s[off]!, zz = z[zOff]! * z[zOff]!;
  for (let i = 1; i < len; i++) {
    ss -= s[off + i]! * s[off + i]!;
    zz -= z[zOff + i]! * z[zOff + i]!;
  }
  const sn = Math.sqrt(Math.max(ss, 1e-300));
  const zn = Math.sqrt(Math.max(zz, 1e-300));
  let sz = 0;
  for (let i = 0; i < len; i++) sz += (s[off + i]! / sn) * (z[zOff + i]! / zn);
  const gamma = Math.sqrt(Math.max((1 + sz) / 2, 1e-300));
  const w0 = (s[off]! / sn + z[zOff]! / zn) / (2 * gamma);
  const c = 1 / Math.sqrt(2 * (w0 + 1));
  w[wOff] = (w0 + 1) * c;
  for (let i = 1; i < len; i++) w[wOff + i] = ((s[off + i]! / sn - z[zOff + i]! / zn) / (2 * gamma)) * c;
  return Math.sqrt(sn / zn);
}

/** out = W v (or W^{-1} v) on a segment; W = eta (2 w w^T - J) */
export function socApplyW(eta: number, w: Float64Array, wOff: number, len: number, v: Float64Array, vOff: number, out: Float64Array, oOff: number, inverse: boolean): void {
  if (!inverse) {
    let wv = 0;
    for (let i = 0; i < len; i++) wv += w[wOff + i]! * v[vOff + i]!;
    out[oOff] = eta * (2 * w[wOff]! * wv - v[vOff]!);
    for (let i = 1; i < len; i++) out[oOff + i] = eta * (2 * w[wOff + i]! * wv + v[vOff + i]!);
  } else {
    let wJv = w[wOff]! * v[vOff]!;
    for (let i = 1; i < len; i++) wJv -= w[wOff + i]! * v[vOff + i]!;
    out[oOff] = (2 * w[wOff]! * wJv - v[vOff]!) / eta;
    for (let i = 1; i < len; i++) out[oOff + i] = (-2 * w[wOff + i]! * wJv + v[vOff + i]!) / eta;
  }
}
