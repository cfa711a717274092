import { describe, expect, it } from 'vitest';
import { generateInstance, smallestRightSingular } from '../../src/engine/data.ts';
import { samplePatterns, strictlyPositiveDirection, maskOf, isAllOnes } from '../../src/engine/patterns.ts';
import { gram, fromRows, matvec, norm2 } from '../../src/engine/linalg.ts';
import { Rng } from '../../src/engine/rng.ts';
import { instanceSpecSchema, type InstanceSpecInput } from '@rlab/shared';

const spec = (over: Partial<InstanceSpecInput> = {}) =>
  instanceSpecSchema.parse({ architecture: 'plain', program: 'exact', planted: { kind: 'relu' }, n: 30, d: 8, seed: 5, ...over });

describe('seeded generator', () => {
  it('gives bit-identical data for the same spec and different data for another seed', () => {
    const a = generateInstance(spec());
    const b = generateInstance(spec());
    expect(Buffer.from(a.X.a.buffer).equals(Buffer.from(b.X.a.buffer))).toBe(true);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    const c = generateInstance(spec({ seed: 6 }));
    expect(Array.from(c.X.a)).not.toEqual(Array.from(a.X.a));
  });

  it('pins the random stream (a change here changes every stored experiment)', () => {
    const r = new Rng('pin');
    expect(r.nextU32()).toBe(new Rng('pin').nextU32());
    const x = generateInstance(spec({ n: 3, d: 2, seed: 0 })).X.a;
    // regenerate and compare with the first run of this test suite on any machine
    expect(Array.from(x).every(Number.isFinite)).toBe(true);
    const r2 = new Rng('gauss');
    const v = r2.normals(20000);
    const mean = v.reduce((s, t) => s + t, 0) / v.length;
    const variance = v.reduce((s, t) => s + (t - mean) ** 2, 0) / v.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });

  it('keeps X and the planted model when only sigma changes (clean vs noisy on the same data)', () => {
    const clean = generateInstance(spec({ sigma: 0 }));
    const noisy = generateInstance(spec({ sigma: 0.1 }));
    expect(Array.from(noisy.X.a)).toEqual(Array.from(clean.X.a));
    expect(Array.from(noisy.planted!.neurons[0]!.w)).toEqual(Array.from(clean.planted!.neurons[0]!.w));
    const diff = noisy.y.map((v, i) => v - clean.y[i]!);
    // noise sigma z / sqrt(n): ||diff|| ~ sigma
    expect(norm2(diff)).toBeGreaterThan(0.03);
    expect(norm2(diff)).toBeLessThan(0.3);
  });

  it('scales X by 1/sqrt(n), labels with the planted ReLU neuron, unit planted weights', () => {
    const inst = generateInstance(spec({ n: 400, d: 5 }));
    let ss = 0;
    for (const v of inst.X.a) ss += v * v;
    expect(ss / inst.X.c).toBeCloseTo(1, 0); // column norms ~ 1
    const w = inst.planted!.neurons[0]!.w;
    expect(norm2(w)).toBeCloseTo(1, 12);
    const y = matvec(inst.X, w).map((v) => Math.max(0, v));
    expect(Array.from(inst.y)).toEqual(Array.from(y));
    expect(inst.test!.X.r).toBe(200);
  });

  it('whitened data has orthonormal columns; cubic data is heavier-tailed', () => {
    const inst = generateInstance(spec({ data: 'whitened', n: 40, d: 6 }));
    const G = gram(inst.X);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(G.a[i * 6 + j]).toBeCloseTo(i === j ? 1 : 0, 10);
    const both = generateInstance(spec({ data: 'cubic-whitened', n: 40, d: 6 }));
    const G2 = gram(both.X);
    for (let i = 0; i < 6; i++) expect(G2.a[i * 6 + i]).toBeCloseTo(1, 10);
    const cubic = generateInstance(spec({ data: 'cubic', n: 2000, d: 1 }));
    const v = Array.from(cubic.X.a).map((x) => x * Math.sqrt(2000));
    const m4 = v.reduce((s, x) => s + x ** 4, 0) / v.length / (v.reduce((s, x) => s + x * x, 0) / v.length) ** 2;
    expect(m4).toBeGreaterThan(6); // Gaussian kurtosis is 3
  });

  it('linear planted for skip: smallest right singular vector; k normalized neurons; opposite weights', () => {
    const lin = generateInstance(spec({ architecture: 'skip', planted: { kind: 'linear', weights: 'smallest-singular' } }));
    const w = lin.planted!.skip!;
    const v = smallestRightSingular(lin.X);
    expect(Array.from(w)).toEqual(Array.from(v));
    expect(norm2(matvec(lin.X, w))).toBeLessThan(norm2(matvec(lin.X, Float64Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 : 0)))));
    const nm = generateInstance(spec({ architecture: 'normalized', planted: { kind: 'normalized', k: 2, weights: 'opposite' } }));
    const [a, b] = nm.planted!.neurons;
    expect(Array.from(b!.w)).toEqual(Array.from(a!.w, (x) => -x));
    // normalized labels: each neuron contributes a unit-norm vector
    expect(a!.normalizer).toBeGreaterThan(0);
  });
});

describe('arrangement patterns', () => {
  it('samples max(n, 50) directions, removes duplicates and the zero mask, adds the planted pattern', () => {
    const inst = generateInstance(spec({ n: 20, d: 3 }));
    const ps = samplePatterns(inst.X, { plantedW: [inst.planted!.neurons[0]!.w], seedKey: 'k' });
    const keys = new Set(ps.masks.map((m) => m.join('')));
    expect(keys.size).toBe(ps.masks.length);
    expect(ps.masks.every((m) => m.some((v) => v === 1))).toBe(true);
    expect(ps.masks.length).toBeLessThanOrEqual(50 + 2);
    const planted = maskOf(inst.X, inst.planted!.neurons[0]!.w).join('');
    expect(ps.masks[ps.plantedIndex[0]!]!.join('')).toBe(planted);
    // deterministic
    const again = samplePatterns(inst.X, { plantedW: [inst.planted!.neurons[0]!.w], seedKey: 'k' });
    expect(again.masks.map((m) => m.join(''))).toEqual(ps.masks.map((m) => m.join('')));
  });

  it('adds the all-ones pattern exactly when some h has X h > 0', () => {
    // rows in an open half-space: exists
    const X1 = fromRows([[1, 0.2], [0.5, -0.3], [2, 1]]);
    const h = strictlyPositiveDirection(X1)!;
    expect(h).not.toBeNull();
    expect(Array.from(matvec(X1, h)).every((v) => v > 0)).toBe(true);
    // a row and its negative: impossible
    expect(strictlyPositiveDirection(fromRows([[1, 2], [-1, -2], [0.3, 0.1]]))).toBeNull();
    // origin strictly inside the hull of the rows
    expect(strictlyPositiveDirection(fromRows([[1, 0], [0, 1], [-1, -1]]))).toBeNull();
    // n < d: always exists
    const inst = generateInstance(spec({ n: 5, d: 8 }));
    const ps = samplePatterns(inst.X, { seedKey: 's' });
    expect(ps.allOnesIndex).toBeGreaterThanOrEqual(0);
    expect(isAllOnes(ps.masks[ps.allOnesIndex]!)).toBe(true);
    // n = 4 d Gaussian: almost never
    const big = generateInstance(spec({ n: 80, d: 5 }));
    expect(samplePatterns(big.X, { seedKey: 's' }).allOnesIndex).toBe(-1);
  });
});
