/**
 * What a phase diagram drew, read back from the drawing itself (an SVG export, or the canvas renderer's
 * display list in the page): the heat map's cell rectangles and the overlay polylines, identified by
 * stroke colour. From the cell rectangles it derives the pixel position of cell coordinate (x, j)
 * (x = i at the centre of column i, j at the centre of row j, d going up), so that a test can say where
 * a line should be drawn without trusting the app's own arithmetic. Used by desktop/test (SSR SVG) and
 * the e2e suite (page and downloaded SVG).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type Pt = [number, number];

export interface DrawnChart {
  /** heat map cells (series 0) */
  cells: Rect[];
  /** polylines by stroke colour (lower-case #rrggbb), each a list of pieces */
  lines: Map<string, Pt[][]>;
  /** every coordinate any path drew, to check that nothing lies outside the canvas */
  allPoints: Pt[];
  width: number;
  height: number;
}

function num(s: string): number {
  return Number(s);
}

/** parse the M/L/H/V/Z (absolute and relative) subset of SVG path data; null when it has curves or arcs */
export function parsePathData(d: string): Pt[][] | null {
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?/g) ?? [];
  const pieces: Pt[][] = [];
  let cur: Pt[] = [];
  let x = 0;
  let y = 0;
  let start: Pt = [0, 0];
  let cmd = '';
  let k = 0;
  const next = (): number => num(tokens[k++] as string);
  while (k < tokens.length) {
    const t = tokens[k] as string;
    if (/[a-zA-Z]/.test(t)) {
      cmd = t;
      k++;
      if (cmd === 'Z' || cmd === 'z') {
        cur.push([start[0], start[1]]);
        x = start[0];
        y = start[1];
        continue;
      }
      if (!'MmLlHhVv'.includes(cmd)) return null;
      continue;
    }
    switch (cmd) {
      case 'M':
      case 'm': {
        const nx = next();
        const ny = next();
        x = cmd === 'm' ? x + nx : nx;
        y = cmd === 'm' ? y + ny : ny;
        if (cur.length > 0) pieces.push(cur);
        cur = [[x, y]];
        start = [x, y];
        cmd = cmd === 'm' ? 'l' : 'L';
        break;
      }
      case 'L':
      case 'l': {
        const nx = next();
        const ny = next();
        x = cmd === 'l' ? x + nx : nx;
        y = cmd === 'l' ? y + ny : ny;
        cur.push([x, y]);
        break;
      }
      case 'H':
      case 'h':
        x = cmd === 'h' ? x + next() : next();
        cur.push([x, y]);
        break;
      case 'V':
      case 'v':
        y = cmd === 'v' ? y + next() : next();
        cur.push([x, y]);
        break;
      default:
        return null;
    }
  }
  if (cur.length > 0) pieces.push(cur);
  return pieces;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? (m[1] as string) : null;
}

function normColor(c: string | null): string | null {
  if (!c) return null;
  const s = c.trim().toLowerCase();
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(s);
  if (rgb) return `#${[rgb[1], rgb[2], rgb[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
  if (/^#[0-9a-f]{3}$/.test(s)) return `#${s[1]}${s[1]}${s[2]}${s[2]}${s[3]}${s[3]}`;
  return s;
}

