/** The one grid parser (CLI flags and the New experiment form) and the contract lists the schemas use. */
import { describe, expect, it } from 'vitest';
import { parseGrid } from '../src/grid.ts';
import { ARCHITECTURES, EXPERIMENT_METHODS, SPEC_RANGES, TRAIN_BACKENDS } from '../src/contract.ts';
import { experimentSpecSchema } from '../src/experiment.ts';
import { instanceSpecSchema } from '../src/spec.ts';

describe('parseGrid', () => {
  it('reads values, lists and ranges, distinct and ascending', () => {
    expect(parseGrid('10:10:40', 'n', SPEC_RANGES.n).value).toEqual([10, 20, 30, 40]);
    expect(parseGrid('30, 10 10:10:20', 'n', SPEC_RANGES.n).value).toEqual([10, 20, 30]);
    expect(parseGrid('0:0.05:0.2', 'sigma', SPEC_RANGES.sigma).value).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    expect(parseGrid('0.1,0,1e-2', 'sigma', SPEC_RANGES.sigma).value).toEqual([0, 0.01, 0.1]);
  });
  it('names the field, the value and what is allowed', () => {
    expect(parseGrid('10:0:40', '--n', SPEC_RANGES.n).error).toBe('--n: the step of "10:0:40" must be positive');
    expect(parseGrid('40:10:10', 'n', SPEC_RANGES.n).error).toBe('n: "40:10:10" ends before it starts');
    expect(parseGrid('ten', 'd', SPEC_RANGES.d).error).toBe('d: "ten" is not an integer or a start:step:stop range');
    expect(parseGrid('1.5', 'd', SPEC_RANGES.d).error).toBe('d: "1.5" is not an integer or a start:step:stop range');
    expect(parseGrid('0:10:20', 'd', SPEC_RANGES.d).error).toBe('d: 0 is outside 1..1000');
    expect(parseGrid('x', 'sigma', SPEC_RANGES.sigma).error).toBe('sigma: "x" is not a number');
    expect(parseGrid('', 'n', SPEC_RANGES.n).error).toMatch(/^n: give at least one value/);
    expect(parseGrid('1:1:1000', 'n', { ...SPEC_RANGES.n, maxValues: 500 }).error).toBe('n: "1:1:1000" has more than 500 values');
  });
});

describe('the contract lists', () => {
  it('are what the zod schemas accept', () => {
    for (const architecture of ARCHITECTURES) expect(instanceSpecSchema.shape.architecture.safeParse(architecture).success).toBe(true);
    for (const method of EXPERIMENT_METHODS) for (const backend of TRAIN_BACKENDS) expect(experimentSpecSchema.safeParse({ architecture: 'plain', n: [10], d: [5], method, backend }).success).toBe(true);
    expect(experimentSpecSchema.safeParse({ architecture: 'plain', n: [SPEC_RANGES.n.max + 1], d: [5] }).success).toBe(false);
    expect(instanceSpecSchema.safeParse({ architecture: 'plain', program: 'exact', planted: { kind: 'relu' }, n: 10, d: SPEC_RANGES.d.max + 1, seed: 0 }).success).toBe(false);
  });
});
