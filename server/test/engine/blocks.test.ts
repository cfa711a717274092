/**
 * Normalized pricing by Cholesky factors (BlockFamily, normalizedPricing 'factor', the default) against
 * the reference, the eigendecomposition basis of every pattern ('basis'):
 * - dual values ||U_j^T lambda|| agree to 1e-9 relative: both compute sqrt(c^T (X^T D_j X)^+ c) in float64,
 *   each with an error of about cond(X^T D_j X) * 1e-16, and the patterns here with m_j just above d
 *   (or with a near-duplicate row) reach condition numbers of 1e4 to 1e6 (measured: 2.3e-12 at most);
 * - every path is taken (patterns with fewer active rows than d, with at least d, with zero rows, and
 *   degenerate ones that fall back to the basis: duplicated rows make X^T D_j X singular);
 * - block dimensions agree, and whole solves give the same verdicts and objectives (1e-9 relative, the
 *   solver's own tolerance) on both paths, relaxed and exact.
 */
import { describe, expect, it } from 'vitest';
import { instanceSpecSchema } from '@rlab/shared';
import { BlockFamily } from '../../src/engine/blocks.ts';
import { generateInstance } from '../../src/engine/data.ts';
import { solveInstance } from '../../src/engine/solve.ts';
import { Rng } from '../../src/engine/rng.ts';
import { tsKernels } from '../../src/engine/kernels/index.ts';
import { getKernels, wasmSimdAvailable } from '../../src/engine/kernels/index.ts';
import type { Mat } from '../../src/engine/linalg.ts';

function gaussianX(rng: Rng, n: number, d: number): Mat {
  const a = new Float64Array(n * d);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  return { r: n, c: d, a };
}

/** masks of every kind: random halves, few rows (< d), many rows, a single row, nothing active */
function masksFor(rng: Rng, n: number, d: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let j = 0; j < 40; j++) {
    const p = [0.5, (d - 2) / n, Math.min(1, (d + 3) / n), 0.9][j % 4]!;
    out.push(Uint8Array.from({ length: n }, () => (rng.uniform() < p ? 1 : 0)));
  }
  const one = new Uint8Array(n);
  one[3] = 1;
  out.push(one, new Uint8Array(n), new Uint8Array(n).fill(1));
  return out;
}

const kernelSets = [tsKernels, ...(wasmSimdAvailable() ? [getKernels('wasm')] : [])];

