/**
 * Interval estimates for recovery probabilities.
 */
const Z95 = 1.959963984540054;

/** Wilson score interval (95%) for `k` successes in `n` trials */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** Newcombe's hybrid score interval for p1 - p2 from two Wilson intervals */
export function newcombe(k1: number, n1: number, k2: number, n2: number): { diff: number; low: number; high: number } {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const a = wilson(k1, n1);
  const b = wilson(k2, n2);
  const diff = p1 - p2;
  return {
    diff,
    low: diff - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: diff + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

export interface BinomialPoint {
  x: number;
  k: number;
  n: number;
}

/**
 * Logistic regression P = 1 / (1 + exp(-(b0 + b1 x))) by Newton's method (IRLS) on binomial counts.
 * Returns null when it does not converge (e.g. perfectly separated data).
 */
export function logisticFit(points: BinomialPoint[]): { b0: number; b1: number; cov: [number, number, number] } | null {
  let b0 = 0;
  let b1 = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (const { x, k, n } of points) {
      const p = 1 / (1 + Math.exp(-(b0 + b1 * x)));
      const w = n * p * (1 - p);
      g0 += k - n * p;
      g1 += (k - n * p) * x;
      h00 += w;
      h01 += w * x;
      h11 += w * x * x;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 1e-12)) return null;
    const d0 = (h11 * g0 - h01 * g1) / det;
    const d1 = (h00 * g1 - h01 * g0) / det;
    b0 += d0;
    b1 += d1;
    if (!Number.isFinite(b0) || !Number.isFinite(b1) || Math.abs(b1) > 1e3) return null;
    if (Math.abs(d0) + Math.abs(d1) < 1e-10) return { b0, b1, cov: [h11 / det, -h01 / det, h00 / det] };
  }
  return null;
}

/**
 * Where P crosses `level` for each d (science.md section 7): linear interpolation between the last cell
 * below and the first at or above the level, scanning n upward (no crossing when the first cell is already
 * above); `c` is the median of crossing n / d over the d values that cross. A model-free companion to the
 * logistic transitionEstimate, used by the reproduction report.
 */
export function crossingsPerD<C extends { n: number; d: number; trials: number }>(cells: readonly C[], value: (c: C) => number, level = 0.5): { c: number | null; perD: { d: number; n: number }[] } {
  const ds = [...new Set(cells.map((c) => c.d))].sort((a, b) => a - b);
  const perD: { d: number; n: number }[] = [];
  for (const d of ds) {
    const row = cells.filter((c) => c.d === d && c.trials > 0).sort((a, b) => a.n - b.n);
    for (let i = 0; i < row.length; i++) {
      const v = value(row[i]!);
      if (v >= level) {
        if (i === 0) break;
        const prev = row[i - 1]!;
        const pv = value(prev);
        perD.push({ d, n: prev.n + ((level - pv) / (v - pv)) * (row[i]!.n - prev.n) });
        break;
      }
    }
  }
  if (perD.length === 0) return { c: null, perD };
  const ratios = perD.map((p) => p.n / p.d).sort((a, b) => a - b);
  const mid = Math.floor(ratios.length / 2);
  return { c: ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2, perD };
}
