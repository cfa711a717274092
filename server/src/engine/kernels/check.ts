/** Argument checks shared by both kernel implementations: a bad dimension or extent names the argument. */

function fail(kernel: string, what: string): never {
  throw new RangeError(`${kernel}: ${what}`);
}

export function checkDim(kernel: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) fail(kernel, `${name} = ${v}: expected an integer >= 0`);
}

function detachedHint(a: ArrayLike<number>): string {
  const buf = (a as Float64Array).buffer as ArrayBuffer | undefined;
  return buf && buf.byteLength === 0 ? ' (the array is detached: wasm memory grew after this view was taken; take views after creating every arena)' : '';
}

/** matrix of `rows` x `cols` stored at (a, off, ld) */
export function checkMat(kernel: string, name: string, a: ArrayLike<number>, off: number, ld: number, rows: number, cols: number): void {
  if (!Number.isInteger(off) || off < 0) fail(kernel, `${name} offset = ${off}: expected an integer >= 0`);
  if (!Number.isInteger(ld) || ld < Math.max(1, cols)) fail(kernel, `ld of ${name} = ${ld}: expected an integer >= max(1, ${cols}) (its column count)`);
  if (rows === 0 || cols === 0) return;
  const need = off + (rows - 1) * ld + cols;
  if (need > a.length) fail(kernel, `${name} (${rows} x ${cols}, offset ${off}, ld ${ld}) needs ${need} entries, the array has ${a.length}${detachedHint(a)}`);
}

export function checkVec(kernel: string, name: string, a: ArrayLike<number>, off: number, len: number): void {
  if (!Number.isInteger(off) || off < 0) fail(kernel, `${name} offset = ${off}: expected an integer >= 0`);
  if (len > 0 && off + len > a.length) fail(kernel, `${name} (length ${len}, offset ${off}) needs ${off + len} entries, the array has ${a.length}${detachedHint(a)}`);
}

/** row indices: each within [0, nA) */
export function checkRows(kernel: string, rows: Int32Array, off: number, nRows: number, nA: number): void {
  checkVec(kernel, 'rows', rows, off, nRows);
  for (let t = 0; t < nRows; t++) {
    const r = rows[off + t]!;
    if (r < 0 || r >= nA) fail(kernel, `rows[${off + t}] = ${r}: expected a row index in [0, ${nA})`);
  }
}

/** the number of rows of a matrix stored with leading dimension ld in `length` entries from off (for row-index checks) */
export function rowsAvailable(length: number, off: number, ld: number, cols: number): number {
  if (cols === 0) return Number.MAX_SAFE_INTEGER;
  if (length - off < cols) return 0;
  return Math.floor((length - off - cols) / ld) + 1;
}
