/** WebAssembly SIMD kernels (placeholder until the module lands; see ./types.ts). */
import type { Kernels } from './types.ts';
import { KernelError } from './types.ts';

export function wasmSimdAvailable(): boolean {
  return false;
}

export function loadWasmKernels(): Kernels {
  throw new KernelError('WASM_UNAVAILABLE', 'wasm kernels: not built yet');
}
