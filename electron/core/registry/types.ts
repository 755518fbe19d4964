import type { RegistrySettings } from '../settings';
import type { TcpSockets } from '../net';

/** A credential for one registry (same shape as the credentials module's). */
export interface Credential {
  username?: string;
  password?: string;
  /** OAuth refresh token (docker `identitytoken`). */
  identityToken?: string;
  /** Ready-to-use bearer token (docker `registrytoken`). */
  registryToken?: string;
}

/** A repository: docker-normalised domain (`docker.io`, `127.0.0.1:5000`) and path (`library/alpine`). */
export interface RepoRef {
  domain: string;
  path: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * Open up to this many extra connections to the registry while this request is in flight (TCP and TLS
   * handshakes only, no HTTP request: nothing a rate limit counts), for requests the caller expects to
   * send right after it, e.g. a list's children. Unused ones are closed with the client.
   */
  preconnect?: number;
}

export interface RetryOptions {
  /** Total attempts including the first (default 4). */
  attempts: number;
  /** Upper bound for any single wait, including `Retry-After` (default 10 s). */
  maxDelayMs: number;
}

/** How many requests to one registry host are in flight at once unless the client is told otherwise. */
export const DEFAULT_CONCURRENCY_PER_HOST = 16;

export interface RegistryClientOptions {
  credentials: (domain: string) => Promise<Credential | undefined>;
  /** Why no credentials were found for `domain` although some should have been (a helper failed). */
  credentialProblem?: (domain: string) => string | undefined;
  settings: RegistrySettings;
  /** Hosts given `--insecure`: TLS verification off and plain HTTP allowed. */
  insecureHosts?: string[];
  userAgent?: string;
  /** Concurrent requests per registry host (default DEFAULT_CONCURRENCY_PER_HOST). */
  maxConcurrencyPerHost?: number;
  /** Connect, response-headers and body-idle timeout, each (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** docker's certs dir; `/etc/docker/certs.d` when undefined, `null` to ignore it. */
  certsDir?: string | null;
  /** `NODE_EXTRA_CA_CERTS`, trusted also by hosts that have CAs of their own (see TrustedRoots). */
  extraCaFile?: string;
  /** Connections opened before the client existed (the CLI launcher's; see TransportOptions.earlySockets). */
  earlySockets?: TcpSockets;
}

export interface ManifestResult {
  /** The exact bytes the registry sent. */
  bytes: Uint8Array;
  /** Content-Type without parameters. */
  mediaType: string;
  /** Computed locally over `bytes`. */
  digest: string;
  size: number;
}

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
}

export interface BlobStream {
  size: number;
  /** Verified against the digest when it ends; throws DIGEST_MISMATCH otherwise. */
  stream: AsyncIterable<Uint8Array>;
}

export type BlobSource = Uint8Array | (() => AsyncIterable<Uint8Array>);

export interface UploadOptions extends RequestOptions {
  /** Upload in PATCH chunks of this size when the blob is larger; monolithic otherwise. */
  chunkSize?: number;
  onProgress?: (bytesSent: number) => void;
}

export type MountResult = 'mounted' | 'not-mounted';

export interface LoginResult {
  /** What kind of auth the registry asked for. */
  auth: 'none' | 'basic' | 'bearer';
  /** A refresh token the token server issued for this login (`docker login` stores it instead of the password). */
  identityToken?: string;
}
