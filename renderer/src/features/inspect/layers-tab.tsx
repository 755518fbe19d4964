import { useState } from 'react';
import type { ImageView } from '../../../../shared/model';
import { DataGrid, Digest, EmptyState, formatBytes, layerKind, type Column } from '../../ui';

type Layer = ImageView['layers'][number];
interface IndexedLayer extends Layer {
  index: number;
}

const columns: Column<IndexedLayer>[] = [
  { key: 'n', header: '#', width: '36px', render: (l) => l.index + 1, className: 'num' },
  { key: 'digest', header: 'Digest', width: 'minmax(190px, 1.2fr)', render: (l) => <Digest value={l.digest} /> },
  { key: 'size', header: 'Size', width: '84px', render: (l) => formatBytes(l.size), className: 'num' },
  {
    key: 'type',
    header: 'Media type',
    width: 'minmax(110px, 1fr)',
    render: (l) => <span title={l.mediaType}>{layerKind(l.mediaType)}</span>,
  },
  {
    key: 'urls',
    header: 'Foreign URLs',
    width: 'minmax(80px, 1fr)',
    render: (l) => (l.urls && l.urls.length > 0 ? <span title={l.urls.join('\n')}>{l.urls.length} URL(s)</span> : '—'),
  },
];

/** The layers of one image; Enter or double click opens a layer's full record below the table. */
export function LayersTab({ image }: { image: ImageView }) {
  const layers: IndexedLayer[] = image.layers.map((l, index) => ({ ...l, index }));
  // Keyed by position: the same blob may appear twice in one image.
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  if (layers.length === 0) {
    return <EmptyState title="No layers">This manifest lists no layers (an artifact or an empty image).</EmptyState>;
  }
  const open = layers.find((l) => String(l.index) === opened);
  return (
    <div className="layers-tab">
      <DataGrid
        label="Layers"
        testId="layers-grid"
        rows={layers}
        columns={columns}
        getRowId={(l) => String(l.index)}
        selectedId={selected}
        onSelect={setSelected}
        onOpen={(id) => setOpened(id)}
        rowTestId={(l) => `layer-row-${l.index}`}
      />
      <div className="hint-line">
        {layers.length} layers, {formatBytes(layers.reduce((s, l) => s + l.size, 0))} compressed. Press Enter or
        double-click a layer for its details.
      </div>
      {open !== undefined && (
        <section className="detail-card" aria-label={`Layer ${open.index + 1}`} data-testid="layer-detail">
          <div className="detail-card-title">
            Layer {open.index + 1}
            <button type="button" className="btn-icon" aria-label="Close layer details" onClick={() => setOpened(null)}>
              ✕
            </button>
          </div>
          <dl className="kv">
            <dt>Digest</dt>
            <dd>
              <Digest value={open.digest} full />
            </dd>
            <dt>Size</dt>
            <dd>
              {formatBytes(open.size)} <span className="muted">({open.size.toLocaleString('en-US')} bytes)</span>
            </dd>
            <dt>Media type</dt>
            <dd className="mono">{open.mediaType}</dd>
            <dt>Foreign URLs</dt>
            <dd>
              {open.urls && open.urls.length > 0 ? (
                <ul className="plain-list mono">
                  {open.urls.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
              ) : (
                '— (distributable: stored in the registry)'
              )}
            </dd>
            {open.annotations !== undefined && Object.keys(open.annotations).length > 0 && (
              <>
                <dt>Annotations</dt>
                <dd>
                  <ul className="plain-list mono">
                    {Object.entries(open.annotations).map(([k, v]) => (
                      <li key={k}>
                        {k}={v}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
    </div>
  );
}
