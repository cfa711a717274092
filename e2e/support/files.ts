/**
 * Downloaded chart files checked as files: a PNG by its signature, its IHDR and its image data inflated to
 * exactly the size the header announces (every scanline with its filter byte); an SVG by parsing it as XML.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** how many pixels are not the first pixel's colour (a blank image has 0) */
  distinctPixels: number;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** decode enough of a PNG to know it is one: throws with the reason otherwise */
export function checkPng(buf: Buffer): PngInfo {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: the 8-byte signature is missing');
  let off = 8;
  let ihdr: Buffer | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.subarray(off + 4, off + 8).toString('ascii');
    const data = buf.subarray(off + 8, off + 8 + len);
    if (data.length !== len) throw new Error(`PNG chunk ${type} is cut short`);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    off += 12 + len;
  }
  if (!ihdr) throw new Error('PNG without IHDR');
  if (!ended) throw new Error('PNG without IEND');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8] as number;
  const colorType = ihdr[9] as number;
  const channels = CHANNELS[colorType];
  if (!channels || width === 0 || height === 0) throw new Error(`PNG header says ${width}x${height}, colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = Math.ceil((width * channels * bitDepth) / 8);
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG data inflates to ${raw.length} bytes, the header needs ${height * (stride + 1)}`);
  // unfilter (filters 0-4) to count pixels unlike the first: a chart is not one flat colour
  const bpp = Math.max(1, Math.ceil((channels * bitDepth) / 8));
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  let distinct = 0;
  let first: Buffer | null = null;
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (cur[i - bpp] as number) : 0;
      const b = prev[i] as number;
      const c = i >= bpp ? (prev[i - bpp] as number) : 0;
      const x = line[i] as number;
      let v: number;
      if (f === 0) v = x;
      else if (f === 1) v = x + a;
      else if (f === 2) v = x + b;
      else if (f === 3) v = x + ((a + b) >> 1);
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`PNG scanline ${y} has filter ${f}`);
      cur[i] = v & 0xff;
    }
    if (bitDepth === 8) {
      if (!first) first = Buffer.from(cur.subarray(0, bpp));
      for (let i = 0; i + bpp <= stride; i += bpp) if (!cur.subarray(i, i + bpp).equals(first)) distinct++;
    }
    cur.copy(prev);
  }
  return { width, height, bitDepth, colorType, distinctPixels: distinct };
}
