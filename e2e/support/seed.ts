/**
 * A 40 x 10 grid with 10 trials per cell (4000 runs) in seconds: recovery-case/1 files with their solver
 * answers imported through the importCases mutation (solving them would take minutes on two cores).
 * Each run is recovered with a probability that rises across n = 2.4 d, so the map has a transition.
 */
import type { TestServer } from './server.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const PERF_NS = Array.from({ length: 40 }, (_, i) => 2 * (i + 1));
export const PERF_DS = Array.from({ length: 10 }, (_, j) => j + 1);
export const PERF_TRIALS = 10;

export async function seedPerfGrid(server: TestServer): Promise<string> {
  const rand = rng(7);
  const cases: Array<{ case: unknown; result: unknown }> = [];
  for (const n of PERF_NS)
    for (const d of PERF_DS)
      for (let t = 0; t < PERF_TRIALS; t++) {
        const X = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.round((rand() * 2 - 1) * 1000) / 1000));
        const w = Array.from({ length: d }, (_, i) => (i === 0 ? 1 : 0));
        const y = X.map((row) => Math.max(0, row[0] as number));
        const p = 1 / (1 + Math.exp(-3 * (n / d - 2.4)));
        const recovered = rand() < p;
        cases.push({
          case: { format: 'recovery-case/1', name: `perf n${n} d${d} t${t}`, architecture: 'plain', program: 'exact', X, y, planted: { neurons: [{ w, a: 1 }] } },
          result: { objective: 1, neurons: [{ w, a: 1 }], recovered, distance: recovered ? 1e-9 : 0.5, testError: recovered ? 1e-9 : 0.3, certificate: { nic: recovered ? 0.5 : 1.5 } },
        });
      }
  let experimentId: string | null = null;
  for (let i = 0; i < cases.length; i += 200) {
    const data: { importCases: { experiment: { id: string } } } = await server.gql(
      'mutation Import($input: ImportCasesInput!) { importCases(input: $input) { experiment { id } } }',
      { input: { ...(experimentId ? { experimentId } : { name: 'perf 40 x 10 x 10' }), cases: cases.slice(i, i + 200) } },
    );
    experimentId = data.importCases.experiment.id;
  }
  return experimentId as string;
}
