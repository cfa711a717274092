/**
 * Window hardening, kept free of Electron imports so that it can be unit-tested without the binary:
 * the BrowserWindow options, which navigations are allowed, and the response headers added to the
 * app's own pages.
 */
import { CSP } from '../shared/csp.ts';

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
}

export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export function mainWindowOptions(preload: string): MainWindowOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Recovery Lab',
    show: false,
    backgroundColor: '#16181d',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/**
 * The window may only show the app served by its own server. Navigation inside the single-page app
 * changes the hash, which is not a navigation; anything else (links to other sites, file:// URLs, a
 * different port) is refused.
 */
export function isAllowedNavigation(target: string, appOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return url.origin === appOrigin && (url.pathname === '/' || url.pathname === '/index.html');
}

/** requests that get the per-launch token added as a header (the app's own server only) */
export function needsToken(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    const origin = u.protocol === 'ws:' ? `http://${u.host}` : u.origin;
    return origin === appOrigin;
  } catch {
    return false;
  }
}

/** response headers added to the app's pages (the meta tag carries the same policy) */
export function securityHeaders(): Record<string, string[]> {
  return {
    'Content-Security-Policy': [CSP],
    'X-Content-Type-Options': ['nosniff'],
    'Referrer-Policy': ['no-referrer'],
  };
}

/** new windows are never opened (window.open, target=_blank) */
export const WINDOW_OPEN_DENIED = { action: 'deny' } as const;
