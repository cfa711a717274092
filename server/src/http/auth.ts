/**
 * The per-launch token: `Authorization: Bearer T`, `?token=T` (the page's first load), or the cookie the
 * server sets on that first load so the page's own assets and requests carry it.
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

/** the token a request presents, and whether it came in the URL */
export function presentedToken(req: IncomingMessage): { token: string | null; fromUrl: boolean } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), fromUrl: false };
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = url.searchParams.get('token');
  if (q) return { token: q, fromUrl: true };
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return { token: decodeURIComponent(v.join('=')), fromUrl: false };
  }
  return { token: null, fromUrl: false };
}

export function isAuthorized(req: IncomingMessage, token: string): boolean {
  const p = presentedToken(req);
  return p.token !== null && same(p.token, token);
}

export function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const p = presentedToken(req);
    if (p.token === null || !same(p.token, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ errors: [{ message: 'missing or wrong token: send Authorization: Bearer <token> or ?token=<token>', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      return;
    }
    if (p.fromUrl) res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
    next();
  };
}
