import type { DraftEntryDto, PlatformPatch } from '../../../../shared/model';
import { Digest, formatBytes, formatPlatformText, mediaKindLabel } from '../../ui';
import { AnnotationsEditor } from './annotations-editor';
import { describeFix, type RowWarning } from './draft-checks';

/** One entry in full: what the descriptor says vs what the image config says, warnings, annotations. */
export function EntryDetails({
  entry,
  warnings,
  annotationsDisabled,
  saving,
  onSaveAnnotations,
  onFix,
  onClose,
}: {
  entry: DraftEntryDto;
  warnings: RowWarning[];
  onFix: (patch: PlatformPatch) => void;
  annotationsDisabled: string | undefined;
  saving: boolean;
  onSaveAnnotations: (a: Record<string, string>) => void;
  onClose: () => void;
}) {
  return (
    <section className="side-panel" aria-label="Entry details" data-testid="entry-details">
      <div className="detail-card-title">
        <span className="mono ellipsis" title={entry.ref}>
          {entry.ref}
        </span>
        <button type="button" className="btn-icon" aria-label="Close entry details" onClick={onClose}>
          ✕
        </button>
      </div>
      <dl className="kv">
        <dt>Digest</dt>
        <dd>
          <Digest value={entry.descriptor.digest} full />
        </dd>
        <dt>Type</dt>
        <dd>
          {mediaKindLabel(entry.descriptor.mediaType)} · {formatBytes(entry.descriptor.size)}
        </dd>
        <dt>Platform (list entry)</dt>
        <dd className="mono">{formatPlatformText(entry.descriptor.platform)}</dd>
        <dt>Platform (image config)</dt>
        <dd className="mono">{entry.configPlatform ? formatPlatformText(entry.configPlatform) : '— (not read)'}</dd>
      </dl>
      {warnings.length > 0 && (
        <ul className="warning-list" aria-label="Warnings" data-testid="entry-warnings">
          {warnings.map((w, i) => (
            <li key={w.message}>
              ⚠ {w.message}
              {/* Two warnings often suggest the same change; offer it once. */}
              {w.fix !== undefined && warnings.findIndex((x) => JSON.stringify(x.fix) === JSON.stringify(w.fix)) === i && (
                <button type="button" className="btn btn-small" onClick={() => w.fix && onFix(w.fix)} data-testid="warning-fix">
                  Set {describeFix(w.fix)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <AnnotationsEditor
        // A new entry or a saved change from main resets the form.
        key={`${entry.ref}:${JSON.stringify(entry.annotations ?? {})}`}
        label="Entry annotations (descriptor)"
        annotations={entry.annotations ?? {}}
        disabledReason={annotationsDisabled}
        saving={saving}
        onSave={onSaveAnnotations}
        testId="entry-annotations"
      />
    </section>
  );
}
