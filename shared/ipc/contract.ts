import { z } from 'zod';
import {
  ConnectionReportSchema,
  DraftSummarySchema,
  DraftViewSchema,
  InspectResultSchema,
  ListMediaTypeSchema,
  LoginStoreSchema,
  LoginsSchema,
  PlatformPatchSchema,
  PushPlanSchema,
  RegistryLoginSchema,
  RegistryTlsSettingsSchema,
} from '../model';
import type { ChannelName as ListedChannel, EventName as ListedEvent } from './names';
import { OperationDoneSchema, OperationProgressSchema } from './operations';

/**
 * The one contract between the renderer and main (Electron IPC and the loopback host carry the same
 * map). Every channel is `domain.verb` with a zod schema for its input and its output; inputs are strict
 * objects so a typo in a field name is refused at the boundary instead of silently dropped.
 */

const Ref = z.string().min(1).max(1024);
const Empty = z.strictObject({});
/** Channels with nothing to return answer `null`: `undefined` does not survive JSON. */
const Nothing = z.null();
const Annotations = z.record(z.string(), z.string());
const RegistrySettingsMap = z.record(z.string(), RegistryTlsSettingsSchema);

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which face serves the UI: the Electron window or a browser through the loopback host. */
  face: z.enum(['desktop', 'browser']),
  /** `process.platform` of main (the renderer may not read it itself). */
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): { input: I; output: O } {
  return { input, output };
}

export const contract = {
  'registry.inspect': channel(z.strictObject({ ref: Ref }), InspectResultSchema),

  'drafts.list': channel(Empty, z.array(DraftSummarySchema)),
  'drafts.get': channel(z.strictObject({ ref: Ref }), DraftViewSchema),
  'drafts.create': channel(z.strictObject({ ref: Ref }), DraftViewSchema),
  'drafts.fromRemote': channel(z.strictObject({ remoteRef: Ref, draftRef: Ref }), DraftViewSchema),
  'drafts.add': channel(
    z.strictObject({ draftRef: Ref, imageRef: Ref, platforms: z.array(z.string()).optional() }),
    DraftViewSchema,
  ),
  'drafts.remove': channel(z.strictObject({ draftRef: Ref, entryRef: Ref }), DraftViewSchema),
  'drafts.setPlatform': channel(
    z.strictObject({ draftRef: Ref, entryRef: Ref, patch: PlatformPatchSchema }),
    DraftViewSchema,
  ),
  'drafts.reorder': channel(z.strictObject({ draftRef: Ref, entryRefs: z.array(Ref) }), DraftViewSchema),
  /** `null` hands the choice back to docker's rule (the first entry's media type decides). */
  'drafts.setMediaType': channel(
    z.strictObject({ draftRef: Ref, mediaType: ListMediaTypeSchema.nullable() }),
    DraftViewSchema,
  ),
  'drafts.setAnnotations': channel(
    z.strictObject({
      draftRef: Ref,
      target: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('index') }),
        z.strictObject({ kind: z.literal('entry'), entryRef: Ref }),
      ]),
      annotations: Annotations,
    }),
    DraftViewSchema,
  ),
  'drafts.delete': channel(z.strictObject({ ref: Ref }), Nothing),

  'push.plan': channel(z.strictObject({ draftRef: Ref, target: Ref.optional() }), PushPlanSchema),
  /** A long operation (see operations.ts): returns at once; progress and the result arrive as events. */
  'push.start': channel(
    z.strictObject({ draftRef: Ref, target: Ref.optional(), purge: z.boolean().optional() }),
    z.object({ operationId: z.string() }),
  ),

  /** Every login, and the credential helpers that failed (their logins are missing, requests go without them). */
  'credentials.list': channel(Empty, LoginsSchema),
  /** The password goes renderer → main only; nothing secret ever comes back. `store` defaults to 'docker'. */
  'credentials.login': channel(
    z.strictObject({
      registry: z.string().min(1),
      username: z.string().min(1),
      password: z.string().min(1),
      store: LoginStoreSchema.optional(),
    }),
    RegistryLoginSchema,
  ),
  'credentials.logout': channel(z.strictObject({ registry: z.string().min(1) }), Nothing),
  'credentials.test': channel(z.strictObject({ registry: z.string().min(1) }), ConnectionReportSchema),

  'settings.getRegistries': channel(Empty, RegistrySettingsMap),
  /** `settings: null` removes the registry's entry. */
  'settings.setRegistry': channel(
    z.strictObject({ registry: z.string().min(1), settings: RegistryTlsSettingsSchema.nullable() }),
    RegistrySettingsMap,
  ),

  /** Stops a long operation of any kind; `cancelled` is false when none with that id is running. */
  'operations.cancel': channel(z.strictObject({ operationId: z.string() }), z.object({ cancelled: z.boolean() })),

  'app.info': channel(Empty, AppInfoSchema),
} as const;

/** Events main sends to every window (and every SSE client of the loopback host). */
export const events = {
  'operation.progress': OperationProgressSchema,
  'operation.done': OperationDoneSchema,
  /** Something changed a draft (this window, another window, or a push with purge); refetch it. */
  'drafts.changed': z.object({ ref: z.string() }),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.infer<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Contract[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

// The maps must have exactly the names in channels.ts (the preload's allow-list): a drift fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Same<ChannelName, ListedChannel> = true;
const eventsMatch: Same<EventName, ListedEvent> = true;
void channelsMatch;
void eventsMatch;
