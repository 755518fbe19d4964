import type { StudioErrorData } from '../errors';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './contract';

/** What every call answers, over IPC and HTTP alike: errors cross as data, never as thrown strings. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: StudioErrorData };

/**
 * `window.studio`, exposed by the preload through contextBridge. The renderer declares it from here;
 * it is the only way the sandboxed page reaches main.
 */
export interface StudioBridge {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  /** Returns a function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
