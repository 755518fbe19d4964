import type { ReactNode } from 'react';
import type { ImageView } from '../../../../shared/model';
import { EmptyState, formatDate, formatPlatformText } from '../../ui';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Argv({ value }: { value: string[] | undefined }) {
  if (value === undefined || value.length === 0) return <span className="muted">—</span>;
  return <code className="mono">{JSON.stringify(value)}</code>;
}

export function ConfigTab({ image }: { image: ImageView }) {
  const c = image.config;
  if (c === undefined) {
    return (
      <EmptyState title="No image config">
        This manifest has no container config (it may be an artifact), or it could not be read.
      </EmptyState>
    );
  }
  const labels = Object.entries(c.labels ?? {});
  return (
    <dl className="kv" data-testid="config-tab">
      <Row label="Platform">{formatPlatformText(c.platform)}</Row>
      <Row label="Created">{formatDate(c.created)}</Row>
      {c.author !== undefined && <Row label="Author">{c.author}</Row>}
      <Row label="Entrypoint">
        <Argv value={c.entrypoint} />
      </Row>
      <Row label="Cmd">
        <Argv value={c.cmd} />
      </Row>
      <Row label="User">{c.user ? <code>{c.user}</code> : <span className="muted">— (root)</span>}</Row>
      <Row label="Working dir">{c.workingDir ? <code>{c.workingDir}</code> : <span className="muted">—</span>}</Row>
      <Row label="Ports">
        {c.exposedPorts && c.exposedPorts.length > 0 ? c.exposedPorts.join(', ') : <span className="muted">—</span>}
      </Row>
      <Row label={`Env (${c.env?.length ?? 0})`}>
        {c.env && c.env.length > 0 ? (
          <ul className="plain-list mono" data-testid="config-env">
            {c.env.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        )}
      </Row>
      <Row label={`Labels (${labels.length})`}>
        {labels.length > 0 ? (
          <table className="mini-table">
            <tbody>
              {labels.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="mono">
                    {k}
                  </th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <span className="muted">—</span>
        )}
      </Row>
      {image.configDigest !== undefined && (
        <Row label="Config digest">
          <code>{image.configDigest}</code>
        </Row>
      )}
    </dl>
  );
}
