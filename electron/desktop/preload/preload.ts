/**
 * The sandboxed preload: the page's only door to main. It exposes `window.studio` with two functions,
 * each refusing names not in the contract's allow-list, and never hands `ipcRenderer` itself to the page
 * (Electron checklist item 20). Bundled into one CJS file; only `electron` stays external.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, isChannelName, isEventName } from '../../../shared/ipc/names';

function refused(channel: unknown): Promise<never> {
  return Promise.reject(new Error(`Manifest Studio: "${String(channel)}" is not an allowed channel.`));
}

const bridge = {
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (!isChannelName(channel)) return refused(channel);
    return ipcRenderer.invoke(channel, input);
  },
  on(event: unknown, listener: unknown): () => void {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new Error(`Manifest Studio: cannot listen to "${String(event)}".`);
    }
    // Drop the IpcRendererEvent: it carries `sender` (the ipcRenderer), which must not reach the page.
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => {
      listener(payload);
    };
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

// Parameters are `unknown` on purpose: the page may call with anything, so the checks happen at runtime.
// The renderer sees this object through the `StudioBridge` type in shared/ipc/bridge.ts.
contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
