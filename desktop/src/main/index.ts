/**
 * Electron main process: starts `rlab serve` as a child process on a free port, opens one hardened window
 * on the app the server serves, hands the token to the renderer through the preload (never in a URL),
 * and stops the server when the app quits.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC, type ServerConnection } from '../shared/bridge.ts';
import { isAllowedNavigation, mainWindowOptions, needsToken, securityHeaders, WINDOW_OPEN_DENIED } from './security.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = process.env.RLAB_REPO_ROOT ?? resolve(here, '../../..');
let server: ServerProcess | null = null;

async function createWindow(conn: ServerConnection): Promise<void> {
  const win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  const ses = win.webContents.session;
  ses.webRequest.onBeforeSendHeaders((details, callback) => {
    const headers = { ...details.requestHeaders };
    if (needsToken(details.url, conn.origin)) headers.Authorization = `Bearer ${conn.token}`;
    callback({ requestHeaders: headers });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, ...securityHeaders() } });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return WINDOW_OPEN_DENIED;
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, conn.origin)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${conn.origin}/`);
}

async function main(): Promise<void> {
  await app.whenReady();
  const dbFile = process.env.RLAB_DB ?? join(app.getPath('userData'), 'recovery-lab.db');
  server = await startServerProcess({ repoRoot, dbFile });
  const conn: ServerConnection = { origin: server.origin, token: server.token };
  ipcMain.handle(IPC.connection, () => conn);
  ipcMain.handle(IPC.appVersion, () => app.getVersion());
  await createWindow(conn);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(conn);
  });
}

app.on('window-all-closed', () => app.quit());
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !server) return;
  event.preventDefault();
  quitting = true;
  void server.stop().finally(() => app.quit());
});
app.on('web-contents-created', (_e, contents) => contents.setWindowOpenHandler(() => WINDOW_OPEN_DENIED));

main().catch((err: unknown) => {
  process.stderr.write(`Recovery Lab could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  app.exit(1);
});
