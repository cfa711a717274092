/** Numbers from ../shared/science.md used by the views. */

/**
 * The line n = c d where P(recovered) crosses 1/2 (science.md section 7): a single planted ReLU neuron with the
 * exact program near n = 2.4 d, a linear model with skip (relaxed program) near n = 2 d, a single normalized
 * neuron near n = d. null when the paper gives no line for the architecture.
 */
export function paperSlope(architecture: string): number | null {
  switch (architecture) {
    case 'plain':
      return 2.4;
    case 'skip':
      return 2;
    case 'normalized':
      return 1;
    default:
      return null;
  }
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** for each recovered neuron, the planted neuron it is closest to in direction, and the cosine */
export function matchNeurons(planted: number[][], recovered: number[][]): Array<{ recovered: number; planted: number; cosine: number }> {
  return recovered.map((w, i) => {
    let best = -1;
    let bestCos = -Infinity;
    planted.forEach((p, j) => {
      const c = cosine(w, p);
      if (c > bestCos) {
        bestCos = c;
        best = j;
      }
    });
    return { recovered: i, planted: best, cosine: best < 0 ? 0 : bestCos };
  });
}

export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(2);
  return Number(v.toPrecision(digits)).toString();
}
