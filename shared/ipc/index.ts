export { BRIDGE_KEY, CHANNEL_NAMES, EVENT_NAMES, TOKEN_HEADER, isChannelName, isEventName } from './names';
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
export { OPERATION_LABELS, OperationDoneSchema, OperationProgressSchema } from './operations';
export type { OperationDone, OperationKind, OperationProgress, OutcomeOf, ProgressOf } from './operations';
export type { IpcResult, StudioBridge } from './bridge';
