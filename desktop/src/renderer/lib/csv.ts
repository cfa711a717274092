/** CSV (RFC 4180) of table rows, and saving a Blob as a file from the page. */
export function toCsv(columns: string[], rows: Array<Record<string, unknown>>): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveCsv(filename: string, columns: string[], rows: Array<Record<string, unknown>>): void {
  saveBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv' }), filename);
}

/** a data: URL (base64 or percent-encoded) as a Blob, without fetch (the CSP's connect-src has no data:) */
export function dataUrlToBlob(url: string): Blob {
  const m = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (!m) throw new Error('not a data: URL');
  const type = m[1] || 'application/octet-stream';
  const payload = m[4] as string;
  if (!m[3]) return new Blob([decodeURIComponent(payload)], { type });
  const bin = atob(payload);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