function bbox(pts: Pt[]): Rect {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** read an ECharts SVG (SSR or export): cells carry ecmeta_series_index="0"; lines are unfilled stroked paths */
export function readSvgChart(svg: string): DrawnChart {
  const vb = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg);
  const width = vb ? num(vb[3] as string) : num(attr(/<svg[^>]*>/.exec(svg)?.[0] ?? '', 'width') ?? '0');
  const height = vb ? num(vb[4] as string) : num(attr(/<svg[^>]*>/.exec(svg)?.[0] ?? '', 'height') ?? '0');
  const cells: Rect[] = [];
  const lines = new Map<string, Pt[][]>();
  const allPoints: Pt[] = [];
  // clip paths are definitions, not drawing
  const body = svg.replace(/<defs[\s\S]*?<\/defs>/g, '');
  for (const m of body.matchAll(/<path\s[^>]*>/g)) {
    const tag = m[0];
    const d = attr(tag, 'd');
    if (!d) continue;
    let pieces = parsePathData(d);
    if (!pieces) continue;
    const transform = attr(tag, 'transform');
    if (transform) {
      // legend icons and labels are placed with translate(); anything rotated or scaled is left out
      const t = /^translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)$/.exec(transform);
      if (!t) continue;
      const [tx, ty] = [num(t[1] as string), num(t[2] as string)];
      pieces = pieces.map((piece) => piece.map(([x, y]) => [x + tx, y + ty] as Pt));
      for (const p of pieces) allPoints.push(...p);
      continue;
    }
    for (const p of pieces) allPoints.push(...p);
    if (attr(tag, 'ecmeta_series_index') === '0' && attr(tag, 'ecmeta_ssr_type') === 'chart') {
      cells.push(bbox(pieces.flat()));
      continue;
    }
    const fill = attr(tag, 'fill');
    const stroke = normColor(attr(tag, 'stroke'));
    if (stroke && (fill === 'none' || fill === null)) lines.set(stroke, [...(lines.get(stroke) ?? []), ...pieces]);
  }
  return { cells, lines, allPoints, width, height };
}

export interface CellFrame {
  columns: number;
  rows: number;
  /** the plot rectangle (union of the cells) */
  plot: Rect;
  /** pixel of cell coordinate (x, j) */
  toPixel(x: number, j: number): Pt;
  /** cell coordinate of pixel (px, py) */
  fromPixel(px: number, py: number): Pt;
  cellWidth: number;
  cellHeight: number;
}

/** the pixel frame of the grid from the drawn cells (columns and rows are the distinct cell centres) */
export function cellFrame(cells: Rect[], columns: number, rows: number): CellFrame {
  if (cells.length === 0) throw new Error('no heat map cells were drawn');
  const x0 = Math.min(...cells.map((c) => c.x));
  const x1 = Math.max(...cells.map((c) => c.x + c.width));
  const y0 = Math.min(...cells.map((c) => c.y));
  const y1 = Math.max(...cells.map((c) => c.y + c.height));
  // cells overlap their neighbours by a fraction of a pixel (anti-aliasing); the median cell size is the step
  const med = (vs: number[]) => [...vs].sort((a, b) => a - b)[Math.floor(vs.length / 2)] as number;
  const overlapW = med(cells.map((c) => c.width)) - (x1 - x0) / columns;
  const overlapH = med(cells.map((c) => c.height)) - (y1 - y0) / rows;
  const plot = { x: x0 + overlapW / 2, y: y0 + overlapH / 2, width: x1 - x0 - overlapW, height: y1 - y0 - overlapH };
  const cw = plot.width / columns;
  const ch = plot.height / rows;
  return {
    columns,
    rows,
    plot,
    cellWidth: cw,
    cellHeight: ch,
    toPixel: (x, j) => [plot.x + (x + 0.5) * cw, plot.y + plot.height - (j + 0.5) * ch],
    fromPixel: (px, py) => [(px - plot.x) / cw - 0.5, (plot.y + plot.height - py) / ch - 0.5],
  };
}

/** x (pixels) of a drawn polyline at height py, or null where no piece spans it */
export function drawnXAt(pieces: Pt[][], py: number): number | null {
  for (const piece of pieces)
    for (let k = 0; k < piece.length - 1; k++) {
      const p = piece[k] as Pt;
      const q = piece[k + 1] as Pt;
      const [lo, hi] = p[1] <= q[1] ? [p, q] : [q, p];
      if (py < lo[1] - 1e-6 || py > hi[1] + 1e-6) continue;
      if (hi[1] - lo[1] < 1e-9) return (lo[0] + hi[0]) / 2;
      return lo[0] + ((py - lo[1]) / (hi[1] - lo[1])) * (hi[0] - lo[0]);
    }
  return null;
}

/**
 * The crossing of `level` in a row of values, independent of the app: i + (level - a) / (b - a) at the first
 * pair of neighbours on either side of the level.
 */
export function expectedCrossing(values: Array<number | null>, level = 0.5): number | null {
  for (let i = 0; i + 1 < values.length; i++) {
    const a = values[i];
    const b = values[i + 1];
    if (a == null || b == null) continue;
    if ((a - level) * (b - level) < 0 || (a < level && b === level) || (a === level && b < level)) return i + (level - a) / (b - a);
  }
  return null;
}
