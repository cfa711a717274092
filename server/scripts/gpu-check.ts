/**
 * GPU check (issue 3): train the same instances on webgpu (tfjs-backend-webgpu over Dawn) and on wasm / cpu,
 * print epochs per second and test errors as one JSON object. Bundled by scripts/gpu-check-build.sh into
 * .dev/gpu-check/ and run on the GPU machine by scripts/gpu-check.sh.
 */
import type { InstanceSpec } from '@rlab/shared';
import { generateInstance } from '../src/engine/data.ts';
import { trainInstance, probeBackends, useBackend, releaseGpu, type BackendName } from '../src/engine/train/index.ts';

interface Size {
  label: string;
  spec: InstanceSpec;
  epochs: Partial<Record<BackendName, number>>;
}

const base: InstanceSpec = { architecture: 'skip', program: 'relaxed', planted: { kind: 'linear', k: 1, weights: 'smallest-singular' }, data: 'gaussian', n: 200, d: 20, seed: 0, sigma: 0, beta: 0, testSize: 200 };
const SIZES: Size[] = [
  { label: 'n200d20m201', spec: base, epochs: { webgpu: 400, wasm: 400, cpu: 100 } },
  { label: 'n60d5m61', spec: { ...base, n: 60, d: 5, planted: { kind: 'linear', k: 1, weights: 'gaussian' } }, epochs: { webgpu: 400, wasm: 400, cpu: 400 } },
  { label: 'n2000d100m2001', spec: { ...base, n: 2000, d: 100, testSize: 500 }, epochs: { webgpu: 100, wasm: 20 } },
];

async function main(): Promise<void> {
  const report: Record<string, unknown> = { node: process.version, platform: `${process.platform}-${process.arch}` };
  report.backends = await probeBackends();
  const runs: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    const inst = generateInstance(size.spec);
    const weights: Partial<Record<BackendName, number[]>> = {};
    for (const [backend, epochs] of Object.entries(size.epochs) as [BackendName, number][]) {
      const row: Record<string, unknown> = { size: size.label, backend, epochs };
      try {
        await useBackend(backend);
        await trainInstance(inst, { epochs: 3, backend }); // warm-up: kernel / shader compilation
        const out = await trainInstance(inst, { epochs, backend });
        const r = out.result;
        Object.assign(row, {
          epochsPerSec: r.iterations / (r.trainMs / 1000),
          trainMs: r.trainMs,
          timeMs: r.timeMs,
          finalLoss: r.objective,
          testError: r.testError,
          testErrorRel: r.testErrorRel,
          distance: r.distance,
          activeNeurons: r.activeNeurons,
        });
        if (epochs === size.epochs.webgpu) weights[backend] = out.network.neurons.flatMap((nrn) => [...nrn.w, nrn.a]).concat(out.network.skip ?? []);
      } catch (err) {
        row.error = err instanceof Error ? err.message : String(err);
      }
      runs.push(row);
      process.stderr.write(JSON.stringify(row) + '\n');
    }
    const g = weights.webgpu, w = weights.wasm;
    if (g && w && g.length === w.length) runs.push({ size: size.label, maxAbsWeightDiffWebgpuVsWasm: Math.max(...g.map((v, i) => Math.abs(v - w[i]!))) });
  }
  report.runs = runs;
  process.stdout.write(JSON.stringify(report, null, 1) + '\n');
  releaseGpu();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`gpu-check failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
