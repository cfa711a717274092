/**
 * Parsing what is typed in the New experiment form. Grids go through the one parser in shared
 * (shared/src/grid.ts), as the CLI's flags do: "10:10:400" (start:step:stop), "10, 20, 30", or a mix.
 */
import { MAX_AXIS_VALUES } from '@rlab/shared/contract.ts';
import { parseGrid } from '@rlab/shared/grid.ts';

export interface Parsed<T> {
  value: T | null;
  error: string | null;
}

export function parseIntGrid(text: string, field: string, min: number, max: number): Parsed<number[]> {
  return parseGrid(text, field, { integer: true, min, max, maxValues: MAX_AXIS_VALUES });
}

export function parseFloatList(text: string, field: string, min: number, max: number): Parsed<number[]> {
  return parseGrid(text, field, { integer: false, min, max, maxValues: MAX_AXIS_VALUES });
}

export function parseNumber(text: string, field: string, min: number, max: number, integer: boolean): Parsed<number> {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) return { value: null, error: `${field}: "${text}" is not a number` };
  if (integer && !Number.isInteger(v)) return { value: null, error: `${field}: ${v} is not an integer` };
  if (v < min || v > max) return { value: null, error: `${field}: ${v} is outside ${min}..${max}` };
  return { value: v, error: null };
}

/** ms for one convex run of size (n, d), fitted to past runs as ms = a + b * n^2 * d (least squares) */
export function fitRunTime(samples: Array<{ n: number; d: number; timeMs: number | null }>): (n: number, d: number) => number {
  const pts = samples.filter((s): s is { n: number; d: number; timeMs: number } => s.timeMs !== null && s.timeMs > 0);
  const fallback = (n: number, d: number): number => 50 + 0.0005 * n * n * d;
  if (pts.length < 3) return fallback;
  const xs = pts.map((p) => p.n * p.n * p.d);
  const ys = pts.map((p) => p.timeMs);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    sxx += ((xs[i] as number) - mx) ** 2;
  }
  const b = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  const a = Math.max(1, my - b * mx);
  return (n, d) => a + b * n * n * d;
}

export function estimateSeconds(ns: number[], ds: number[], sigmas: number, trials: number, perRunMs: (n: number, d: number) => number, concurrency: number): number {
  let ms = 0;
  for (const n of ns) for (const d of ds) ms += perRunMs(n, d) * sigmas * trials;
  return ms / 1000 / Math.max(1, concurrency);
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}
