/** Public face of `core/drafts`: docker's draft store plus our sidecar extras. */
export { DraftStore, type DraftSummary } from './draft-store';
export { decodeEntryFile, encodeEntryFile, type DraftEntry, type DraftEntryInput } from './entry-file';
export { draftMetaSchema, type DraftMeta } from './sidecar';
export { guessRefFromSafeName, storeSafeName } from './safe-name';
