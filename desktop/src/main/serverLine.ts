/**
 * `rlab serve` announces itself with one line on stdout:
 *   Recovery Lab listening on http://127.0.0.1:PORT/?token=T
 * The main process reads that line to learn where the server is and its per-launch token.
 */
import type { ServerConnection } from '../shared/bridge.ts';

const LINE = /^Recovery Lab listening on (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)\s*$/;

export interface ServerAddress extends ServerConnection {
  port: number;
}

/** the address in the server's first stdout line, or null when the line is something else */
export function parseServerLine(line: string): ServerAddress | null {
  const m = LINE.exec(line.trim());
  if (!m) return null;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return null;
  return { origin: m[1] as string, port, token: m[3] as string };
}
