/**
 * Compute backends for training, one interface: a name, a probe that says whether it can run here and
 * why not, and an initializer that makes it TensorFlow.js's active backend (once per thread: every
 * worker_thread loads its own copy of tfjs, so each initializes its own).
 *
 * - wasm:       @tensorflow/tfjs-backend-wasm, SIMD; no threads in Node (its pthread worker uses a blob:
 *               URL that worker_threads reject), so parallel trials use one worker per core instead.
 * - cpu:        tfjs's pure-JavaScript backend.
 * - tensorflow: @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node, when the user has one installed. They
 *               download libtensorflow at install time and cannot be installed on our machines, so they
 *               are never dependencies: loaded by dynamic import only when asked for.
 * - webgpu:     @tensorflow/tfjs-backend-webgpu over Dawn (npm `webgpu`), which needs a GPU with Vulkan.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../caseFile.ts';

export const BACKENDS = ['wasm', 'cpu', 'tensorflow', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const DEFAULT_BACKEND: BackendName = 'wasm';

/** the backend cannot be used: unknown name (field "backend"), or known but not available here */
export class BackendError extends InputError {
  constructor(
    message: string,
    readonly backend: string,
    readonly code: 'BACKEND_UNKNOWN' | 'BACKEND_UNAVAILABLE',
  ) {
    super(message, 'backend');
    this.name = 'BackendError';
  }
}

export interface BackendStatus {
  name: BackendName;
  available: boolean;
  /** why it is unavailable, or what it runs on */
  detail: string;
}

/** the backend asked for: the flag, else RLAB_BACKEND, else wasm; unknown names are refused */
export function resolveBackendName(flag?: string | null, env: NodeJS.ProcessEnv = process.env): BackendName {
  const fromEnv = env.RLAB_BACKEND && env.RLAB_BACKEND.trim() !== '' ? env.RLAB_BACKEND.trim() : undefined;
  const raw = flag ?? fromEnv ?? DEFAULT_BACKEND;
  const source = flag != null ? '--backend' : fromEnv !== undefined ? 'RLAB_BACKEND' : 'default';
  if ((BACKENDS as readonly string[]).includes(raw)) return raw as BackendName;
  throw new BackendError(`unknown backend "${raw}" (from ${source}); allowed: ${BACKENDS.join(', ')}`, raw, 'BACKEND_UNKNOWN');
}

const require = createRequire(import.meta.url);

/** folder holding tfjs-backend-wasm's .wasm binaries (Node has no fetch of relative URLs: give a path); RLAB_WASM_DIR overrides (bundles) */
export function wasmDir(): string {
  const override = process.env.RLAB_WASM_DIR;
  if (override) return override.endsWith(path.sep) ? override : override + path.sep;
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

function tensorflowAbsentMessage(): string {
  return (
    'backend "tensorflow" needs @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node, and neither is installed. ' +
    'They are optional: their install script downloads libtensorflow from Google storage, which our machines cannot reach. ' +
    'Install one yourself (npm i @tensorflow/tfjs-node@4.22.0) where that works, or use --backend wasm (default) or cpu.'
  );
}

/** dynamic import by a computed specifier, so that neither TypeScript nor bundlers require the package */
async function importOptional(specifier: string): Promise<unknown> {
  return import(specifier);
}

function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function tensorflowInstalled(): string | null {
  for (const pkg of TENSORFLOW_PACKAGES) {
    try {
      require.resolve(pkg);
      return pkg;
    } catch {
      /* not installed */
    }
  }
  return null;
}

interface DawnModule {
  create: (options: string[]) => GpuLike;
  globals: Record<string, unknown>;
}
interface GpuLike {
  requestAdapter: (options?: { powerPreference?: string }) => Promise<AdapterLike | null>;
}
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}

async function loadDawn(): Promise<DawnModule> {
  return (await importOptional('webgpu')) as DawnModule;
}

function describeAdapter(adapter: AdapterLike): string {
  const i = adapter.info ?? {};
  return [i.vendor, i.architecture, i.device, i.description].filter((s) => s && s.length > 0).join(' ') || 'GPU adapter';
}

