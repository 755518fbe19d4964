/**
 * The os/architecture pairs `docker manifest annotate` accepts: `cli/command/manifest/util.go` of
 * docker/cli v28.2.2 (identical at HEAD). Exact and case-sensitive; variant, os.version and os.features
 * are never checked. Note that `create` and `push` take whatever the image config says, so a list can
 * hold pairs outside this table; docker just cannot annotate such an entry.
 */
export const DOCKER_OS_ARCH: Readonly<Record<string, readonly string[]>> = {
  darwin: ['386', 'amd64', 'arm', 'arm64'],
  dragonfly: ['amd64'],
  freebsd: ['386', 'amd64', 'arm'],
  linux: ['386', 'amd64', 'arm', 'arm64', 'ppc64le', 'mips64', 'mips64le', 'riscv64', 's390x'],
  netbsd: ['386', 'amd64', 'arm'],
  openbsd: ['386', 'amd64', 'arm'],
  plan9: ['386', 'amd64'],
  solaris: ['amd64'],
  windows: ['386', 'amd64'],
};

/** The same table as a flat list of 28 pairs, in the order above. */
export const DOCKER_OS_ARCH_PAIRS: readonly { os: string; architecture: string }[] = Object.entries(
  DOCKER_OS_ARCH,
).flatMap(([os, archs]) => archs.map((architecture) => ({ os, architecture })));

function archsFor(os: string): readonly string[] | undefined {
  // hasOwn: an os like "constructor" must not reach Object.prototype.
  return Object.hasOwn(DOCKER_OS_ARCH, os) ? DOCKER_OS_ARCH[os] : undefined;
}

/** True when docker's annotate accepts this exact (case-sensitive) os/architecture pair. */
export function isValidOsArch(os: string, architecture: string): boolean {
  return archsFor(os)?.includes(architecture) ?? false;
}

/** True when `os` appears in docker's table with at least one architecture. */
export function isDockerOs(os: string): boolean {
  return archsFor(os) !== undefined;
}

/**
 * The error `docker manifest annotate` prints when the resulting pair is not in the table. It echoes the
 * `--os`/`--arch` flag values as given, not the resulting pair, so a flag left out prints as empty
 * (`…combination: /fake`).
 */
export function unsupportedOsArchMessage(osFlag: string, archFlag: string): string {
  return `manifest entry for image has unsupported os/arch combination: ${osFlag}/${archFlag}`;
}
