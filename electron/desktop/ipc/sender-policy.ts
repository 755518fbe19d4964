import type { SenderInfo, SenderPolicy } from './dispatch';

export interface IpcTrustOptions {
  /** Ids of the webContents main created for the app's own windows. */
  trustedIds: () => ReadonlySet<number>;
  /** The app's origin, e.g. `app://studio`. */
  origin: string;
}

/** The origin of a URL, spelled for custom schemes too (WHATWG gives `null` for non-special schemes). */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/**
 * Electron checklist item 17 (validate the sender): the webContents is one of ours, the frame is the main
 * frame, and the frame shows our origin. All three: an iframe or a navigated page of a trusted window fails.
 */
export function ipcSenderPolicy(options: IpcTrustOptions): SenderPolicy {
  return (sender: SenderInfo) =>
    sender.kind === 'ipc' &&
    options.trustedIds().has(sender.webContentsId) &&
    sender.isMainFrame &&
    originOf(sender.frameUrl) === options.origin;
}

/** The loopback host checks token, Host and Origin before dispatching; IPC senders never reach it. */
export const hostSenderPolicy: SenderPolicy = (sender) => sender.kind === 'host';
