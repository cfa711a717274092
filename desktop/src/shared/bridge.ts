/**
 * The one API the preload exposes to the renderer (window.rlab). Narrow on purpose: the renderer learns
 * where the server is and its per-launch token, nothing else of Node or Electron.
 */
export interface ServerConnection {
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
}

export interface RlabBridge {
  readonly kind: 'electron';
  connection(): Promise<ServerConnection>;
  appVersion(): Promise<string>;
}

/** IPC channel names (main <-> preload) */
export const IPC = {
  connection: 'rlab:connection',
  appVersion: 'rlab:app-version',
} as const;
