import { z } from 'zod';
import { StudioError } from '../../../shared/errors';
import { readLimited } from './body';
import { bodyError, repoPath, scope, subject, type RegistryCaller } from './caller';
import type { RepoRef, RequestOptions } from './types';

const TagList = z.object({ name: z.string().optional(), tags: z.array(z.string()).nullable().optional() });
const MAX_PAGES = 10_000;

export interface ListTagsOptions extends RequestOptions {
  /** Page size (`?n=`); the registry's default when undefined. */
  pageSize?: number;
}

/** All tags of a repository, following `Link: <…>; rel="next"` pagination. */
export async function listTags(caller: RegistryCaller, repo: RepoRef, opts: ListTagsOptions = {}): Promise<string[]> {
  const tags: string[] = [];
  let path: string | undefined = `${repoPath(repo)}/tags/list${opts.pageSize ? `?n=${opts.pageSize}` : ''}`;
  for (let page = 0; path !== undefined; page++) {
    if (page >= MAX_PAGES) throw new StudioError('REGISTRY_ERROR', `tag list of ${subject(repo)} does not end`);
    const res = await caller.call({ domain: repo.domain, method: 'GET', path, scopes: [scope(repo.path, 'pull')], signal: opts.signal });
    if (res.status !== 200) return caller.fail(res, { host: repo.domain, subject: subject(repo), kind: 'repository', action: 'pull' });
    let bytes: Uint8Array;
    try {
      bytes = await readLimited(res.body, 16 * 1024 * 1024, () => new StudioError('REGISTRY_ERROR', 'tag list page too large'));
    } catch (e) {
      throw bodyError(e, res.url, opts.signal);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      json = undefined;
    }
    const parsed = TagList.safeParse(json);
    if (!parsed.success) throw new StudioError('REGISTRY_ERROR', `registry ${repo.domain} sent an unreadable tag list for ${subject(repo)}`);
    tags.push(...(parsed.data.tags ?? []));
    path = nextLink(res.headers['link']);
  }
  return tags;
}

/** The `rel="next"` target of a `Link` header, if any. */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const v of values) {
    for (const part of v.split(/,(?=\s*<)/)) {
      const m = /^\s*<([^>]*)>(.*)$/.exec(part);
      if (m && /;\s*rel="?next"?/i.test(m[2] ?? '')) return m[1];
    }
  }
  return undefined;
}
