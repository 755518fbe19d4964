import { platformKey, platformWarnings, type PlatformWarning } from '../../../../shared/platform';
import type { DraftEntryDto, PlatformDto, PlatformPatch } from '../../../../shared/model';

/** A remark shown next to a row or cell; `fix`, when present, is a patch the user can apply in one click. */
export interface RowWarning {
  field: PlatformWarning['field'] | 'platform';
  message: string;
  fix?: PlatformPatch;
}

/**
 * Non-blocking checks of one platform: docker's os/arch allow-list, misspellings, unconventional variants,
 * and contradictions with the image config (all from shared/platform). They warn; they never stop an edit
 * or a push — main decides what it refuses.
 */
export function checkPlatform(platform: PlatformDto | undefined, configPlatform?: PlatformDto): RowWarning[] {
  if (platform === undefined) {
    return [{ field: 'platform', message: 'No platform: clients cannot select this entry and docker push refuses it.' }];
  }
  return platformWarnings(platform, configPlatform).map((w) =>
    w.fix === undefined ? { field: w.field, message: w.message } : { field: w.field, message: w.message, fix: w.fix },
  );
}

/** Warnings per entry ref, including "same platform as row N" (by `platformKey`). */
export function draftWarnings(entries: readonly DraftEntryDto[]): Map<string, RowWarning[]> {
  const byKey = new Map<string, number[]>();
  entries.forEach((e, i) => {
    if (e.descriptor.platform === undefined) return;
    const k = platformKey(e.descriptor.platform);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const out = new Map<string, RowWarning[]>();
  entries.forEach((e, i) => {
    const list = checkPlatform(e.descriptor.platform, e.configPlatform);
    if (e.descriptor.platform !== undefined) {
      const same = (byKey.get(platformKey(e.descriptor.platform)) ?? []).filter((j) => j !== i);
      if (same.length > 0) {
        list.push({
          field: 'platform',
          message: `Duplicate platform: row ${same.map((j) => j + 1).join(', ')} has the same one, and a client picks only one of them. Set os.version or variant to tell them apart, or remove one.`,
        });
      }
    }
    out.set(e.ref, list);
  });
  return out;
}

/** Text typed into an os.features cell: comma or space separated. */
export function parseFeatures(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `arch "amd64"` style text for a fix button. */
export function describeFix(fix: PlatformPatch): string {
  return Object.entries(fix)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : v === '' ? '(none)' : `"${String(v)}"`}`)
    .join(', ');
}
