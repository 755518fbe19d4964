// Nothing in this folder imports `electron` (Electron's objects are described structurally in
// register-ipc.ts), so the loopback host reuses the very dispatch the window uses, in plain Node.
export { createDispatch } from './dispatch';
export type { Dispatch, DispatchOptions, SenderInfo, SenderPolicy } from './dispatch';
export { createHandlers } from './handlers';
export type { CallContext, HandlerOptions, Handlers } from './handlers';
export { createEventHub } from './event-hub';
export type { EventHub, EventListener, EventSink } from './event-hub';
export { Operations } from './operations';
export type { OperationRun } from './operations';
export { hostSenderPolicy, ipcSenderPolicy, originOf } from './sender-policy';
export type { IpcTrustOptions } from './sender-policy';
export { registerIpc, senderOf, sendToWindows } from './register-ipc';
export type { IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from './register-ipc';
