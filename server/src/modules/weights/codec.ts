/**
 * Weights stored compactly: little-endian float64 blobs with a sha256 checksum over all of them.
 */
import { createHash } from 'node:crypto';
import type { NeuronOut } from '@rlab/shared';

export interface NetworkValues {
  neurons: NeuronOut[];
  skip: number[] | null;
}

export interface EncodedWeights {
  neurons: number;
  d: number;
  w: Uint8Array<ArrayBuffer>;
  a: Uint8Array<ArrayBuffer>;
  skip: Uint8Array<ArrayBuffer> | null;
  checksum: string;
}

export interface DecodedWeights {
  neurons: number;
  d: number;
  w: number[][];
  a: number[];
  skip: number[] | null;
  checksum: string;
  checksumOk: boolean;
}

function toBytes(values: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const f = Float64Array.from(values);
  const out = new Uint8Array(f.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < f.length; i++) view.setFloat64(i * 8, f[i]!, true);
  return out;
}

function fromBytes(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

export function checksumOf(w: Uint8Array, a: Uint8Array, skip: Uint8Array | null): string {
  const h = createHash('sha256').update(w).update(a);
  if (skip) h.update(skip);
  return h.digest('hex');
}

export function encodeWeights(net: NetworkValues, dHint: number): EncodedWeights {
  const d = net.neurons[0]?.w.length ?? net.skip?.length ?? dHint;
  const flat: number[] = [];
  for (const nr of net.neurons) {
    if (nr.w.length !== d) throw new Error(`neuron weights of length ${nr.w.length}, expected d = ${d}`);
    flat.push(...nr.w);
  }
  const w = toBytes(flat);
  const a = toBytes(net.neurons.map((nr) => nr.a));
  const skip = net.skip ? toBytes(net.skip) : null;
  return { neurons: net.neurons.length, d, w, a, skip, checksum: checksumOf(w, a, skip) };
}

export function decodeWeights(row: { neurons: number; d: number; w: Uint8Array; a: Uint8Array; skip: Uint8Array | null; checksum: string }): DecodedWeights {
  const flat = fromBytes(row.w);
  const w: number[][] = [];
  for (let i = 0; i < row.neurons; i++) w.push(flat.slice(i * row.d, (i + 1) * row.d));
  return {
    neurons: row.neurons,
    d: row.d,
    w,
    a: fromBytes(row.a),
    skip: row.skip ? fromBytes(row.skip) : null,
    checksum: row.checksum,
    checksumOk: checksumOf(row.w, row.a, row.skip) === row.checksum,
  };
}
