/**
 * The kernel selector. `kernels()` is the process's (or worker thread's) default: RLAB_KERNELS=ts|wasm,
 * default wasm where WebAssembly SIMD is available, else ts. Instantiation is synchronous, so it works
 * at module load in worker threads. Interface and conventions: ./types.ts.
 */
import type { Arena, Kernels, KernelsName } from './types.ts';
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

let cachedArena: { k: Kernels; arena: Arena } | null = null;

/**
 * A scratch arena of at least `bytes` for one computation (take views after a mark(), release() them at
 * the end). THE RULE (./types.ts): growing wasm memory detaches old views, so there is one arena per
 * kernels set, shared by every caller (the all-blocks solve, the normalized pattern factors) and reused
 * computation after computation; it is replaced by a larger one only when a computation needs more.
 * Computations that use it must not nest.
 */
export function sharedArena(k: Kernels, bytes: number): Arena {
  if (cachedArena && cachedArena.k === k && cachedArena.arena.capacityBytes >= bytes) return cachedArena.arena;
  const cap = Math.max(bytes, Math.ceil((cachedArena?.k === k ? cachedArena.arena.capacityBytes : 0) * 1.5), 1 << 22);
  cachedArena?.arena.dispose();
  const arena = k.createArena(cap);
  cachedArena = { k, arena };
  return arena;
}
