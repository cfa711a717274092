/**
 * What the phase diagram says about its threshold, in words that are true for the experiment's state: a
 * fitted n = c d; for a running experiment "no crossing of 1/2 yet"; for a finished one, why there is no
 * fit (the probability stays below 1/2 on the whole grid, is at least 1/2 everywhere, or crosses without
 * a fit).
 */
import type { PhaseCell, TransitionEstimate } from '../api/operations.ts';
import { metricInfo, metricValue, type Metric } from './heatmap.ts';
import { formatNumber } from './science.ts';

export interface TransitionSummary {
  c: number | null;
  text: string;
}

export function transitionSummary(t: TransitionEstimate | null, cells: PhaseCell[], metric: Metric, active: boolean): TransitionSummary {
  if (!t) return { c: null, text: '' };
  if (t.c !== null && t.c !== undefined && Number.isFinite(t.c)) return { c: t.c, text: `fit n = ${formatNumber(t.c)} d` };
  const note = t.note ? ` (${t.note})` : '';
  if (active) return { c: null, text: `no crossing of 1/2 yet${note}` };
  const label = metricInfo(metric).label;
  const vals = cells.map((c) => ({ v: metricValue(c, metric), ratio: c.ratio })).filter((x): x is { v: number; ratio: number } => x.v !== null && Number.isFinite(x.v));
  if (vals.length === 0) return { c: null, text: `no finished runs with a planted model: nothing to fit${note}` };
  const max = Math.max(...vals.map((x) => x.v));
  const min = Math.min(...vals.map((x) => x.v));
  const ratios = vals.map((x) => x.ratio);
  if (max < 0.5) return { c: null, text: `${label} stays below 1/2 on the whole grid (at most ${formatNumber(max)}, n/d up to ${formatNumber(Math.max(...ratios))}): no threshold inside it${note}` };
  if (min >= 0.5) return { c: null, text: `${label} is at least 1/2 on the whole grid (n/d from ${formatNumber(Math.min(...ratios))}): the threshold lies below it${note}` };
  return { c: null, text: `${label} crosses 1/2 but no threshold could be fitted${note}` };
}
