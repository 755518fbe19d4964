import { useMemo, useState } from 'react';
import type { ListView } from '../../../../shared/model';
import { foldList } from '../../images';
import { useNavigationStore, useScreenRoute } from '../../navigation';
import { Badge, Digest, EmptyState, ErrorView, Loading, mediaKind, mediaKindLabel } from '../../ui';
import { useInspect } from './api/use-inspect';
import { RawJson } from './history-raw-tabs';
import { ImageInspector } from './image-inspector';
import { LoginAction } from './login-action';
import { PlatformMatrix } from './platform-matrix';
import { useInspectStore, useRowSelection } from './state/inspect-store';

export function InspectScreen() {
  const ref = useScreenRoute('inspect').ref ?? null;
  const query = useInspect(ref);

  return (
    <div className="screen" data-testid="inspect-screen">
      {/* Keyed: Back or Forward to another reference puts that reference in the box. */}
      <InspectForm
        key={ref ?? ''}
        inspected={ref}
        refreshing={query.isFetching}
        onRefresh={query.isSuccess ? () => void query.refetch() : undefined}
      />
      <div className="screen-body">
        {ref === null ? (
          <EmptyState title="Inspect an image or a multi-platform list" testId="inspect-empty">
            Type a reference above and press Enter. Lists show one row per platform; select a row to see its layers,
            config and history. Tags without a registry resolve to Docker Hub, as in docker.
          </EmptyState>
        ) : query.isPending ? (
          <Loading label={`Fetching ${ref}…`} />
        ) : query.isError ? (
          <>
            <ErrorView error={query.error} title={`Could not inspect ${ref}`} onRetry={() => void query.refetch()} testId="inspect-error" />
            <LoginAction error={query.error} imageRef={ref} />
          </>
        ) : query.data.kind === 'image' ? (
          <div className="single-image">
            <ImageInspector image={query.data.image} />
          </div>
        ) : (
          <ListResult list={query.data.list} inspected={ref} />
        )}
      </div>
    </div>
  );
}

/** Submitting is a navigation (one history entry per reference inspected); typing is not. */
function InspectForm({
  inspected,
  refreshing,
  onRefresh,
}: {
  inspected: string | null;
  refreshing: boolean;
  onRefresh: (() => void) | undefined;
}) {
  const navigate = useNavigationStore((s) => s.navigate);
  const [text, setText] = useState(inspected ?? '');
  return (
    <form
      className="toolbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim() !== '') navigate({ screen: 'inspect', ref: text.trim() });
      }}
    >
      <input
        className="input mono grow"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="registry.example.com/team/app:1.2 or …@sha256:…"
        aria-label="Image reference"
        data-testid="inspect-ref"
        spellCheck={false}
        autoFocus
      />
      <button type="submit" className="btn btn-primary" data-testid="inspect-submit" disabled={text.trim() === ''}>
        Inspect
      </button>
      {onRefresh !== undefined && (
        <button type="button" className="btn" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      )}
    </form>
  );
}

/** `inspected`: the reference as submitted, which keys the row selection (main may spell `list.ref` out). */
function ListResult({ list, inspected }: { list: ListView; inspected: string }) {
  const folded = useMemo(() => foldList(list), [list]);
  const { selectedDigest, inspectorOpen } = useRowSelection(inspected);
  const { select, openInspector, closeInspector } = useInspectStore();
  const navigate = useNavigationStore((s) => s.navigate);
  const [showRaw, setShowRaw] = useState(false);
  const kind = mediaKind(list.descriptor.mediaType);
  const open = inspectorOpen ? folded.rows.find((r) => r.id === selectedDigest) : undefined;
  const attestationCount = folded.rows.reduce((n, r) => n + r.attestations.length, 0);
  const annotations = Object.entries(list.annotations ?? {});

  return (
    <div className="list-result">
      <header className="result-header">
        <div className="result-title">
          <span className="mono strong" data-testid="result-ref">
            {list.ref}
          </span>
          <Badge tone={kind === 'oci-index' ? 'ok' : 'info'} testId="list-kind" title={list.descriptor.mediaType}>
            {mediaKindLabel(list.descriptor.mediaType)}
          </Badge>
          <span className="muted" data-testid="platform-count">
            {folded.rows.length} platforms
            {attestationCount > 0 ? ` · ${attestationCount} attestations folded` : ''}
          </span>
          <span className="push-right toolbar-inline">
            <button type="button" className="btn" onClick={() => setShowRaw((v) => !v)} aria-pressed={showRaw}>
              Raw list JSON
            </button>
            <button type="button" className="btn btn-primary" onClick={() => navigate({ screen: 'drafts', copyFrom: list.ref })} data-testid="edit-as-draft">
              Edit as draft
            </button>
          </span>
        </div>
        <div className="result-sub">
          <Digest value={list.descriptor.digest} full testId="list-digest" />
          {annotations.length > 0 && (
            <span className="annotations-inline" title={annotations.map(([k, v]) => `${k}=${v}`).join('\n')}>
              {annotations.length} annotation(s)
            </span>
          )}
        </div>
      </header>
      {showRaw && <RawJson title="List JSON" text={list.rawText} testId="raw-list" />}
      {folded.rows.length === 0 ? (
        <EmptyState title="This list has no platform images">
          It holds only artifacts or nested lists (below). Inspect those by digest.
        </EmptyState>
      ) : (
        <div className={`matrix-pane${open ? ' with-inspector' : ''}`}>
          <PlatformMatrix
            rows={folded.rows}
            selectedId={selectedDigest}
            onSelect={(id) => (inspectorOpen ? openInspector(inspected, id) : select(inspected, id))}
            onOpen={(id) => openInspector(inspected, id)}
          />
          {!open && <div className="hint-line">Use ↑/↓ to move, Enter or double-click to open the layer inspector.</div>}
        </div>
      )}
      {folded.others.length > 0 && (
        <details className="others" data-testid="other-entries">
          <summary>{folded.others.length} other entries (nested lists, artifacts) — not counted as platforms</summary>
          <ul className="plain-list">
            {folded.others.map((d) => (
              <li key={d.digest}>
                <Digest value={d.digest} /> <span className="muted mono">{d.artifactType ?? d.mediaType}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {open !== undefined &&
        (open.image !== undefined ? (
          <ImageInspector image={open.image} attestations={open.attestations} onClose={() => closeInspector(inspected)} />
        ) : (
          <ErrorView
            title="This platform image could not be read"
            error={{ code: 'REGISTRY_ERROR', message: open.error ?? 'The child manifest was not fetched.' }}
            testId="row-open-error"
          />
        ))}
    </div>
  );
}
