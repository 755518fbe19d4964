import { Authenticator } from './auth';
import { blobExists, getBlob, mountBlob, openBlob, type GetBlobOptions } from './blobs';
import { RegistryCaller } from './caller';
import { Endpoints } from './endpoints';
import { checkLogin } from './login';
import { getManifest, headManifest, putManifest } from './manifests';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './retry';
import { listTags, type ListTagsOptions } from './tags';
import { Transport } from './transport';
import { TrustedRoots } from './trusted-roots';
import { uploadBlob } from './upload';
import type {
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
  UploadOptions,
} from './types';
import { DEFAULT_CONCURRENCY_PER_HOST } from './types';

/**
 * The registry client: every request of the app and the CLI goes through one of these, on one
 * shared undici Agent (keep-alive), with per-host concurrency, retries, auth and typed errors.
 */
export class RegistryClient {
  private readonly caller: RegistryCaller;

  constructor(opts: RegistryClientOptions) {
    const transport = new Transport({
      userAgent: opts.userAgent ?? 'manifest-studio',
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxConcurrencyPerHost: opts.maxConcurrencyPerHost ?? DEFAULT_CONCURRENCY_PER_HOST,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      trust: new TrustedRoots(opts.extraCaFile),
      ...(opts.earlySockets ? { earlySockets: opts.earlySockets } : {}),
    });
    const endpoints = new Endpoints(transport, {
      settings: opts.settings,
      insecureHosts: opts.insecureHosts ?? [],
      certsDir: opts.certsDir === undefined ? defaultCertsDirFor(process.platform) : opts.certsDir,
    });
    this.caller = new RegistryCaller(transport, endpoints, new Authenticator(transport, endpoints, opts.credentials), opts.credentialProblem);
  }

  getManifest(repo: RepoRef, ref: string, opts?: RequestOptions): Promise<ManifestResult> {
    return getManifest(this.caller, repo, ref, opts);
  }

  headManifest(repo: RepoRef, ref: string, opts?: RequestOptions): Promise<ManifestHead | undefined> {
    return headManifest(this.caller, repo, ref, opts);
  }

  getBlob(repo: RepoRef, digest: string, opts?: GetBlobOptions): Promise<Uint8Array> {
    return getBlob(this.caller, repo, digest, opts);
  }

  openBlob(repo: RepoRef, digest: string, opts?: RequestOptions): Promise<BlobStream> {
    return openBlob(this.caller, repo, digest, opts);
  }

  blobExists(repo: RepoRef, digest: string, opts?: RequestOptions): Promise<number | undefined> {
    return blobExists(this.caller, repo, digest, opts);
  }

  mountBlob(target: RepoRef, fromPath: string, digest: string, opts?: RequestOptions): Promise<MountResult> {
    return mountBlob(this.caller, target, fromPath, digest, opts);
  }

  uploadBlob(repo: RepoRef, digest: string, size: number, source: BlobSource, opts?: UploadOptions): Promise<void> {
    return uploadBlob(this.caller, repo, digest, size, source, opts);
  }

  putManifest(repo: RepoRef, ref: string, bytes: Uint8Array, mediaType: string, opts?: RequestOptions): Promise<string> {
    return putManifest(this.caller, repo, ref, bytes, mediaType, opts);
  }

  listTags(repo: RepoRef, opts?: ListTagsOptions): Promise<string[]> {
    return listTags(this.caller, repo, opts);
  }

  checkLogin(domain: string, credential: Credential, opts?: RequestOptions): Promise<LoginResult> {
    return checkLogin(this.caller, domain, credential, opts);
  }

  /** Drops cached credentials and tokens for a registry (after login or logout). */
  forgetCredentials(domain: string): void {
    this.caller.auth.forget(domain);
  }

  close(): Promise<void> {
    return this.caller.transport.close();
  }
}

function defaultCertsDirFor(platform: NodeJS.Platform): string | null {
  // Only Linux has a fixed system path; elsewhere callers pass one (from settings' defaultCertsDir).
  return platform === 'linux' ? '/etc/docker/certs.d' : null;
}
