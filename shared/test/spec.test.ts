import { describe, expect, it } from 'vitest';
import { instanceSpecSchema, caseFileSchema, defaultPlanted, ARCHITECTURES } from '../src/index.ts';

describe('instance spec', () => {
  it('fills defaults', () => {
    const s = instanceSpecSchema.parse({ architecture: 'plain', program: 'exact', planted: { kind: 'relu' }, n: 10, d: 5, seed: 0 });
    expect(s).toMatchObject({ data: 'gaussian', sigma: 0, beta: 0, testSize: 200, planted: { kind: 'relu', k: 1, weights: 'gaussian' } });
  });
  it('rejects n <= 0, NaN sigma, unknown fields and architectures', () => {
    const base = { architecture: 'plain', program: 'exact', planted: { kind: 'relu' }, n: 10, d: 5, seed: 0 };
    expect(instanceSpecSchema.safeParse({ ...base, n: 0 }).success).toBe(false);
    expect(instanceSpecSchema.safeParse({ ...base, sigma: Number.NaN }).success).toBe(false);
    expect(instanceSpecSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    const bad = instanceSpecSchema.safeParse({ ...base, architecture: 'cnn' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['architecture']);
  });
  it('has a default planted model per architecture', () => {
    for (const a of ARCHITECTURES) expect(['relu', 'linear', 'normalized']).toContain(defaultPlanted(a).kind);
  });
});

describe('case file', () => {
  it('accepts the documented example and rejects non-finite numbers', () => {
    const example = {
      format: 'recovery-case/1', name: 'x', architecture: 'plain', program: 'exact', beta: 0,
      X: [[0.12, -1.3, 0.4], [0.5, 0.2, -0.9]], y: [0.31, 0.0], patterns: [[1, 0], [0, 1], [1, 1]],
      planted: { neurons: [{ w: [0.6, 0.0, 0.8], a: 1 }], skip: null }, test: { X: [[0.3, 0.1, -0.2]], y: [0.02] },
    };
    expect(caseFileSchema.safeParse(example).success).toBe(true);
    expect(caseFileSchema.safeParse({ ...example, y: [Infinity, 0] }).success).toBe(false);
    expect(caseFileSchema.safeParse({ ...example, patterns: [[2, 0]] }).success).toBe(false);
  });
});