describe('normalized pricing: factors against bases', () => {
  for (const k of kernelSets) {
    it(`dual values agree on every pattern kind (${k.name} kernels)`, () => {
      const rng = new Rng(11);
      const seen = { zero: 0, rows: 0, cols: 0, basis: 0 };
      for (const [n, d] of [[30, 8], [60, 20], [25, 12]] as const) {
        const X = gaussianX(rng, n, d);
        // a zero row and, in the last case, duplicated rows (singular Gram on the patterns holding both)
        X.a.fill(0, 5 * d, 6 * d);
        if (d === 12) for (let i = 10; i < 25; i++) X.a.copyWithin(i * d, 0, d);
        const masks = masksFor(rng, n, d);
        for (const program of ['relaxed', 'exact'] as const) {
          const fast = new BlockFamily(X, masks, 'normalized', program, k);
          const ref = new BlockFamily(X, masks, 'normalized', program, k, { normalizedPricing: 'basis' });
          const s = fast.pricingSummary();
          for (const key of Object.keys(seen) as (keyof typeof seen)[]) seen[key] += s[key];
          expect(ref.pricingSummary().basis + ref.pricingSummary().zero).toBe(masks.length);
          expect(fast.blocks).toEqual(ref.blocks);
          for (const b of fast.blocks) expect(fast.blockDim(b)).toBe(ref.blockDim(b));
          for (let t = 0; t < 3; t++) {
            const lambda = Float64Array.from({ length: n }, () => rng.normal());
            const a = fast.dualValues(lambda, t === 0 ? Infinity : 0.5);
            const b = ref.dualValues(lambda, t === 0 ? Infinity : 0.5);
            expect(a.length).toBe(b.length);
            for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!), `block ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(1e-9 * Math.max(1, b[i]!));
          }
        }
      }
      // not vacuous: every path was taken
      expect(seen.rows).toBeGreaterThan(10);
      expect(seen.cols).toBeGreaterThan(10);
      expect(seen.zero).toBeGreaterThan(0);
      expect(seen.basis).toBeGreaterThan(0);
    });
  }

  it('whole solves give the same verdicts and objectives on both paths', () => {
    let recovered = 0, failed = 0;
    for (let seed = 0; seed < 3; seed++)
      for (const [n, d, k, program] of [[24, 8, 1, 'relaxed'], [14, 8, 1, 'relaxed'], [40, 10, 2, 'relaxed'], [30, 8, 1, 'exact'], [20, 10, 3, 'relaxed']] as const) {
        const inst = generateInstance(instanceSpecSchema.parse({ architecture: 'normalized', program, planted: { kind: 'normalized', k }, n, d, seed }));
        const a = solveInstance(inst, { seedKey: inst.name }).result;
        const b = solveInstance(inst, { seedKey: inst.name, normalizedPricing: 'basis' }).result;
        expect(a.status, inst.name).toBe(b.status);
        expect(a.recovered, inst.name).toBe(b.recovered);
        expect(Math.abs(a.objective - b.objective), inst.name).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b.objective)));
        if (a.recovered) recovered++;
        else failed++;
      }
    expect(recovered).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
  });
});

/**
 * Exact programs' cone projections ||P_C(c)||, C = {u : G u >= 0}, G = diag(2 m - 1) X: Lawson and Hanson
 * in Gram form over X X^T (conePricing 'gram', the default for plain and skip blocks) against nnls on G^T
 * (the reference). Both run the same active-set method on the same problem; they differ only in how a
 * passive least-squares solve is done (a grown Cholesky factor of K[P, P] against normal equations rebuilt
 * each step), an error of about cond(K[P, P]) * 1e-16, so 1e-9 of ||c||. Analytic cases: c inside C
 * projects to itself, c in the polar cone {-G^T mu, mu >= 0} to zero.
 */
describe('exact pricing: cone projections in Gram form against nnls', () => {
  const cases: [string, number, number, boolean][] = [['n > d', 30, 8, false], ['n < d', 6, 10, false], ['duplicated rows', 24, 6, true], ['(100, 40)', 100, 40, false]];
  for (const [label, n, d, dup] of cases)
    it(`agree on random directions: ${label}`, () => {
      const rng = new Rng(`cone-${label}`);
      const X = gaussianX(rng, n, d);
      if (dup) for (let i = 0; i < n / 2; i += 2) X.a.copyWithin((i + 1) * d, i * d, (i + 1) * d);
      // arrangement patterns m = [X w > 0] (their cones contain w), and the degenerate masks above
      const ws = Array.from({ length: 30 }, () => Float64Array.from({ length: d }, () => rng.normal()));
      const masks = [...ws.map((w) => Uint8Array.from({ length: n }, (_, i) => (X.a.subarray(i * d, (i + 1) * d).reduce((s, v, a) => s + v * w[a]!, 0) > 0 ? 1 : 0))), ...masksFor(rng, n, d)];
      const gram = new BlockFamily(X, masks, 'plain', 'exact', tsKernels);
      const ref = new BlockFamily(X, masks, 'plain', 'exact', tsKernels, { conePricing: 'reference' });
      let zeros = 0, inside = 0;
      for (let j = 0; j < masks.length; j++)
        for (const sign of [1, -1] as const) {
          // near the pattern's own w (inside its cone, for the u block) or random
          const c = Float64Array.from({ length: d }, (_, a) => (j < ws.length ? ws[j]![a]! : 0) + rng.normal() * 0.7);
          const a = gram.coneProjectionNorm(gram.blocks[gram.indexOf(j, sign)]!, c);
          const b = ref.coneProjectionNormReference(ref.blocks[ref.indexOf(j, sign)]!, c);
          const cn = Math.hypot(...c);
          expect(Math.abs(a - b), `${label} pattern ${j}`).toBeLessThanOrEqual(1e-9 * cn);
          expect(a).toBeLessThanOrEqual(cn * (1 + 1e-12));
          if (b < 1e-9 * cn) zeros++;
          if (Math.abs(b - cn) < 1e-9 * cn) inside++;
        }
      // the cases include projections strictly between 0 and ||c|| (not only the trivial ends)
      expect(zeros + inside, `${zeros} zero, ${inside} inside`).toBeLessThan(2 * masks.length - 10);
    });

  it('analytic: a direction inside the cone keeps its norm, one in the polar cone projects to 0', () => {
    const rng = new Rng('cone-analytic');
    const n = 20, d = 5;
    const X = gaussianX(rng, n, d);
    const w = Float64Array.from({ length: d }, () => rng.normal());
    // the pattern of w itself: w lies in its own cone (G w = |X w| >= 0)
    const mask = Uint8Array.from({ length: n }, (_, i) => (X.a.subarray(i * d, (i + 1) * d).reduce((s, v, a) => s + v * w[a]!, 0) > 0 ? 1 : 0));
    const fam = new BlockFamily(X, [mask], 'plain', 'exact', tsKernels);
    const blk = fam.blocks[fam.indexOf(0, 1)]!;
    expect(Math.abs(fam.coneProjectionNorm(blk, w) - Math.hypot(...w))).toBeLessThanOrEqual(1e-12 * Math.hypot(...w));
    // c = -G^T mu with mu >= 0
    const c = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const mu = rng.uniform();
      const s = mask[i] ? 1 : -1;
      for (let a = 0; a < d; a++) c[a]! -= mu * s * X.a[i * d + a]!;
    }
    expect(fam.coneProjectionNorm(blk, c)).toBeLessThanOrEqual(1e-9 * Math.hypot(...c));
  });

  it('column-generation solves give the same verdicts and objectives on both paths', () => {
    let recovered = 0, failed = 0;
    for (let seed = 0; seed < 3; seed++)
      for (const [arch, n, d] of [['plain', 24, 8], ['plain', 40, 20], ['skip', 20, 10]] as const) {
        const planted = arch === 'plain' ? { kind: 'relu' as const } : { kind: 'linear' as const };
        const inst = generateInstance(instanceSpecSchema.parse({ architecture: arch, program: 'exact', planted, n, d, seed }));
        const opts = { seedKey: inst.name, strategy: 'column-generation' as const, certificateShortcut: false };
        const a = solveInstance(inst, opts).result;
        const b = solveInstance(inst, { ...opts, conePricing: 'reference' }).result;
        expect(a.status, inst.name).toBe(b.status);
        expect(a.recovered, inst.name).toBe(b.recovered);
        expect(Math.abs(a.objective - b.objective), inst.name).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b.objective)));
        if (a.recovered) recovered++;
        else failed++;
      }
    expect(recovered).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
  });
});
