/**
 * docker's on-disk draft store, `<configdir>/manifests/` (docs/docker-behavior.md §3), shared with the
 * docker CLI: one directory per draft list, one entry file per image. We write what docker 28.2.2 writes,
 * read what any version wrote, and never modify or delete a file we cannot parse.
 */
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/errors';
import { compareUtf8, digestLike, goJsonCompactBytes, payloadKindFor } from '../formats';
import { TEMP_PREFIX, writeFileAtomic } from '../files';
import { decodeEntryFile, encodeEntryFile, type DraftEntry, type DraftEntryInput } from './entry-file';
import { draftsRoot, guessRefFromSafeName, storeSafeName } from './safe-name';
import { draftMetaSchema, encodeMeta, readMetaFile, type DraftMeta } from './sidecar';

export interface DraftSummary {
  /** Directory name under `<configdir>/manifests/`. */
  safeName: string;
  /** The list reference: exact when our sidecar names it, else guessed from `safeName`. */
  ref: string;
  /** True when `ref` is a guess (a draft docker made, or one whose sidecar is missing). */
  refGuessed: boolean;
  /** Files in the directory (docker treats every one as an entry). */
  entryCount: number;
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function notFound(listRef: string): StudioError {
  return new StudioError('DRAFT_NOT_FOUND', `No such manifest: ${listRef}`, {
    hint: `Create it with \`manifest-studio create ${listRef} IMAGE...\`.`,
  });
}

export class DraftStore {
  /** `<configdir>/manifests`, docker's store root. */
  readonly root: string;
  /** `<configdir>/manifest-studio/drafts`, our sidecars. */
  readonly metaDir: string;

  constructor(configDir: string) {
    this.root = draftsRoot(configDir);
    this.metaDir = join(configDir, 'manifest-studio', 'drafts');
  }

  /** Directory of a draft list (may not exist). */
  draftDir(listRef: string): string {
    return join(this.root, storeSafeName(listRef));
  }

  /** Path of one entry file (may not exist). */
  entryPath(listRef: string, entryRef: string): string {
    return join(this.draftDir(listRef), storeSafeName(entryRef));
  }

  private metaPath(listRef: string): string {
    return join(this.metaDir, `${storeSafeName(listRef)}.json`);
  }

  /** A draft exists iff its directory does, even when empty (docs/docker-behavior.md §3.2). */
  async exists(listRef: string): Promise<boolean> {
    try {
      return (await stat(this.draftDir(listRef))).isDirectory();
    } catch (e) {
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return false;
      throw e;
    }
  }

  /** Creates the (empty) draft directory; a no-op when it exists. */
  async create(listRef: string): Promise<void> {
    await mkdir(this.draftDir(listRef), { recursive: true, mode: 0o755 });
  }

  /** Every draft directory, sorted by name, with the list reference as well as we know it. */
  async list(): Promise<DraftSummary[]> {
    let dirents: Dirent[];
    try {
      dirents = await readdir(this.root, { withFileTypes: true });
    } catch (e) {
      if (errno(e) === 'ENOENT') return [];
      throw e;
    }
    const dirs = dirents.filter((d) => d.isDirectory() && !d.name.startsWith(TEMP_PREFIX)).map((d) => d.name);
    dirs.sort(compareUtf8);
    return Promise.all(dirs.map((name) => this.summary(name)));
  }

  private async summary(safeName: string): Promise<DraftSummary> {
    const entryCount = (await readdir(join(this.root, safeName))).length;
    // A damaged sidecar must not hide the draft; it is reported when the draft itself is opened.
    const meta = await readMetaFile(join(this.metaDir, `${safeName}.json`)).catch(() => undefined);
    if (meta && storeSafeName(meta.ref) === safeName) return { safeName, ref: meta.ref, refGuessed: false, entryCount };
    return { safeName, ref: guessRefFromSafeName(safeName), refGuessed: true, entryCount };
  }

  /** All entries in docker's order: file names sorted bytewise (docs/docker-behavior.md §3.2). */
  async readEntries(listRef: string): Promise<DraftEntry[]> {
    const dir = this.draftDir(listRef);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if (errno(e) === 'ENOENT') throw notFound(listRef);
      throw e;
    }
    names.sort(compareUtf8);
    const entries: DraftEntry[] = [];
    for (const name of names) entries.push(await this.readFile(join(dir, name), name));
    return entries;
  }

