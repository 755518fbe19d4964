import type { Platform } from '../oci';
import { isDockerOs, isValidOsArch, unsupportedOsArchMessage } from './os-arch';

/** Fields a platform warning can point at (JSON keys as on the wire). */
export type PlatformField = 'os' | 'architecture' | 'variant' | 'os.version';

/**
 * A non-blocking remark about a platform, for the UI to show next to the field. `fix`, when present, is
 * the change that would resolve it (the UI may offer it as a one-click correction).
 */
export interface PlatformWarning {
  field: PlatformField;
  message: string;
  fix?: Partial<Pick<Platform, 'os' | 'architecture' | 'variant'>>;
}

type Fix = NonNullable<PlatformWarning['fix']>;

/** Spellings people copy from `uname -m`, Debian or Go toolchains, mapped to OCI/GOARCH names. */
const ARCH_TYPOS: Readonly<Record<string, Fix>> = {
  x86_64: { architecture: 'amd64' },
  'x86-64': { architecture: 'amd64' },
  x64: { architecture: 'amd64' },
  amd: { architecture: 'amd64' },
  aarch64: { architecture: 'arm64' },
  arm64v8: { architecture: 'arm64' },
  armv8: { architecture: 'arm64' },
  armv8l: { architecture: 'arm', variant: 'v8' },
  armv7l: { architecture: 'arm', variant: 'v7' },
  armv7: { architecture: 'arm', variant: 'v7' },
  armhf: { architecture: 'arm', variant: 'v7' },
  armv6l: { architecture: 'arm', variant: 'v6' },
  armv6: { architecture: 'arm', variant: 'v6' },
  armel: { architecture: 'arm', variant: 'v6' },
  armv5l: { architecture: 'arm', variant: 'v5' },
  armv5: { architecture: 'arm', variant: 'v5' },
  i386: { architecture: '386' },
  i686: { architecture: '386' },
  x86: { architecture: '386' },
  ppc64el: { architecture: 'ppc64le' },
};

const OS_TYPOS: Readonly<Record<string, string>> = { macos: 'darwin', osx: 'darwin', mac: 'darwin', win: 'windows' };

/**
 * Conventional variants per architecture (docs/docker-behavior.md §7); '' means "no variant" is
 * conventional too.
 */
const CONVENTIONAL_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  arm: ['v5', 'v6', 'v7', 'v8'],
  arm64: ['', 'v8'],
  amd64: ['', 'v2', 'v3', 'v4'],
};

const lookup = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

const show = (v: string | undefined): string => (v === undefined || v === '' ? '(empty)' : `"${v}"`);

/** The os the user most likely meant, when `p.os` is a known misspelling or wrong case; else undefined. */
function osFix(os: string): string | undefined {
  const lower = os.toLowerCase();
  return lookup(OS_TYPOS, lower) ?? (lower !== os && isDockerOs(lower) ? lower : undefined);
}

function osWarnings(p: Platform): PlatformWarning[] {
  if (p.os === '') {
    return [
      { field: 'os', message: 'os is empty; the OCI spec requires it and docker refuses to annotate the entry.' },
    ];
  }
  const fixed = osFix(p.os);
  if (fixed === undefined) return [];
  return [
    {
      field: 'os',
      message:
        `"${p.os}" is not an OCI os name; use "${fixed}". ` +
        'Names are case-sensitive and clients match them exactly.',
      fix: { os: fixed },
    },
  ];
}

/** The architecture (and variant) the user most likely meant, for known misspellings and wrong case. */
function archFix(architecture: string): Fix | undefined {
  const lower = architecture.toLowerCase();
  return lookup(ARCH_TYPOS, lower) ?? (lower !== architecture ? { architecture: lower } : undefined);
}

function archTypoWarning(p: Platform, fix: Fix): PlatformWarning {
  const target =
    fix.variant === undefined ? `"${fix.architecture}"` : `"${fix.architecture}" with variant "${fix.variant}"`;
  return {
    field: 'architecture',
    message:
      `"${p.architecture}" is not an OCI architecture name; use ${target}. ` +
      `docker refuses ${p.os}/${p.architecture}, and clients pick images by exact name.`,
    fix,
  };
}

/** Pair check on what the user meant: a misspelt os is reported once, by `osWarnings`, not twice. */
function pairWarning(p: Platform): PlatformWarning | undefined {
  const os = osFix(p.os) ?? p.os;
  if (os === '' || isValidOsArch(os, p.architecture)) return undefined;
  return {
    field: isDockerOs(os) ? 'architecture' : 'os',
    message:
      `${p.os}/${p.architecture} is not one of the 28 os/arch pairs docker accepts. docker manifest create and ` +
      `push keep it as the image config says, but docker manifest annotate refuses this entry ` +
      `("${unsupportedOsArchMessage(p.os, p.architecture)}"), even to change only the variant.`,
  };
}

