import { BRIDGE_KEY, type StudioBridge } from '../../../shared/ipc';

/** The preload's bridge, when the page runs inside the Electron window. */
export function findElectronBridge(win: object): StudioBridge | undefined {
  const candidate: unknown = Reflect.get(win, BRIDGE_KEY);
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const invoke: unknown = Reflect.get(candidate, 'invoke');
  const on: unknown = Reflect.get(candidate, 'on');
  // contextBridge hands over a frozen proxy object; checking the two functions is enough to trust the shape.
  return typeof invoke === 'function' && typeof on === 'function' ? (candidate as StudioBridge) : undefined;
}
