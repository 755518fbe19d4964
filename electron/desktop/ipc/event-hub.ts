import type { EventName, EventPayload } from '../../../shared/ipc';

/** Where handlers send main → renderer events; the faces (windows, SSE clients) subscribe. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventHub extends EventSink {
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

/**
 * A fan-out: one emitter (the handlers), any number of faces. A listener that throws (a destroyed window)
 * must not stop the others, so each call is isolated.
 */
export function createEventHub(onListenerError: (e: unknown) => void = () => undefined): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
