/**
 * Public face of `core/operations`: what every face does with the core (the CLI prints the results like
 * docker, the desktop service returns them as data). `createCore` binds the stores and the registry client
 * factory to one environment.
 */
export { createCore, type Core, type CoreOptions } from './create-core';
export { STUDIO_VERSION } from './request-defaults';
export { fetchReference, repoOf, toDescriptor, type Fetched, type FetchedChild, type FetchedImage, type FetchedList } from './fetch';
export { dockerCreate, prefixed, toEntry, type CreateArgs } from './create';
export { dockerAnnotate, type AnnotateArgs } from './annotate';
export { dockerRm } from './rm';
export { buildDraftList, checkSameRegistry, dockerPlatform, domainOf, draftMediaType, entryListItem, orderEntries } from './draft-list';
export { executePush, planSteps, preparePush, type PushJob, type PushRun } from './push';
export { helperAdvice, login, loginDomain, logout, type LoginStore } from './login';
