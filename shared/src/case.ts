/**
 * The "recovery-case/1" file and the solver's result object (../shared/case-format.md).
 */
import { z } from 'zod';
import { ARCHITECTURES, MAX_BETA, PROGRAMS } from './spec.ts';
import { textSchema } from './experiment.ts';

// zod 4's number() rejects NaN and +-Infinity itself (a JSON number like 1e999 parses to Infinity); one
// check per entry instead of number() plus a refinement, and patterns as one literal set instead of a
// union: reading 240 case files (30 MB) checks in about 85 ms less
const num = z.number({ error: (iss) => (typeof iss.input === 'number' ? 'must be a finite number (NaN and Infinity are not allowed)' : undefined) });
const vec = z.array(num);
const mat = z.array(vec);

export const neuronSchema = z.object({ w: vec, a: num }).passthrough();

export const caseFileSchema = z
  .object({
    format: z.literal('recovery-case/1'),
    name: textSchema('name').default('unnamed'),
    architecture: z.enum(ARCHITECTURES),
    program: z.enum(PROGRAMS),
    beta: num.refine((b) => b >= 0 && b <= MAX_BETA, { message: `must be between 0 and ${MAX_BETA} (spec.ts MAX_BETA)` }).nullish(),
    X: mat.min(1, { message: 'needs at least one row' }),
    y: vec,
    patterns: z.array(z.array(z.literal([0, 1]))).optional(),
    planted: z
      .object({
        neurons: z.array(neuronSchema).default([]),
        skip: vec.nullish(),
      })
      .nullish(),
    test: z.object({ X: mat, y: vec }).nullish(),
  })
  .passthrough();
export type CaseFile = z.infer<typeof caseFileSchema>;

export interface NeuronOut {
  w: number[];
  a: number;
  /** 0-based index into the patterns used */
  pattern?: number;
  block?: 'u' | 'v';
  /** normalized architecture: ||(X w)_+|| over the training samples */
  normalizer?: number;
}

/**
 * A certificate value certifies recovery when it is below 1 by more than rounding: a tie (the all-ones
 * pattern duplicating the planted block, n = d) has the value 1 exactly, which float64 may give as
 * 0.9999999999999999.
 */
export const CERTIFICATE_MARGIN = 1e-9;

export function certifies(value: number | null | undefined): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value < 1 - CERTIFICATE_MARGIN;
}

export interface Certificate {
  /** NIC / NIC-1 / NNIC-k by the least-squares dual vector (science.md 6); null when it does not apply */
  nic: number | null;
  /** which condition nic is */
  kind?: 'NIC' | 'NIC-1' | 'NIC-k' | 'NNIC-1' | 'NNIC-k' | null;
  /** max_j ||A_j^T lambda|| for the best dual vector lambda (min-max problem); < 1 certifies recovery */
  bestDual?: number | null;
}

export interface SolveResult {
  name: string;
  recovered: boolean | null;
  objective: number;
  distance: number | null;
  testError: number | null;
  activeNeurons: number;
  patterns: number;
  iterations: number;
  timeMs: number;
  neurons: NeuronOut[];
  skip: number[] | null;
  certificate: Certificate;
  /** extra fields */
  recoveredTolerance?: number | null;
  recoveredAllclose?: boolean | null;
  testOk?: boolean | null;
  testErrorRel?: number | null;
  nearTie?: boolean;
  allOnesPattern?: boolean;
  plantedObjective?: number | null;
  relErrPlanted?: number | null;
  maxOtherBlockNorm?: number | null;
  /** distance / ||planted weights|| (science.md 5); approximate recovery is relDistance <= a tolerance */
  relDistance?: number | null;
  /** per planted neuron (then the planted skip): cosine with the closest recovered neuron of the same sign (null: none) */
  cosines?: (number | null)[] | null;
  /** the smallest of `cosines` (a missing neuron counts 0) */
  cosine?: number | null;
  /** the planted blocks are the largest and every other block is small relative to them (engine/metrics.ts SUPPORT_REL) */
  support?: boolean | null;
  /** largest non-planted block over the smallest planted block (support holds when it is <= SUPPORT_REL) */
  supportRatio?: number | null;
  status?: string;
  /** how optimality over all patterns was established */
  certifiedBy?: string;
  rounds?: number;
  workingSet?: number;
  primalInfeasibility?: number;
  dualInfeasibility?: number;
  sumNorms?: number;
  dataMisfit?: number;
}
