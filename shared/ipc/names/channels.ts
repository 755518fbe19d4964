/**
 * The names that may cross the boundary, with no imports at all: the sandboxed preload bundles this file
 * for its allow-list and must not pull zod or the schemas in. `contract.ts` checks at compile time that its
 * maps have exactly these keys, so the two lists cannot drift.
 */
export const CHANNEL_NAMES = [
  'registry.inspect',
  'drafts.list',
  'drafts.get',
  'drafts.create',
  'drafts.fromRemote',
  'drafts.add',
  'drafts.remove',
  'drafts.setPlatform',
  'drafts.reorder',
  'drafts.setMediaType',
  'drafts.setAnnotations',
  'drafts.delete',
  'push.plan',
  'push.start',
  'operations.cancel',
  'credentials.list',
  'credentials.login',
  'credentials.logout',
  'credentials.test',
  'settings.getRegistries',
  'settings.setRegistry',
  'app.info',
] as const;

export const EVENT_NAMES = ['operation.progress', 'operation.done', 'drafts.changed'] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const channelSet: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isChannelName(s: unknown): s is ChannelName {
  return typeof s === 'string' && channelSet.has(s);
}

export function isEventName(s: unknown): s is EventName {
  return typeof s === 'string' && eventSet.has(s);
}
