import type {
  ConnectionReport,
  DraftSummary,
  DraftView,
  InspectResult,
  PlatformPatch,
  PushOutcome,
  PushPlan,
  PushProgress,
  RegistryLoginDto,
  LoginsDto,
  RegistryTlsSettings,
} from '../../../shared/model';
import { type LoginStore } from '../../core/operations';

/** Common options of every call that may touch the network. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * What the app's faces (Electron IPC and the loopback host) can ask of the core. Every method takes and
 * returns plain data from `shared/model.ts`; failures are thrown as `StudioError` and turned into data by the
 * IPC wrapper. Drafts live in docker's store, so docker, the CLI and the app see the same state.
 */
export interface AppService {
  /** Inspect a local draft or a remote image, list or index; lists come with every child and its config. */
  inspect(ref: string, options?: CallOptions): Promise<InspectResult>;

  listDrafts(): Promise<DraftSummary[]>;
  getDraft(ref: string): Promise<DraftView>;
  /** Create an empty draft (docker's store allows that: an empty directory). */
  createDraft(ref: string): Promise<DraftView>;
  /** Copy a remote list into a new draft: one entry per platform image (attestations kept in the sidecar). */
  draftFromRemote(remoteRef: string, draftRef: string, options?: CallOptions): Promise<DraftView>;
  /**
   * Add images to a draft. A reference to a list adds the children whose platform key is in `platforms`
   * (all platform children when omitted); a single image is added with its config's platform.
   */
  addToDraft(
    draftRef: string,
    imageRef: string,
    platforms?: string[],
    options?: CallOptions,
  ): Promise<DraftView>;
  removeFromDraft(draftRef: string, entryRef: string): Promise<DraftView>;
  /** Overwrite platform fields of one entry; `os.features` replaces the list (unlike docker's append). */
  setPlatform(draftRef: string, entryRef: string, patch: PlatformPatch): Promise<DraftView>;
  /** Set the row order pushed (stored in the sidecar; docker ignores it and uses file-name order). */
  reorderDraft(draftRef: string, entryRefs: string[]): Promise<DraftView>;
  setDraftMediaType(
    draftRef: string,
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json' | 'application/vnd.oci.image.index.v1+json' | null,
  ): Promise<DraftView>;
  setAnnotations(
    draftRef: string,
    target: { kind: 'index' } | { kind: 'entry'; entryRef: string },
    annotations: Record<string, string>,
  ): Promise<DraftView>;
  deleteDraft(ref: string): Promise<void>;

  /** What a push of this draft to `target` (default: the draft's own name) would do, without writing. */
  planPush(draftRef: string, target?: string, options?: CallOptions): Promise<PushPlan>;
  /** Push the draft; progress is reported through `onProgress`, `signal` cancels every request. */
  push(
    draftRef: string,
    options: CallOptions & { target?: string; purge?: boolean; onProgress?: (p: PushProgress) => void },
  ): Promise<PushOutcome>;

  /** docker's logins and, in the window, the app's own (`source: 'app'`); never a secret. */
  listLogins(): Promise<LoginsDto>;
  /**
   * Verifies the credentials against the registry, then saves them: `store` 'docker' (default) the way
   * `docker login` does, 'app' in the Manifest Studio keychain (this app only; BAD_INPUT where the face
   * has no app store, i.e. the loopback host).
   */
  login(registry: string, username: string, password: string, options?: CallOptions & { store?: LoginStore }): Promise<RegistryLoginDto>;
  /** Removes the registry's login from the app's keychain store (if any) and from docker's store. */
  logout(registry: string): Promise<void>;
  testConnection(registry: string, options?: CallOptions): Promise<ConnectionReport>;
  getRegistrySettings(): Promise<Record<string, RegistryTlsSettings>>;
  setRegistrySettings(registry: string, settings: RegistryTlsSettings | null): Promise<Record<string, RegistryTlsSettings>>;
}
