/**
 * Public face of `shared/ipc/names`: what may cross the boundary, by name, with no imports at all. The
 * sandboxed preload bundles only this for its allow-list, so zod and the schemas stay out of it.
 */
export { CHANNEL_NAMES, EVENT_NAMES, isChannelName, isEventName, type ChannelName, type EventName } from './channels';
export { BRIDGE_KEY, TOKEN_HEADER } from './keys';
