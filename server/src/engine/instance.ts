/**
 * The engine's in-memory problem: what a case file holds, in typed arrays.
 */
import type { Architecture, NeuronOut, Program } from '@rlab/shared';
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

/** the planted network as stored and sent (plain arrays): w, a and, for normalized neurons, the normalizer */
export interface PlantedNetwork {
  neurons: NeuronOut[];
  skip: number[] | null;
}

/**
 * The one serialiser of a planted model (jobs, imports and the engine's run output all use it), so the
 * normalizer of a normalized neuron (science.md section 2) is never dropped on the way to the store.
 */
export function serializePlanted(planted: PlantedModel | null): PlantedNetwork | null {
  if (!planted) return null;
  return {
    neurons: planted.neurons.map((p) => {
      const o: NeuronOut = { w: Array.from(p.w), a: p.a };
      if (p.normalizer !== undefined) o.normalizer = p.normalizer;
      return o;
    }),
    skip: planted.skip ? Array.from(planted.skip) : null,
  };
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
