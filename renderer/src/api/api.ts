import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  StudioBridge,
} from '../../../shared/ipc';
import { ApiError } from './api-error';

/** Anything that carries the contract: `window.studio` in Electron, HTTP + SSE in a browser, a fake in tests. */
export type Transport = StudioBridge;

/** The renderer's typed face on main. */
export interface Api {
  /** Resolves with the channel's output; rejects with `ApiError` when main answers `ok: false`. */
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Subscribes to a main event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApi(transport: Transport): Api {
  return {
    async invoke(channel, input) {
      const result = await transport.invoke(channel, input);
      if (result.ok) return result.value;
      throw new ApiError(result.error);
    },
    on(event, listener) {
      return transport.on(event, listener);
    },
  };
}
