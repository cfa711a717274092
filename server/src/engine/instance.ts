/**
 * The engine's in-memory problem: what a case file holds, in typed arrays.
 */
import type { Architecture, Program } from '@rlab/shared';
import type { Mat } from './linalg.ts';

export interface PlantedNeuron {
  w: Float64Array;
  a: number;
  /** normalized architecture: ||(X w)_+|| over the training samples */
  normalizer?: number;
}

export interface PlantedModel {
  neurons: PlantedNeuron[];
  skip: Float64Array | null;
}

export interface Instance {
  name: string;
  architecture: Architecture;
  program: Program;
  beta: number;
  X: Mat;
  y: Float64Array;
  /** pattern masks (0/1 per sample); when absent, the solver samples them */
  patterns?: Uint8Array[];
  planted: PlantedModel | null;
  test: { X: Mat; y: Float64Array } | null;
}
