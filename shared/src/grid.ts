/**
 * The one parser of grids typed by people (the CLI's --n/--d/--sigma flags and the New experiment form):
 * a value, a list "10, 20, 30" (commas or spaces), a range start:step:end, or a mix. Distinct values,
 * ascending. No dependencies, so the renderer imports it as it is.
 */
import type { Range } from './contract.ts';

export type GridResult = { value: number[]; error: null } | { value: null; error: string };

export interface GridOptions extends Partial<Range> {
  /** most values one range may expand to */
  maxValues?: number;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** `label` starts every message (e.g. "n" in the form, "--n" in the CLI) */
export function parseGrid(text: string, label: string, opts: GridOptions = {}): GridResult {
  const integer = opts.integer ?? false;
  const maxValues = opts.maxValues ?? 100_000;
  const what = integer ? 'an integer' : 'a number';
  const parts = text.split(/[,\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return { value: null, error: `${label}: give at least one value, e.g. ${integer ? '10:10:100 or 10, 20, 30' : '0 or 0, 0.1, 0.2'}` };
  const out: number[] = [];
  const num = (s: string) => (NUMBER.test(s) && Number.isFinite(Number(s)) && (!integer || Number.isInteger(Number(s))) ? Number(s) : null);
  for (const part of parts) {
    if (part.includes(':')) {
      const bits = part.split(':');
      const [a, s, b] = bits.map(num);
      if (bits.length !== 3 || a == null || s == null || b == null) return { value: null, error: `${label}: "${part}" is not ${what} or a start:step:stop range` };
      if (s <= 0) return { value: null, error: `${label}: the step of "${part}" must be positive` };
      if (b < a) return { value: null, error: `${label}: "${part}" ends before it starts` };
      if ((b - a) / s + 1 > maxValues) return { value: null, error: `${label}: "${part}" has more than ${maxValues} values` };
      for (let v = a; v <= b + 1e-9 * s; v += s) out.push(integer ? Math.round(v) : Number(v.toPrecision(12)));
    } else {
      const v = num(part);
      if (v === null) return { value: null, error: integer ? `${label}: "${part}" is not an integer or a start:step:stop range` : `${label}: "${part}" is not a number` };
      out.push(v);
    }
  }
  const bad = out.find((v) => (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max));
  if (bad !== undefined) return { value: null, error: `${label}: ${bad} is outside ${opts.min ?? '-inf'}..${opts.max ?? 'inf'}` };
  const unique = [...new Set(out)].sort((x, y) => x - y);
  if (unique.length > maxValues) return { value: null, error: `${label}: at most ${maxValues} values` };
  return { value: unique, error: null };
}
