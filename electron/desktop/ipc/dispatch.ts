import { z } from 'zod';
import { toErrorData, type StudioErrorData } from '../../../shared/errors';
import { contract, isChannelName, type ChannelName, type IpcResult } from '../../../shared/ipc';
import type { CallContext, Handlers } from './handlers';

/** Who is calling. IPC senders carry their frame; the loopback host vouches for its callers (token checked). */
export type SenderInfo =
  | { kind: 'ipc'; webContentsId: number; frameUrl: string | undefined; isMainFrame: boolean }
  | { kind: 'host' };

export type SenderPolicy = (sender: SenderInfo) => boolean;

export interface DispatchOptions {
  /** Which senders may call at all. */
  isTrusted: SenderPolicy;
  /** Check outputs against the contract too (dev and tests), so drift shows up before the UI sees it. */
  validateOutput: boolean;
  /** Where bugs (non-StudioError throws) are reported; never receives inputs, which may hold a password. */
  logBug?: (channel: string, e: unknown) => void;
}

export type Dispatch = (
  channel: string,
  rawInput: unknown,
  sender: SenderInfo,
  ctx?: CallContext,
) => Promise<IpcResult<unknown>>;

function fail(error: StudioErrorData): IpcResult<never> {
  return { ok: false, error };
}

/**
 * The one wrapper every call goes through, whichever face it came from: sender check, input `safeParse`,
 * the handler, optional output `safeParse`, and the `{ ok, value | error }` envelope. Errors cross as
 * data because Electron strips thrown errors to a string.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  const logBug = options.logBug ?? ((channel, e) => console.error(`[ipc] ${channel} failed:`, e));
  return async (channel, rawInput, sender, ctx = {}) => {
    if (!isChannelName(channel)) {
      return fail({ code: 'BAD_INPUT', message: `Unknown channel "${String(channel).slice(0, 100)}".` });
    }
    if (!options.isTrusted(sender)) {
      return fail({ code: 'DENIED', message: `Refused "${channel}" from an untrusted sender.` });
    }
    const parsed = contract[channel].input.safeParse(rawInput);
    if (!parsed.success) {
      return fail({ code: 'BAD_INPUT', message: `Invalid input for "${channel}": ${z.prettifyError(parsed.error)}` });
    }
    let value: unknown;
    try {
      value = await runHandler(handlers, channel, parsed.data, ctx);
    } catch (e) {
      const error = toErrorData(e);
      if (error.code === 'INTERNAL') logBug(channel, e);
      return fail(error);
    }
    if (options.validateOutput) {
      const out = contract[channel].output.safeParse(value);
      if (!out.success) {
        const message = `Output of "${channel}" breaks the contract: ${z.prettifyError(out.error)}`;
        logBug(channel, new Error(message));
        return fail({ code: 'INTERNAL', message, hint: 'This is a bug in Manifest Studio; please report it.' });
      }
    }
    return { ok: true, value };
  };
}

/**
 * TypeScript cannot correlate `contract[C].input` with `handlers[C]` across a union of channels, so the
 * call is made through a function type that takes what the schema just produced.
 */
function runHandler(handlers: Handlers, channel: ChannelName, input: unknown, ctx: CallContext): Promise<unknown> {
  const handler = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
  return handler(input, ctx);
}
