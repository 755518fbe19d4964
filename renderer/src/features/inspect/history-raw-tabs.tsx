import { useState } from 'react';
import type { ImageView } from '../../../../shared/model';
import { CopyButton, EmptyState, formatDate } from '../../ui';

export function HistoryTab({ image }: { image: ImageView }) {
  const history = image.config?.history ?? [];
  if (history.length === 0) {
    return <EmptyState title="No history">The image config records no build history.</EmptyState>;
  }
  return (
    <ol className="history" data-testid="history-tab">
      {history.map((h, i) => (
        <li key={i} className={h.emptyLayer ? 'history-empty' : undefined}>
          <div className="history-meta">
            <span className="muted">{formatDate(h.created)}</span>
            {h.emptyLayer ? <span className="badge badge-neutral">no layer</span> : null}
            {h.comment ? <span className="muted">{h.comment}</span> : null}
          </div>
          <pre className="mono history-cmd">{h.createdBy ?? '—'}</pre>
        </li>
      ))}
    </ol>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Raw JSON, formatted for reading; copy always gives the exact bytes the digest was computed over. */
export function RawJson({ title, text, testId }: { title: string; text: string; testId: string }) {
  const [exact, setExact] = useState(false);
  return (
    <section className="raw-json" aria-label={title} data-testid={testId}>
      <div className="raw-json-bar">
        <span className="raw-json-title">{title}</span>
        <label className="checkbox">
          <input type="checkbox" checked={exact} onChange={(e) => setExact(e.target.checked)} />
          exact bytes
        </label>
        <CopyButton text={text} label={`Copy ${title}`} testId={`${testId}-copy`} />
      </div>
      <pre className="mono raw-json-text" tabIndex={0}>
        {exact ? text : pretty(text)}
      </pre>
    </section>
  );
}

export function RawTab({ image }: { image: ImageView }) {
  return (
    <div className="raw-tab">
      <RawJson title="Manifest JSON" text={image.rawText} testId="raw-manifest" />
      {image.configText !== undefined && <RawJson title="Config JSON" text={image.configText} testId="raw-config" />}
    </div>
  );
}
