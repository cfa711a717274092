/**
 * The isometry conditions are sufficient for recovery (science.md section 6): on every instance where
 * the certificate holds, the solver (pure column generation, not the certificate shortcut) must report
 * the planted network. Also: the certificate is computed on the instance's own patterns.
 */
import { describe, expect, it } from 'vitest';
import { certifies, instanceSpecSchema, type InstanceSpecInput } from '@rlab/shared';
import { generateInstance } from '../../src/engine/data.ts';
import { solveInstance } from '../../src/engine/solve.ts';

function specs(): InstanceSpecInput[] {
  const out: InstanceSpecInput[] = [];
  for (let seed = 0; seed < 4; seed++) {
    for (const n of [20, 30, 45]) {
      out.push({ architecture: 'plain', program: 'relaxed', planted: { kind: 'relu' }, n, d: 6, seed });
      out.push({ architecture: 'plain', program: 'exact', planted: { kind: 'relu' }, n, d: 6, seed });
      out.push({ architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', weights: 'gaussian' }, n, d: 6, seed });
      out.push({ architecture: 'normalized', program: 'relaxed', planted: { kind: 'normalized' }, n: Math.round(n / 2), d: 6, seed });
    }
  }
  return out;
}

describe('certificate => recovery', () => {
  const all = specs();
  it(`holds on every instance of a small grid (${all.length} instances)`, () => {
    let certified = 0, recovered = 0;
    for (const s of all) {
      const spec = instanceSpecSchema.parse(s);
      const inst = generateInstance(spec);
      const { result } = solveInstance(inst, { seedKey: inst.name, certificateShortcut: false });
      expect(result.status).toBe('optimal');
      if (result.recovered) recovered++;
      if (certifies(result.certificate.nic)) {
        certified++;
        expect(result.recovered, `${inst.name}: nic ${result.certificate.nic} < 1 but not recovered`).toBe(true);
      }
    }
    // the grid spans both sides of the conditions, so the check is not vacuous
    expect(certified).toBeGreaterThan(5);
    expect(recovered).toBeGreaterThan(certified);
    expect(recovered).toBeLessThan(all.length);
  });

  it('a tie gives the value 1, which rounding may put a hair below 1: it does not certify', () => {
    // normalized, n = d: the all-ones pattern spans the planted block's range (science.md 5, ties)
    const inst = generateInstance(instanceSpecSchema.parse({ architecture: 'normalized', program: 'relaxed', planted: { kind: 'normalized' }, n: 10, d: 10, seed: 3 }));
    const { result } = solveInstance(inst, { seedKey: inst.name });
    expect(result.certificate.nic).toBeCloseTo(1, 12);
    expect(certifies(result.certificate.nic)).toBe(false);
    expect(result.recovered).toBe(false);
    expect(result.nearTie).toBe(true);
  });

  it('the best dual vector is a sharper certificate: best <= NIC, and best < 1 implies recovery', () => {
    let sharper = 0;
    for (const s of all.slice(0, 24)) {
      const inst = generateInstance(instanceSpecSchema.parse(s));
      const { result } = solveInstance(inst, { seedKey: inst.name, bestDual: true });
      const { nic, bestDual } = result.certificate;
      if (nic === null) continue;
      expect(bestDual).not.toBeNull();
      expect(bestDual!).toBeLessThanOrEqual(nic + 1e-7);
      if (bestDual! < 1 - 1e-6) expect(result.recovered, `${inst.name}: best dual ${bestDual}`).toBe(true);
      if (bestDual! < 1 - 1e-6 && nic >= 1) sharper++;
    }
    expect(sharper).toBeGreaterThan(0);
  });

  it('the shortcuts (certificate, relaxed-first) and pure column generation agree', () => {
    for (const s of all.slice(0, 24)) {
      const inst = generateInstance(instanceSpecSchema.parse(s));
      const a = solveInstance(inst, { seedKey: inst.name }).result;
      const b = solveInstance(inst, { seedKey: inst.name, certificateShortcut: false, relaxedFirst: false }).result;
      expect(a.recovered).toBe(b.recovered);
      expect(Math.abs(a.objective - b.objective)).toBeLessThan(1e-6 * Math.max(1, b.objective));
    }
  });
});
