import type { PlatformDto } from '../../../shared/model';

/** `linux/arm/v7` plus os.version when present, for headings. */
export function formatPlatformText(p: PlatformDto | undefined): string {
  if (p === undefined) return '—';
  const base = [p.os, p.architecture, p.variant].filter((s) => s !== undefined && s !== '').join('/');
  return p['os.version'] ? `${base} (${p['os.version']})` : base;
}
