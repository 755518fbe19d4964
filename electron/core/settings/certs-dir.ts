import { readdir, readFile } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import { StudioError } from '../../../shared/errors';
import { errText, isNotFound } from './settings';

/** TLS material docker reads from `<certsdir>/<host[:port]>/` (docs/docker-behavior.md §5.3). */
export interface CertsDirMaterial {
  /** Extra CA roots (`*.crt`), PEM text, added to the system roots. */
  ca: string[];
  /** Client certificate pair (`*.cert` + matching `*.key`), PEM text. */
  clientCerts: { cert: string; key: string }[];
}

/** docker's default certs dir: `/etc/docker/certs.d`, rootless `$XDG_CONFIG_HOME/docker/certs.d`, Windows `%ProgramData%`. */
export function defaultCertsDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') {
    return win32.join(env['ProgramData'] || 'C:\\ProgramData', 'docker', 'certs.d');
  }
  if (env['ROOTLESSKIT_STATE_DIR']) {
    return posix.join(env['XDG_CONFIG_HOME'] || posix.join(home, '.config'), 'docker', 'certs.d');
  }
  return '/etc/docker/certs.d';
}

/**
 * Reads `*.crt`, `*.cert`/`*.key` for a host the way docker does: a missing folder is no material,
 * any other read error is fatal (docker/cli#1358), an unpaired cert or key is an error.
 */
export async function loadCertsDir(
  certsDir: string,
  host: string,
  platform: NodeJS.Platform = process.platform,
): Promise<CertsDirMaterial> {
  // Windows folder names cannot hold ':', so docker drops it there.
  const dir = join(certsDir, platform === 'win32' ? host.replace(/:/g, '') : host);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    if (isNotFound(e)) return { ca: [], clientCerts: [] };
    throw tlsSetup(`cannot read certificates directory ${dir}: ${errText(e)}`, e);
  }
  const material: CertsDirMaterial = { ca: [], clientCerts: [] };
  for (const name of names) {
    if (name.endsWith('.crt')) {
      material.ca.push(await readPem(join(dir, name)));
    } else if (name.endsWith('.cert')) {
      const keyName = name.slice(0, -'.cert'.length) + '.key';
      if (!names.includes(keyName)) {
        throw tlsSetup(
          `missing key ${keyName} for client certificate ${name} in ${dir}. CA certificates must use the extension .crt`,
        );
      }
      material.clientCerts.push({ cert: await readPem(join(dir, name)), key: await readPem(join(dir, keyName)) });
    } else if (name.endsWith('.key')) {
      const certName = name.slice(0, -'.key'.length) + '.cert';
      if (!names.includes(certName)) {
        throw tlsSetup(`missing client certificate ${certName} for key ${name} in ${dir}`);
      }
    }
  }
  return material;
}

async function readPem(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw tlsSetup(`cannot read ${path}: ${errText(e)}`, e);
  }
}

function tlsSetup(message: string, cause?: unknown): StudioError {
  return new StudioError('TLS', message, {
    hint: 'Fix the files under the docker certs directory (see `docker` documentation on certs.d).',
    cause,
  });
}
