import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isAllowedNavigation, mainWindowOptions, needsToken, securityHeaders, WINDOW_OPEN_DENIED } from '../../src/main/security.ts';
import { CSP, CSP_DIRECTIVES } from '../../src/shared/csp.ts';

const origin = 'http://127.0.0.1:4321';

describe('window options', () => {
  it('isolates the renderer: context isolation, sandbox, no node integration anywhere, no webview', () => {
    const w = mainWindowOptions('/app/dist/preload/index.cjs').webPreferences;
    expect(w).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
  it('denies new windows', () => {
    expect(WINDOW_OPEN_DENIED).toEqual({ action: 'deny' });
  });
});

describe('navigation', () => {
  it('allows only the app itself on its own server', () => {
    expect(isAllowedNavigation(`${origin}/`, origin)).toBe(true);
    expect(isAllowedNavigation(`${origin}/#/runs/3`, origin)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:4322/', origin)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', origin)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', origin)).toBe(false);
    expect(isAllowedNavigation(`${origin}/export/runs.csv`, origin)).toBe(false);
    expect(isAllowedNavigation('not a url', origin)).toBe(false);
  });
  it('adds the token only to requests for the app\'s server (HTTP and WebSocket)', () => {
    expect(needsToken(`${origin}/graphql`, origin)).toBe(true);
    expect(needsToken('ws://127.0.0.1:4321/graphql', origin)).toBe(true);
    expect(needsToken('http://127.0.0.1:9999/graphql', origin)).toBe(false);
    expect(needsToken('https://evil.example/', origin)).toBe(false);
  });
});

describe('CSP', () => {
  it('allows scripts from the app only, no eval, no plugins, no base or form targets', () => {
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP).not.toMatch(/unsafe-eval/);
    expect(CSP_DIRECTIVES['script-src']).not.toMatch(/unsafe-inline/);
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['base-uri']).toBe("'none'");
    expect(CSP_DIRECTIVES['connect-src']).toBe("'self' ws://127.0.0.1:* http://127.0.0.1:*");
  });
  it('is the same policy in index.html\'s meta tag and in the header the main process adds', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP);
    expect(securityHeaders()['Content-Security-Policy']).toEqual([CSP]);
  });
});
