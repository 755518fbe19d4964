/** The commands timed in every scenario, all reading the same 12-platform list. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Contender } from './runner';
import type { Scenario } from './scenarios';

export const LAUNCHER_COLD = 'ours: launcher, cold cache';
export const BUNDLE_COLD = 'ours: plain bundle, cold cache';
export const LAUNCHER_WARM = 'ours: launcher, warm cache';
export const DOCKER = 'docker manifest';

export interface ContenderPaths {
  root: string;
  /** Per-scenario content caches go below this directory. */
  cacheRoot: string;
  /** A settings file that does not exist: ours runs with its defaults, not the machine's settings. */
  settings: string;
}

/** Ours with its content cache in `cache`, emptied before every run when `cold`. */
function ours(name: string, command: string[], s: Scenario, paths: ContenderPaths, cache: string, cold: boolean): Contender {
  return {
    name,
    role: 'ours',
    argv: [...command, '--config', s.configDir, 'inspect', '--verbose', '--insecure', s.ref],
    env: { MANIFEST_STUDIO_SETTINGS: paths.settings, MANIFEST_STUDIO_CACHE: cache },
    expectEntries: s.entries,
    ...(cold ? { before: () => rmSync(cache, { recursive: true, force: true }) } : { prime: true }),
  };
}

export function contendersFor(s: Scenario, paths: ContenderPaths, tools: { docker: boolean; skopeo: boolean }): Contender[] {
  const cache = (kind: string): string => join(paths.cacheRoot, `${s.id}-${kind}`);
  // The installed command, run as a shell runs it (through its shebang), as docker's binary is.
  const launcher = [join(paths.root, 'bin', 'manifest-studio.js')];
  const bundle = [process.execPath, join(paths.root, 'out', 'cli', 'manifest-studio.js')];
  const list: Contender[] = [
    ours(LAUNCHER_COLD, launcher, s, paths, cache('cold'), true),
    ours(BUNDLE_COLD, bundle, s, paths, cache('bundle-cold'), true),
    ours(LAUNCHER_WARM, launcher, s, paths, cache('warm'), false),
  ];
  if (tools.docker) {
    list.push({
      name: DOCKER, role: 'docker', expectEntries: s.entries,
      argv: ['docker', 'manifest', 'inspect', '--verbose', '--insecure', s.ref], env: { DOCKER_CONFIG: s.configDir },
    });
  }
  if (tools.skopeo) {
    // skopeo has no "every child with its config" command; its closest reads are listed for scale.
    const skopeo = ['skopeo', 'inspect', '--tls-verify=false', `--authfile=${s.authFile}`];
    list.push({ name: 'skopeo --raw, list only (not equivalent)', role: 'other', argv: [...skopeo, '--raw', `docker://${s.ref}`] });
    list.push({ name: 'skopeo, one platform (not equivalent)', role: 'other', argv: [...skopeo, `docker://${s.ref}`] });
  }
  return list;
}