function architectureWarnings(p: Platform): PlatformWarning[] {
  if (p.architecture === '') {
    return [
      {
        field: 'architecture',
        message: 'architecture is empty; the OCI spec requires it and docker refuses to annotate the entry.',
      },
    ];
  }
  const fix = archFix(p.architecture);
  if (fix !== undefined) return [archTypoWarning(p, fix)];
  const pair = pairWarning(p);
  return pair === undefined ? [] : [pair];
}

function unconventionalVariant(arch: string, variant: string, conventional: readonly string[]): PlatformWarning {
  const digit = /^(?:arm)?v?(\d)$/i.exec(variant)?.[1];
  const suggestion = digit === undefined ? undefined : `v${digit}`;
  const list = conventional.filter((v) => v !== '').join(', ') + (conventional.includes('') ? ', or none' : '');
  const base = `${show(variant)} is not a conventional ${arch} variant (${list}).`;
  const tail = ' docker stores it unchecked, but clients may never select it.';
  if (suggestion !== undefined && conventional.includes(suggestion)) {
    return { field: 'variant', message: `${base} Did you mean "${suggestion}"?${tail}`, fix: { variant: suggestion } };
  }
  return { field: 'variant', message: base + tail };
}

function variantWarning(p: Platform): PlatformWarning | undefined {
  const variant = p.variant ?? '';
  const fix = archFix(p.architecture);
  if (p.architecture === '' || fix?.variant !== undefined) return undefined; // the arch fix sets the variant
  // Judge the variant against the architecture the user most likely meant.
  const arch = fix?.architecture ?? p.architecture;
  const conventional = lookup(CONVENTIONAL_VARIANTS, arch);
  if (conventional === undefined) {
    if (variant === '') return undefined;
    return {
      field: 'variant',
      message:
        `${arch} has no conventional variants; clients may fail to match "${variant}". ` +
        'Leave it empty unless the consumer expects it.',
      fix: { variant: '' },
    };
  }
  if (conventional.includes(variant)) return undefined;
  if (arch === 'arm' && variant === '') {
    return {
      field: 'variant',
      message: 'arm without a variant: most clients assume v7. Set v5, v6, v7 or v8 so the right machines pick it.',
    };
  }
  if (arch === 'amd64' && variant.toLowerCase() === 'v1') {
    return {
      field: 'variant',
      message: 'amd64 v1 is the baseline, written as no variant; clients may not match "v1".',
      fix: { variant: '' },
    };
  }
  return unconventionalVariant(arch, variant, conventional);
}

const sameVariant = (a: Platform, b: Platform): boolean =>
  (a.architecture === 'arm64' && a.variant === 'v8' ? '' : (a.variant ?? '')) ===
  (b.architecture === 'arm64' && b.variant === 'v8' ? '' : (b.variant ?? ''));

function contradiction(field: PlatformField, ours: string | undefined, theirs: string | undefined): PlatformWarning {
  const w: PlatformWarning = {
    field,
    message:
      `The image config says ${field} ${show(theirs)}, this entry says ${show(ours)}. ` +
      'Clients choose by the entry, then run what the image really is.',
  };
  if (field === 'os') w.fix = { os: theirs ?? '' };
  if (field === 'architecture') w.fix = { architecture: theirs ?? '' };
  if (field === 'variant') w.fix = { variant: theirs ?? '' };
  return w;
}

/** Fields where the entry says something other than the image config it points at. */
function configWarnings(p: Platform, config: Platform): PlatformWarning[] {
  const out: PlatformWarning[] = [];
  if (p.os !== config.os) out.push(contradiction('os', p.os, config.os));
  if (p.architecture !== config.architecture) {
    out.push(contradiction('architecture', p.architecture, config.architecture));
  } else if ((config.variant ?? '') !== '' && !sameVariant(p, config)) {
    out.push(contradiction('variant', p.variant, config.variant));
  }
  const configVersion = config['os.version'] ?? '';
  if (configVersion !== '' && p['os.version'] !== configVersion) {
    out.push(contradiction('os.version', p['os.version'], configVersion));
  }
  return out;
}

/**
 * Non-blocking warnings about a platform, for the UI: fields docker would refuse at annotate (and what it
 * would do instead), common misspellings with their fix, unconventional variants, and fields that
 * contradict `fromConfig` (the platform the image's own config reports). An empty list means nothing to say.
 * A config that sets no variant does not contradict an entry that adds one: docker configs often omit it.
 */
export function platformWarnings(p: Platform, fromConfig?: Platform): PlatformWarning[] {
  const warnings = [...osWarnings(p), ...architectureWarnings(p)];
  const variant = variantWarning(p);
  if (variant !== undefined) warnings.push(variant);
  if (fromConfig !== undefined) warnings.push(...configWarnings(p, fromConfig));
  return warnings;
}
