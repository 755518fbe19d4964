import { CHANNEL_NAMES, type EventName } from '../../../shared/ipc';
import type { Dispatch, SenderInfo } from './dispatch';

/**
 * The few members of Electron's objects used here, so this module (and its tests) need no `electron`
 * import: the real `ipcMain` and `IpcMainInvokeEvent` satisfy these shapes.
 */
export interface IpcMainInvokeEventLike {
  sender: { id: number; mainFrame: unknown };
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export function senderOf(event: IpcMainInvokeEventLike): SenderInfo {
  const frame = event.senderFrame;
  return {
    kind: 'ipc',
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    // senderFrame is null once the frame navigated away or was destroyed: not the main frame any more.
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

/** One `ipcMain.handle` per contract channel, all going through `dispatch`. Returns the undo. */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input) => dispatch(channel, input, senderOf(event)));
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** Sends an event to the given windows; the preload re-emits it to `window.studio.on` listeners. */
export function sendToWindows(targets: () => Iterable<WebContentsLike>, event: EventName, payload: unknown): void {
  for (const wc of targets()) {
    if (!wc.isDestroyed()) wc.send(event, payload);
  }
}
