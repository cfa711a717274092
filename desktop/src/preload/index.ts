/**
 * The preload (sandboxed, context-isolated): exposes window.rlab, a narrow typed API. The renderer gets the
 * server's address and token over IPC and nothing of ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type RlabBridge, type ServerConnection } from '../shared/bridge.ts';

const bridge: RlabBridge = {
  kind: 'electron',
  connection: () => ipcRenderer.invoke(IPC.connection) as Promise<ServerConnection>,
  appVersion: () => ipcRenderer.invoke(IPC.appVersion) as Promise<string>,
};

contextBridge.exposeInMainWorld('rlab', bridge);
