export { RegistryClient } from './client';
export { ContentCache } from './content-cache';
export { contentCacheDir } from './content-cache-paths';
export { parseWwwAuthenticate } from './challenge';
export type { Challenge } from './challenge';
export { parseRetryAfter } from './retry';
export type { GetBlobOptions } from './blobs';
export type { ListTagsOptions } from './tags';
export type {
  BlobSource,
  BlobStream,
  Credential,
  LoginResult,
  ManifestHead,
  ManifestResult,
  MountResult,
  RegistryClientOptions,
  RepoRef,
  RequestOptions,
  RetryOptions,
  UploadOptions,
} from './types';
