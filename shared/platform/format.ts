import { StudioError } from '../errors';
import type { Platform } from '../oci';

/*
 * Text form of a platform. We use containerd's `platforms.FormatAll` / `Parse` syntax, which buildx and
 * nerdctl users already know:
 *
 *   os[(os.version[+feature…])]/architecture[/variant]
 *
 * e.g. `linux/arm/v7`, `linux/amd64`, `windows(10.0.17763.1234)/amd64`, `windows(10.0.20348+win32k)/amd64`.
 * In os.version and feature values the characters `%+()/` are percent-encoded (as containerd does), so
 * every platform round-trips. Features are written sorted, like containerd. Unlike containerd's `Parse`,
 * `parsePlatform` does NOT normalise (`x86_64` stays `x86_64`, no arm64→v8 defaulting): docker manifest
 * does not normalise either, and `platformWarnings` reports such values instead.
 */

function encodeOption(v: string): string {
  return v.replace(/[%+()/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function decodeOption(v: string, whole: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    throw platformError(whole, `bad percent-encoding in "${v}"`);
  }
}

function platformError(s: string, why: string): StudioError {
  return new StudioError('PLATFORM_INVALID', `invalid platform "${s}": ${why}`, {
    hint:
      'Write os/architecture[/variant], e.g. linux/arm64 or linux/arm/v7; ' +
      'add an OS version as windows(10.0.17763.1234)/amd64.',
  });
}

/** `linux/arm/v7`, `windows(10.0.17763.1234)/amd64`; empty parts are left out, like Go's `path.Join`. */
export function formatPlatform(p: Platform): string {
  const version = encodeOption(p['os.version'] ?? '');
  const features = [...(p['os.features'] ?? [])].sort().map((f) => `+${encodeOption(f)}`);
  const options = version + features.join('');
  const os = options === '' ? p.os : `${p.os}(${options})`;
  return [os, p.architecture, p.variant ?? ''].filter((part) => part !== '').join('/');
}

const OS_PART = /^([^()]+)(?:\(([^()+]*)((?:\+[^()+]+)*)\))?$/;
const SIMPLE_PART = /^[^()/\s]+$/;

/**
 * Parses `os[(os.version[+feature…])]/architecture[/variant]` into a `Platform`, verbatim (no normalising).
 * Throws `PLATFORM_INVALID` when os or architecture is missing, there are more than three parts, or a part
 * holds whitespace or stray parentheses.
 */
export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3) throw platformError(s, 'expected os/architecture[/variant]');
  const [osPart = '', architecture = '', variant] = parts;
  const m = OS_PART.exec(osPart);
  const os = m?.[1] ?? '';
  if (m === null || !SIMPLE_PART.test(os)) throw platformError(s, `"${osPart}" is not an os`);
  if (!SIMPLE_PART.test(architecture)) throw platformError(s, `"${architecture}" is not an architecture`);
  if (variant !== undefined && !SIMPLE_PART.test(variant)) throw platformError(s, `"${variant}" is not a variant`);
  const p: Platform = { architecture, os };
  const osVersion = decodeOption(m[2] ?? '', s);
  if (osVersion !== '') p['os.version'] = osVersion;
  const features = m[3] ?? '';
  if (features !== '') p['os.features'] = features.slice(1).split('+').map((f) => decodeOption(f, s));
  if (variant !== undefined) p.variant = variant;
  return p;
}

/**
 * A key for duplicate detection: two entries with the same key would be chosen for the same machine.
 * Compares os, architecture, variant and os.version exactly (case-sensitive, as docker and the OCI
 * spec do), except that arm64 with no variant and arm64 `v8` are the same platform (v8 is the only
 * arm64 baseline; containerd normalises one to the other). os.features are not part of the key.
 */
export function platformKey(p: Platform): string {
  const variant = p.architecture === 'arm64' && p.variant === 'v8' ? '' : (p.variant ?? '');
  return JSON.stringify([p.os, p.architecture, variant, p['os.version'] ?? '']);
}
