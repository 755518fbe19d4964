export { CHANNEL_NAMES, EVENT_NAMES, isChannelName, isEventName } from './channels';
export { contract, events, AppInfoSchema } from './contract';
export type {
  AppInfo,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  Contract,
  EventName,
  EventPayload,
  Events,
} from './contract';
export { ErrorDataSchema, ERROR_CODES } from './errors-schema';
export { BRIDGE_KEY, TOKEN_HEADER } from './bridge';
export type { IpcResult, StudioBridge } from './bridge';
