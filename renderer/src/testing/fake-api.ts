import type { StudioErrorData } from '../../../shared/errors';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../shared/ipc/contract';
import { ApiError } from '../api/api-error';
import type { StudioApi } from '../server-state';

export type FakeHandlers = {
  [C in ChannelName]?: (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface FakeApi extends StudioApi {
  calls: { channel: ChannelName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
}

/** Rejects the way the real api does when main answers `ok: false`. */
export function fail(data: StudioErrorData): never {
  throw new ApiError(data);
}

/**
 * A stand-in for main: answers from `handlers`, records every call, lets the test emit events. A channel
 * without a handler fails loudly, so a component calling something unexpected shows up in the test.
 */
export function createFakeApi(handlers: FakeHandlers): FakeApi {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      calls.push({ channel, input });
      const h = handlers[channel] as ((i: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>) | undefined;
      if (h === undefined) throw new ApiError({ code: 'INTERNAL', message: `fake api: no handler for ${channel}` });
      return h(input);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (set === undefined) listeners.set(event, (set = new Set()));
      const fn = listener as (p: unknown) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
    emit(event, payload) {
      for (const fn of listeners.get(event) ?? []) fn(payload);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
