/**
 * Where the server is and the token to send. In Electron the preload hands both over (window.rlab); in a
 * browser the page is opened at /?token=T: the token is kept in sessionStorage and removed from the address
 * bar. A new tab of the same browser has neither (sessionStorage is per tab) but it does have the
 * HttpOnly cookie the server set on that first load, which same-origin requests carry on their own: then
 * the token is null and no Authorization header is sent.
 */
import type { RlabBridge } from '../../shared/bridge.ts';

/** the renderer's view of the connection: token null = the page's session cookie authenticates */
export interface ServerConnection {
  origin: string;
  token: string | null;
}

declare global {
  interface Window {
    rlab?: RlabBridge;
  }
}

export const TOKEN_KEY = 'rlab.token';

/** what to do when the server refuses the session (wrong token, or a server restarted with a new one) */
export const SIGN_IN_HINT = 'open the address that `rlab serve` printed (it ends in ?token=...); a restarted server has a new token';

export interface LocationLike {
  origin: string;
  search: string;
  href: string;
}

/** the token from ?token=, else from storage; stores a new one */
export function tokenFromPage(loc: LocationLike, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const fromUrl = new URLSearchParams(loc.search).get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

/** the address without its token (so that it is not left in history or screenshots) */
export function urlWithoutToken(href: string): string {
  const u = new URL(href);
  u.searchParams.delete('token');
  return u.toString();
}

let cached: Promise<ServerConnection> | null = null;

export function connection(): Promise<ServerConnection> {
  if (!cached) cached = resolveConnection();
  return cached;
}

async function resolveConnection(): Promise<ServerConnection> {
  if (window.rlab) return window.rlab.connection();
  const token = tokenFromPage(window.location, window.sessionStorage);
  if (new URLSearchParams(window.location.search).has('token')) window.history.replaceState(window.history.state, '', urlWithoutToken(window.location.href));
  // the page itself was served, so this browser holds the session cookie (or the server would have refused it)
  return { origin: window.location.origin, token };
}
