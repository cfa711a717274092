/**
 * Who may talk to the server.
 * - The per-launch token: `Authorization: Bearer T` (the scheme in any case, RFC 9110 section 11.1),
 *   `?token=T` (the page's first load), or the cookie the server sets on that first load so the page's
 *   own assets, requests and later tabs of the same browser carry it.
 * - The origin (issue 12 item 2): browsers send a SameSite cookie to every port of 127.0.0.1, so a page
 *   served from another port could otherwise open our WebSocket or post to us with the cookie. Only the
 *   app's own origin (http://127.0.0.1:PORT or http://localhost:PORT, which is also where Electron's
 *   window loads the app) may send an Origin; a request that names another one is refused, at the
 *   WebSocket upgrade and on HTTP. Node clients send no Origin and need the token like everyone else.
 * - The Host header must name this server too, so a DNS-rebound name that resolves to 127.0.0.1 is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../graphql/errors.ts';

export const TOKEN_COOKIE = 'rlab_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

/** the token a request presents, and whether it came in the URL */
export function presentedToken(req: IncomingMessage): { token: string | null; fromUrl: boolean } {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = BEARER.exec(auth);
    // a malformed Authorization header presents no token (it is not silently replaced by the cookie)
    return { token: m ? m[1]! : null, fromUrl: false };
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = url.searchParams.get('token');
  if (q) return { token: q, fromUrl: true };
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) {
      try {
        return { token: decodeURIComponent(v.join('=')), fromUrl: false };
      } catch {
        return { token: null, fromUrl: false };
      }
    }
  }
  return { token: null, fromUrl: false };
}

export function isAuthorized(req: IncomingMessage, token: string): boolean {
  const p = presentedToken(req);
  return p.token !== null && same(p.token, token);
}

/** the origins a browser may send: the app as served on this port */
export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export interface OriginVerdict {
  ok: boolean;
  /** why not, for the client */
  reason?: string;
}

/**
 * Host and Origin of a request (HTTP or WebSocket upgrade). A missing Origin is allowed (node clients;
 * browsers' own navigations and same-origin GETs), except where the Fetch Metadata says a browser sent
 * it from another site or origin for something other than a top-level navigation.
 */
export function checkOrigin(req: IncomingMessage, port: number): OriginVerdict {
  const allowed = allowedOrigins(port);
  const host = req.headers.host;
  if (host === undefined || !allowed.has(`http://${host.toLowerCase()}`))
    return { ok: false, reason: `Host ${JSON.stringify(host ?? '')} is not this server; use http://127.0.0.1:${port}` };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!allowed.has(origin.toLowerCase())) return { ok: false, reason: `Origin ${JSON.stringify(origin)} may not use this server; only the app at http://127.0.0.1:${port} may` };
    return { ok: true };
  }
  const site = req.headers['sec-fetch-site'];
  const mode = req.headers['sec-fetch-mode'];
  if ((site === 'cross-site' || site === 'same-site') && mode !== 'navigate')
    return { ok: false, reason: `a ${site} ${String(mode ?? 'request')} may not use this server; only the app at http://127.0.0.1:${port} may` };
  return { ok: true };
}

export function requireOrigin(port: () => number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const v = checkOrigin(req, port());
    if (!v.ok) {
      res.status(403).json({ errors: [{ message: v.reason, extensions: { code: ErrorCode.FORBIDDEN_ORIGIN } }] });
      return;
    }
    next();
  };
}

/** what a person who opened the page without a valid token sees (issue 11) */
function missingTokenPage(wrong: boolean): string {
  const what = wrong
    ? 'The address you opened carries an access token that this server does not accept. The token changes every time Recovery Lab starts, so this is probably an address from an earlier launch.'
    : 'The address you opened has no access token, and this browser has no session with this server yet.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recovery Lab: access token needed</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#eee;padding:0 .25rem;white-space:nowrap}</style></head>
<body><h1>Recovery Lab needs its access token</h1><p>${what}</p>
<ol><li>Open the address that <code>rlab serve</code> printed when it started (it ends in <code>/?token=...</code>), or start the desktop app.</li>
<li>After that, other tabs of this browser open app addresses without the token, until the server stops.</li>
<li>If the server was restarted, use the new address it printed: tokens of earlier launches no longer work.</li></ol>
<p>Scripts and API clients send the token as <code>Authorization: Bearer &lt;token&gt;</code>.</p></body></html>`;
}

export function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const p = presentedToken(req);
    if (p.token === null || !same(p.token, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer');
      // a person's browser navigating here gets a page that says what to do; API clients keep JSON
      if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts(['application/json', 'text/html']) === 'text/html') {
        res.type('html').send(missingTokenPage(p.token !== null));
        return;
      }
      res.json({ errors: [{ message: 'missing or wrong token: send Authorization: Bearer <token> or ?token=<token>', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      return;
    }
    if (p.fromUrl) res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
    next();
  };
}
