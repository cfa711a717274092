/**
 * One serialiser for planted networks (issue 13): the engine's run output, a job's output and imported
 * cases all go through serializePlanted, which keeps the normalizer of normalized neurons.
 */
import { describe, expect, it } from 'vitest';
import { instanceSpecSchema } from '@rlab/shared';
import { generateInstance } from '../../src/engine/data.ts';
import { serializePlanted } from '../../src/engine/instance.ts';
import { runSpec } from '../../src/engine/run.ts';

describe('serializePlanted', () => {
  const spec = instanceSpecSchema.parse({ architecture: 'normalized', program: 'relaxed', planted: { kind: 'normalized' }, n: 12, d: 3, seed: 2, testSize: 10 });

  it('keeps w, a, skip and the normalizer of every normalized neuron', () => {
    const inst = generateInstance(spec);
    expect(inst.planted).not.toBeNull();
    const out = serializePlanted(inst.planted)!;
    expect(out.neurons.length).toBe(inst.planted!.neurons.length);
    for (const [i, p] of inst.planted!.neurons.entries()) {
      expect(p.normalizer).toBeGreaterThan(0);
      expect(out.neurons[i]).toEqual({ w: Array.from(p.w), a: p.a, normalizer: p.normalizer });
    }
    expect(out.skip).toEqual(inst.planted!.skip ? Array.from(inst.planted!.skip) : null);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out); // plain arrays, JSON-safe
  });

  it('is what runSpec returns as the planted network', () => {
    expect(runSpec(spec).planted).toEqual(serializePlanted(generateInstance(spec).planted));
  });

  it('maps no planted model to null', () => {
    expect(serializePlanted(null)).toBeNull();
  });
});