  /** One entry, or undefined when the draft or the entry does not exist. */
  async readEntry(listRef: string, entryRef: string): Promise<DraftEntry | undefined> {
    const path = this.entryPath(listRef, entryRef);
    try {
      return await this.readFile(path, storeSafeName(entryRef));
    } catch (e) {
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return undefined;
      throw e;
    }
  }

  private async readFile(path: string, fileName: string): Promise<DraftEntry> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (e) {
      if (errno(e) === 'EISDIR') {
        throw new StudioError('DRAFT_CORRUPT', `invalid manifest file ${path}: is a directory, not a manifest entry`, {
          hint: 'docker cannot read this draft either. Move the directory out of the draft; Manifest Studio never deletes it.',
        });
      }
      throw e;
    }
    return decodeEntryFile(bytes, path, fileName);
  }

  /**
   * Saves an entry as docker does (file named after `entry.ref`, draft directory created if needed),
   * atomically. Refuses bytes that do not match the descriptor: such a file would be corrupt.
   */
  async writeEntry(listRef: string, entry: DraftEntryInput): Promise<DraftEntry> {
    const actual = digestLike(entry.raw, entry.descriptor.digest);
    if (actual !== entry.descriptor.digest || entry.raw.length !== entry.descriptor.size) {
      throw new StudioError(
        'DIGEST_MISMATCH',
        `refusing to save ${entry.ref}: manifest bytes (${actual ?? 'unsupported digest'}, ${entry.raw.length} bytes) do not match descriptor ${entry.descriptor.digest} (${entry.descriptor.size} bytes)`,
        { hint: 'This is a bug in Manifest Studio; please report it.' },
      );
    }
    const payloadKind = entry.payloadKind ?? payloadKindFor(entry.descriptor.mediaType);
    // docker re-saves the payload it read (its canonical bytes), which for a fresh entry is compact(raw).
    const payload = goJsonCompactBytes(entry.payload ?? entry.raw, true);
    const fileName = storeSafeName(entry.ref);
    await mkdir(this.draftDir(listRef), { recursive: true, mode: 0o755 });
    const bytes = encodeEntryFile({ ...entry, payloadKind, payload });
    await writeFileAtomic(this.root, join(this.draftDir(listRef), fileName), bytes);
    const saved: DraftEntry = { fileName, ref: entry.ref, descriptor: entry.descriptor, raw: entry.raw, payloadKind, payload };
    if (entry.rawReconstructed) saved.rawReconstructed = true;
    return saved;
  }

  /** Deletes one entry file. */
  async removeEntry(listRef: string, entryRef: string): Promise<void> {
    if (!(await this.exists(listRef))) throw notFound(listRef);
    try {
      await unlink(this.entryPath(listRef, entryRef));
    } catch (e) {
      if (errno(e) === 'ENOENT') {
        throw new StudioError('ENTRY_NOT_FOUND', `No such manifest: ${entryRef}`, {
          hint: `${entryRef} is not part of ${listRef}.`,
        });
      }
      throw e;
    }
  }

  /** Deletes a draft directory and its sidecar (docker `manifest rm`). */
  async remove(listRef: string): Promise<void> {
    if (!(await this.exists(listRef))) throw notFound(listRef);
    await rm(this.draftDir(listRef), { recursive: true, force: true });
    await rm(this.metaPath(listRef), { force: true });
  }

  /** Our extras for a draft; undefined when there are none (docker defaults apply). */
  async readDraftMeta(listRef: string): Promise<DraftMeta | undefined> {
    const meta = await readMetaFile(this.metaPath(listRef));
    // A sidecar naming another list belongs to a colliding safe name, not to this draft.
    return meta && meta.ref === listRef ? meta : undefined;
  }

  /** Saves our extras for a draft, atomically. `ref` is always set to `listRef`. */
  async writeDraftMeta(listRef: string, meta: DraftMeta): Promise<void> {
    const checked = draftMetaSchema.parse({ ...meta, ref: listRef });
    await mkdir(this.metaDir, { recursive: true, mode: 0o755 });
    await writeFileAtomic(this.metaDir, this.metaPath(listRef), encodeMeta(checked));
  }
}
