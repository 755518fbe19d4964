import { attestationBadgeText, type MatrixRow } from '../../images';
import { Badge, DataGrid, Digest, formatBytes, formatDate, joinOrDash, type Column } from '../../ui';

const dash = (s: string | undefined) => (s === undefined || s === '' ? <span className="muted">—</span> : s);

const columns: Column<MatrixRow>[] = [
  { key: 'os', header: 'OS', width: 'minmax(64px, 0.7fr)', render: (r) => dash(r.platform?.os) },
  { key: 'arch', header: 'Architecture', width: 'minmax(90px, 0.8fr)', render: (r) => dash(r.platform?.architecture) },
  { key: 'variant', header: 'Variant', width: 'minmax(56px, 0.5fr)', render: (r) => dash(r.platform?.variant) },
  {
    key: 'osver',
    header: 'os.version',
    width: 'minmax(80px, 0.8fr)',
    render: (r) => dash(r.platform?.['os.version']),
    className: 'mono',
  },
  {
    key: 'osfeat',
    header: 'os.features',
    width: 'minmax(80px, 0.7fr)',
    render: (r) => (r.platform?.['os.features'] ? joinOrDash(r.platform['os.features']) : dash(undefined)),
  },
  {
    key: 'digest',
    header: 'Digest',
    width: 'minmax(200px, 1.3fr)',
    render: (r) => <Digest value={r.descriptor.digest} testId="row-digest" />,
  },
  {
    key: 'size',
    header: 'Size',
    width: '80px',
    className: 'num',
    render: (r) => (r.image ? formatBytes(r.image.totalSize) : <span className="muted">—</span>),
  },
  {
    key: 'layers',
    header: 'Layers',
    width: '72px',
    className: 'num',
    render: (r) => (r.image ? r.image.layers.length : <span className="muted">—</span>),
  },
  {
    key: 'created',
    header: 'Created',
    width: '140px',
    render: (r) => formatDate(r.image?.config?.created),
  },
  {
    key: 'status',
    header: '',
    width: 'minmax(96px, 0.8fr)',
    render: (r) => <RowBadges row={r} />,
  },
];

function RowBadges({ row }: { row: MatrixRow }) {
  const text = attestationBadgeText(row.attestations);
  return (
    <span className="badges">
      {text !== undefined && (
        <Badge
          tone="accent"
          testId="attestation-badge"
          title={`${row.attestations.length} attestation manifest(s) describe this image:\n${row.attestations
            .flatMap((a) => a.predicateTypes)
            .join('\n')}`}
        >
          {text}
        </Badge>
      )}
      {row.error !== undefined && (
        <Badge tone="danger" title={row.error} testId="row-error">
          unreadable
        </Badge>
      )}
    </span>
  );
}

/** `platform-row-linux-arm-v7`, `platform-row-windows-amd64-10.0.20348.1` — stable for tests. */
export function rowTestId(r: MatrixRow): string {
  const p = r.platform;
  return `platform-row-${[p?.os, p?.architecture, p?.variant, p?.['os.version']].filter(Boolean).join('-')}`;
}

export function PlatformMatrix({
  rows,
  selectedId,
  onSelect,
  onOpen,
}: {
  rows: MatrixRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  return (
    <DataGrid
      label="Platforms"
      testId="platform-matrix"
      rows={rows}
      columns={columns}
      getRowId={(r) => r.id}
      selectedId={selectedId}
      onSelect={onSelect}
      onOpen={onOpen}
      rowTestId={rowTestId}
      rowClassName={(r) => (r.error !== undefined ? 'row-error' : undefined)}
    />
  );
}
