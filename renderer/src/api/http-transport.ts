import type { StudioErrorData } from '../../../shared/errors';
import {
  TOKEN_HEADER,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type IpcResult,
  type StudioBridge,
} from '../../../shared/ipc';

/** The parts of `EventSource` the transport uses, so tests can hand in a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export interface HttpTransportOptions {
  /** Origin of the loopback host; '' means the page's own origin. */
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
  openEvents?: (url: string) => EventSourceLike;
}

type Listener = (payload: never) => void;

function hostError(message: string): StudioErrorData {
  return {
    code: 'NETWORK',
    message,
    hint: 'Check that the Manifest Studio host is still running and open the URL it printed, with its ?token=.',
  };
}

/** Reads the envelope; anything that is not one (a 403 page, a proxy error) becomes an error value. */
async function readEnvelope(res: Response): Promise<IpcResult<unknown>> {
  const text = await res.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'ok' in body) return body as IpcResult<unknown>;
  } catch {
    // fall through: not JSON
  }
  return { ok: false, error: hostError(`The Manifest Studio host answered HTTP ${res.status}: ${text.slice(0, 200)}`) };
}

/**
 * The contract over the loopback host: `POST /api/<channel>` with the input as JSON, and one shared
 * `EventSource` on `/api/events` (opened with the first listener, closed with the last).
 */
export function createHttpTransport(options: HttpTransportOptions): StudioBridge {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const openEvents = options.openEvents ?? ((url: string) => new EventSource(url));
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSourceLike | undefined;
  const wired = new Set<string>();

  function ensureSource(event: string): void {
    source ??= openEvents(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
    if (wired.has(event)) return;
    wired.add(event);
    source.addEventListener(event, (ev) => {
      const payload: unknown = JSON.parse(ev.data);
      for (const fn of listeners.get(event) ?? []) (fn as (p: unknown) => void)(payload);
    });
  }

  const bridge: StudioBridge = {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>> {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: options.token },
          body: JSON.stringify(input),
        });
      } catch (e) {
        return { ok: false, error: hostError(`Cannot reach the Manifest Studio host: ${String(e)}`) };
      }
      // Main validated the value against the contract before sending it; the renderer trusts its own main.
      return (await readEnvelope(res)) as IpcResult<ChannelOutput<C>>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      ensureSource(event);
      return () => {
        set.delete(listener);
        const anyLeft = [...listeners.values()].some((s) => s.size > 0);
        if (!anyLeft && source) {
          source.close();
          source = undefined;
          wired.clear();
        }
      };
    },
  };
  return bridge;
}
