/**
 * The Content-Security-Policy of the renderer, in index.html's meta tag and in the header the Electron main
 * process adds. Scripts only from the app itself (no eval, no inline script); connections only to the app's
 * own server on the loopback interface (HTTP for queries, WebSocket for subscriptions); images also from
 * data:/blob: URLs (chart exports).
 */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self' ws://127.0.0.1:* http://127.0.0.1:*",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

export const CSP = Object.entries(CSP_DIRECTIVES).map(([k, v]) => `${k} ${v}`).join('; ');
