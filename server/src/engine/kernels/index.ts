/**
 * The kernel selector. `kernels()` is the process's (or worker thread's) default: RLAB_KERNELS=ts|wasm,
 * default wasm where WebAssembly SIMD is available, else ts. Instantiation is synchronous, so it works
 * at module load in worker threads. Interface and conventions: ./types.ts.
 */
import type { Kernels, KernelsName } from './types.ts';
import { KernelError } from './types.ts';
import { tsKernels } from './ts.ts';
import { loadWasmKernels, wasmSimdAvailable } from './wasm.ts';

export type { Arena, Kernels, KernelsName } from './types.ts';
export { KernelError } from './types.ts';
export { tsKernels } from './ts.ts';
export { wasmSimdAvailable } from './wasm.ts';

const KERNEL_NAMES: readonly KernelsName[] = ['ts', 'wasm'];

/** The kernels of that name; 'wasm' throws KernelError WASM_UNAVAILABLE where WebAssembly SIMD is missing. */
export function getKernels(name: KernelsName): Kernels {
  if (name === 'ts') return tsKernels;
  if (name === 'wasm') return loadWasmKernels();
  throw new KernelError('BAD_KERNELS', `kernels: '${String(name)}' is not a kernel set; allowed: ${KERNEL_NAMES.join(', ')}`);
}

/** Parse an RLAB_KERNELS value (undefined or '' means the default). */
export function parseKernelsName(value: string | undefined): KernelsName | undefined {
  if (value === undefined || value === '') return undefined;
  if ((KERNEL_NAMES as readonly string[]).includes(value)) return value as KernelsName;
  throw new KernelError('BAD_KERNELS', `RLAB_KERNELS = '${value}': expected one of ${KERNEL_NAMES.join(', ')} (or unset for the default: wasm where WebAssembly SIMD is available)`);
}

let chosen: Kernels | undefined;

/** The default kernels: RLAB_KERNELS if set, else wasm where available, else ts. Memoized per thread. */
export function kernels(): Kernels {
  if (chosen) return chosen;
  const name = parseKernelsName(process.env.RLAB_KERNELS);
  chosen = name ? getKernels(name) : wasmSimdAvailable() ? loadWasmKernels() : tsKernels;
  return chosen;
}
