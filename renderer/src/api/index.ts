import { createApi, type Api, type Transport } from './api';
import { findElectronBridge } from './electron-transport';
import { createHttpTransport } from './http-transport';

export { createApi } from './api';
export type { Api, Transport } from './api';
export { ApiError, isApiError } from './api-error';
export { createHttpTransport } from './http-transport';
export type { EventSourceLike, HttpTransportOptions } from './http-transport';
export { findElectronBridge } from './electron-transport';

/**
 * Electron's bridge when the preload put one on `window`; otherwise the loopback host, with the token
 * from the page URL (`?token=`), which the host printed and requires on every call.
 */
export function pickTransport(win: Window = window): Transport {
  const bridge = findElectronBridge(win);
  if (bridge) return bridge;
  const token = new URL(win.location.href).searchParams.get('token') ?? '';
  return createHttpTransport({ token });
}

let shared: Api | undefined;

function sharedApi(): Api {
  shared ??= createApi(pickTransport());
  return shared;
}

/**
 * The app's api. The transport is chosen on first use, not on import, so component tests can import
 * modules that use `api` and mock it without a window bridge or a host.
 */
export const api: Api = {
  invoke: (channel, input) => sharedApi().invoke(channel, input),
  on: (event, listener) => sharedApi().on(event, listener),
};
