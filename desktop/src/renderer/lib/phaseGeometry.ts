/**
 * Where the overlays of a phase diagram go, in cell coordinates: x = i is the centre of column n = ns[i],
 * y = j the centre of row d = ds[j], and the plot spans [-0.5, N - 0.5] x [-0.5, M - 0.5]. Between columns
 * (rows) positions are linear in n (in d), so on an evenly spaced grid a line n = c d stays straight.
 * The heat map draws on category axes; the overlays draw on hidden value axes over the same extent, so
 * nothing snaps to a cell centre. Pure, unit-tested against hand-computed positions.
 */

export type Point = [number, number];
/** a polyline with gaps: null separates pieces that are drawn unconnected */
export type Path = Array<Point | null>;

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** the plot's extent in cell coordinates */
export function plotBox(columns: number, rows: number): Box {
  return { x0: -0.5, x1: columns - 0.5, y0: -0.5, y1: rows - 0.5 };
}

/**
 * position of value v among the sorted grid values `vs`, linear between neighbours and extrapolated with
 * the end spacing beyond the ends (the caller clips); null for an empty grid, or a one-value grid and v
 * not that value
 */
export function axisPosition(v: number, vs: number[]): number | null {
  if (vs.length === 0) return null;
  const first = vs[0] as number;
  if (vs.length === 1) return v === first ? 0 : null;
  const last = vs[vs.length - 1] as number;
  if (v <= first) return (v - first) / ((vs[1] as number) - first);
  if (v >= last) return vs.length - 1 + (v - last) / (last - (vs[vs.length - 2] as number));
  for (let i = 0; i < vs.length - 1; i++) {
    const a = vs[i] as number;
    const b = vs[i + 1] as number;
    if (v >= a && v <= b) return i + (v - a) / (b - a);
  }
  return null;
}

/** the grid value at position x (the inverse of axisPosition, extrapolated the same way) */
export function valueAt(x: number, vs: number[]): number | null {
  if (vs.length === 0) return null;
  if (vs.length === 1) return x === 0 ? (vs[0] as number) : null;
  const i = Math.min(vs.length - 2, Math.max(0, Math.floor(x)));
  const a = vs[i] as number;
  const b = vs[i + 1] as number;
  return a + (x - i) * (b - a);
}

/**
 * Where one row of values first crosses `level` going right: i + (level - a) / (b - a) between the
 * neighbouring cells i and i + 1 whose values a, b lie on either side (a < level <= b or a >= level > b);
 * null when the row does not cross. Cells without a value (null) break the row: no crossing is
 * interpolated across them.
 */
export function rowCrossing(values: Array<number | null | undefined>, level = 0.5): number | null {
  for (let i = 0; i < values.length - 1; i++) {
    const a = values[i];
    const b = values[i + 1];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if ((a < level && b >= level) || (a >= level && b < level)) return i + (level - a) / (b - a);
  }
  return null;
}

/** [x, j] for every row j that crosses the level */
export function levelCrossings(rows: Array<Array<number | null | undefined>>, level = 0.5): Point[] {
  const out: Point[] = [];
  rows.forEach((row, j) => {
    const x = rowCrossing(row, level);
    if (x !== null) out.push([x, j]);
  });
  return out;
}

/**
 * The level line: in every row that crosses it a vertical segment across the whole row at its crossing,
 * joined to the next row's segment at their common edge; a row without a crossing leaves a gap.
 */
export function contourPath(crossings: Point[]): Path {
  const path: Path = [];
  let prev: number | null = null;
  for (const [x, j] of crossings) {
    if (prev !== null && j !== prev + 1) path.push(null);
    path.push([x, j - 0.5], [x, j + 0.5]);
    prev = j;
  }
  return path;
}

/**
 * The line n = c d in cell coordinates: through (position of c d_j among ns, j) at every row j, and out to
 * the plot's top and bottom edges (d extrapolated with the end spacing), clipped to the plot.
 */
export function slopeLine(ns: number[], ds: number[], c: number): Path {
  if (ns.length === 0 || ds.length === 0 || !Number.isFinite(c)) return [];
  const box = plotBox(ns.length, ds.length);
  const pts: Point[] = [];
  const rowsY = ds.length === 1 ? [-0.5, 0, 0.5] : [-0.5, ...ds.map((_, j) => j), ds.length - 0.5];
  for (const y of rowsY) {
    const d = ds.length === 1 ? (ds[0] as number) : valueAt(y, ds);
    if (d === null) continue;
    const x = axisPosition(c * d, ns);
    if (x !== null) pts.push([x, y]);
  }
  return clipPolyline(pts, box);
}

/** Liang-Barsky: the part of segment p-q inside the box, or null */
export function clipSegment(p: Point, q: Point, box: Box): [Point, Point] | null {
  const [x0, y0] = p;
  const dx = q[0] - x0;
  const dy = q[1] - y0;
  let t0 = 0;
  let t1 = 1;
  const eps = 1e-12;
  const edges: Array<[number, number]> = [
    [-dx, x0 - box.x0],
    [dx, box.x1 - x0],
    [-dy, y0 - box.y0],
    [dy, box.y1 - y0],
  ];
  for (const [pe, qe] of edges) {
    if (Math.abs(pe) < eps) {
      if (qe < -eps) return null;
      continue;
    }
    const t = qe / pe;
    if (pe < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1 + eps) return null;
  }
  return [
    [x0 + t0 * dx, y0 + t0 * dy],
    [x0 + t1 * dx, y0 + t1 * dy],
  ];
}

/** a polyline cut to the box: the pieces inside, separated by null */
export function clipPolyline(points: Point[], box: Box): Path {
  const out: Path = [];
  let open = false;
  for (let k = 0; k < points.length - 1; k++) {
    const seg = clipSegment(points[k] as Point, points[k + 1] as Point, box);
    if (!seg) {
      if (open) out.push(null);
      open = false;
      continue;
    }
    const last = out[out.length - 1];
    const continues = open && last !== null && last !== undefined && Math.abs(last[0] - seg[0][0]) < 1e-9 && Math.abs(last[1] - seg[0][1]) < 1e-9;
    if (!continues) {
      if (open) out.push(null);
      out.push(seg[0]);
    }
    out.push(seg[1]);
    open = seg[1][0] === (points[k + 1] as Point)[0] && seg[1][1] === (points[k + 1] as Point)[1];
    if (!open) out.push(null);
  }
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

/** x of a polyline at height y (the first piece that spans y), for checks and tooltips */
export function xAtY(path: Path, y: number): number | null {
  for (let k = 0; k < path.length - 1; k++) {
    const p = path[k];
    const q = path[k + 1];
    if (!p || !q) continue;
    const [lo, hi] = p[1] <= q[1] ? [p, q] : [q, p];
    if (y < lo[1] - 1e-9 || y > hi[1] + 1e-9) continue;
    if (hi[1] === lo[1]) return lo[0];
    return lo[0] + ((y - lo[1]) / (hi[1] - lo[1])) * (hi[0] - lo[0]);
  }
  return null;
}
