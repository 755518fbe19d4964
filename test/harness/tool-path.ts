import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The programs the processes tests start may use, and nothing else: above all no `docker-credential-*`
 * helper or `pass` of the machine's, which docker's rules would pick as the default credential store.
 * A test that wants a helper puts its own directory in front of this.
 */
const TOOLS = ['npm', 'docker', 'skopeo', 'sh', 'bash', 'env', 'cat', 'tr', 'grep', 'sed', 'sleep', 'true', 'false', 'head', 'tail', 'ls', 'mkdir', 'rm', 'printf', 'dirname', 'basename', 'id', 'uname', 'setpriv'];

let made: string | undefined;

/** A PATH of one directory holding links to `node` (this one) and the TOOLS this machine has. */
export function toolPath(): string {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'studio-tools-'));
  // Readable by every user: a test may run a program as another one.
  chmodSync(dir, 0o755);
  symlinkSync(process.execPath, join(dir, 'node'));
  for (const tool of TOOLS) {
    let found: string;
    try {
      found = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    } catch {
      continue; // not on this machine: tests that need it say so themselves
    }
    if (found.startsWith('/')) symlinkSync(found, join(dir, tool));
  }
  made = dir;
  return dir;
}

/** A PATH directory holding only a link to `program`, to put in front of toolPath(). */
export function linkDir(program: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-link-'));
  symlinkSync(program, join(dir, name));
  return dir;
}
