import type { ImageView } from '../../../../shared/model';
import type { AttestationInfo } from '../../images';
import { Badge, Digest, formatBytes, formatPlatformText, mediaKindLabel } from '../../ui';
import { ConfigTab } from './config-tab';
import { HistoryTab, RawTab } from './history-raw-tabs';
import { LayersTab } from './layers-tab';
import { useInspectStore, type InspectorTab } from './state/inspect-store';

const TABS: { id: InspectorTab; label: string }[] = [
  { id: 'layers', label: 'Layers' },
  { id: 'config', label: 'Config' },
  { id: 'history', label: 'History' },
  { id: 'raw', label: 'Raw JSON' },
];

/** Everything about one image: layers, config, history, raw JSON; attestations listed in the header. */
export function ImageInspector({
  image,
  attestations = [],
  onClose,
}: {
  image: ImageView;
  attestations?: AttestationInfo[];
  onClose?: () => void;
}) {
  const tab = useInspectStore((s) => s.inspectorTab);
  const setTab = useInspectStore((s) => s.setInspectorTab);
  const platform = image.config?.platform ?? image.descriptor.platform;
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    e.preventDefault();
    const next = TABS[(i + d + TABS.length) % TABS.length];
    if (next) setTab(next.id);
  };
  return (
    <section className="inspector" aria-label="Image inspector" data-testid="image-inspector">
      <header className="inspector-header">
        <div className="inspector-title">
          <strong>{formatPlatformText(platform)}</strong>
          <Badge tone="info">{mediaKindLabel(image.descriptor.mediaType)}</Badge>
          {attestations.length > 0 && (
            <Badge tone="accent" title={attestations.flatMap((a) => a.predicateTypes).join('\n')}>
              {attestations.flatMap((a) => a.labels).join('/')}
            </Badge>
          )}
          {onClose !== undefined && (
            <button type="button" className="btn-icon push-right" aria-label="Close inspector" onClick={onClose}>
              ✕
            </button>
          )}
        </div>
        <div className="inspector-sub">
          <Digest value={image.descriptor.digest} full testId="inspector-digest" />
          <span className="muted">
            {formatBytes(image.totalSize)} · {image.layers.length} layers
          </span>
        </div>
        {attestations.length > 0 && (
          <ul className="plain-list attestation-list" aria-label="Attestations">
            {attestations.map((a) => (
              <li key={a.digest}>
                <span className="muted">{a.labels.join(', ')}:</span> <Digest value={a.digest} />{' '}
                <span className="muted mono">{a.predicateTypes.join(', ')}</span>
              </li>
            ))}
          </ul>
        )}
      </header>
      <div className="tabs" role="tablist" aria-label="Inspector sections" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`inspector-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="inspector-panel"
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab${tab === t.id ? ' active' : ''}`}
            data-testid={`inspector-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="inspector-panel" id="inspector-panel" role="tabpanel" aria-labelledby={`inspector-tab-${tab}`}>
        {tab === 'layers' && <LayersTab image={image} />}
        {tab === 'config' && <ConfigTab image={image} />}
        {tab === 'history' && <HistoryTab image={image} />}
        {tab === 'raw' && <RawTab image={image} />}
      </div>
    </section>
  );
}