/** Dawn's adapter, or why there is none */
async function webgpuAdapter(): Promise<{ ok: true; detail: string } | { ok: false; detail: string }> {
  let dawn: DawnModule;
  try {
    dawn = await loadDawn();
  } catch (err) {
    return { ok: false, detail: `the optional package "webgpu" (Dawn for Node) could not be loaded: ${(err as Error).message.split('\n')[0]}` };
  }
  try {
    const gpu = dawn.create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { ok: false, detail: 'no WebGPU adapter: Dawn found no GPU with a usable Vulkan driver on this machine' };
    return { ok: true, detail: `Dawn adapter: ${describeAdapter(adapter)}` };
  } catch (err) {
    return { ok: false, detail: `no WebGPU adapter: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** every backend, available or not and why; starts nothing that stays */
export async function probeBackends(): Promise<BackendStatus[]> {
  const out: BackendStatus[] = [];
  out.push({ name: 'wasm', available: true, detail: `tfjs-backend-wasm ${tf.version.tfjs}: SIMD, single thread (wasm threads do not work in Node worker_threads)` });
  out.push({ name: 'cpu', available: true, detail: 'tfjs pure-JavaScript backend (slow; reference)' });
  const tfPkg = tensorflowInstalled();
  out.push(
    tfPkg
      ? { name: 'tensorflow', available: true, detail: `${tfPkg} is installed (libtensorflow)` }
      : { name: 'tensorflow', available: false, detail: tensorflowAbsentMessage() },
  );
  const gpu = await webgpuAdapter();
  out.push({ name: 'webgpu', available: gpu.ok, detail: gpu.detail });
  return out;
}

let active: { name: BackendName; ready: Promise<void> } | null = null;
const registered = new Set<BackendName>();

async function register(name: BackendName): Promise<void> {
  if (registered.has(name)) return;
  switch (name) {
    case 'cpu':
      break;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmDir());
      break;
    }
    case 'tensorflow': {
      let loaded = false;
      for (const pkg of TENSORFLOW_PACKAGES) {
        try {
          await importOptional(pkg);
          loaded = true;
          break;
        } catch (err) {
          if (!isModuleNotFound(err)) throw new BackendError(`backend "tensorflow": ${pkg} is installed but failed to load: ${(err as Error).message}`, name, 'BACKEND_UNAVAILABLE');
        }
      }
      if (!loaded) throw new BackendError(tensorflowAbsentMessage(), name, 'BACKEND_UNAVAILABLE');
      break;
    }
    case 'webgpu': {
      let dawn: DawnModule;
      try {
        dawn = await loadDawn();
      } catch (err) {
        throw new BackendError(`backend "webgpu" needs the optional package "webgpu" (Dawn for Node): ${(err as Error).message.split('\n')[0]}`, name, 'BACKEND_UNAVAILABLE');
      }
      // tfjs-backend-webgpu registers itself at import time only if navigator.gpu exists (Node 20 has no navigator)
      Object.assign(globalThis, dawn.globals);
      const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
      if (!g.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, writable: true, configurable: true });
      g.navigator!.gpu = dawn.create([]);
      const adapter = await (g.navigator!.gpu as GpuLike).requestAdapter();
      if (!adapter) throw new BackendError('backend "webgpu" is unavailable: Dawn found no GPU with a usable Vulkan driver on this machine; use --backend wasm', name, 'BACKEND_UNAVAILABLE');
      await import('@tensorflow/tfjs-backend-webgpu');
      break;
    }
  }
  registered.add(name);
}

/**
 * Make `name` tfjs's active backend in this thread (idempotent; concurrent callers share one start).
 * Returns the name tfjs reports.
 */
export async function useBackend(name: BackendName): Promise<BackendName> {
  if (active?.name === name) {
    await active.ready;
    return name;
  }
  const ready = (async () => {
    await register(name);
    const ok = await tf.setBackend(name);
    if (!ok) throw new BackendError(`backend "${name}" failed to initialize in TensorFlow.js`, name, 'BACKEND_UNAVAILABLE');
    await tf.ready();
  })();
  active = { name, ready };
  try {
    await ready;
  } catch (err) {
    active = null;
    throw err;
  }
  return name;
}

/** drop the Dawn instance so that Node can exit after GPU work (see the webgpu package README) */
export function releaseGpu(): void {
  const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
  if (g.navigator && 'gpu' in g.navigator) delete g.navigator.gpu;
}
