import { useState } from 'react';
import type { RegistryTlsSettings } from '../../../../shared/model';
import { EmptyState, ErrorView, Loading } from '../../ui';
import { useConnectionTest, useSaveRegistrySettings } from './api/credentials-mutations';
import { useRegistrySettings } from './api/credentials-queries';
import { ConnectionTestResult } from './connection-report';

function summary(s: RegistryTlsSettings): string {
  const parts: string[] = [];
  if (s.plainHttp) parts.push('plain HTTP');
  if (s.insecure) parts.push('certificate not verified');
  if (s.caFile) parts.push(`CA ${s.caFile}`);
  if (s.clientCertFile) parts.push('client certificate');
  return parts.length === 0 ? 'defaults (HTTPS, verified)' : parts.join(' · ');
}

/** Per-registry transport settings, shared with the CLI (registries.json). */
export function TlsSection() {
  const settings = useRegistrySettings();
  const test = useConnectionTest();
  const [editing, setEditing] = useState<{ registry: string; settings: RegistryTlsSettings } | null>(null);
  if (settings.isPending) return <Loading label="Reading registry settings…" />;
  if (settings.isError) return <ErrorView error={settings.error} title="Could not read registry settings" onRetry={() => void settings.refetch()} />;
  const entries = Object.entries(settings.data);
  return (
    <>
      {entries.length === 0 ? (
        <EmptyState title="Every registry uses HTTPS with verified certificates" testId="tls-empty">
          Add a setting for a registry with a self-signed certificate (a CA file, or insecure), or one that only speaks
          plain HTTP.
        </EmptyState>
      ) : (
        <table className="table" aria-label="Registry TLS settings" data-testid="tls-table">
          <thead>
            <tr>
              <th scope="col">Registry</th>
              <th scope="col">Transport</th>
              <th scope="col" className="actions-col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([registry, s]) => (
              <tr key={registry} data-testid={`tls-row-${registry}`}>
                <td className="mono">{registry}</td>
                <td>
                  {summary(s)}
                  <ConnectionTestResult test={test} registry={registry} />
                </td>
                <td className="actions-col">
                  <button type="button" className="btn btn-small" onClick={() => test.mutate(registry)}>
                    Test
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing({ registry, settings: s })}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        <button type="button" className="btn" onClick={() => setEditing({ registry: '', settings: {} })} data-testid="tls-add">
          Add registry setting…
        </button>
      ) : (
        <TlsForm key={editing.registry} initial={editing} onDone={() => setEditing(null)} />
      )}
    </>
  );
}

function TlsForm({
  initial,
  onDone,
}: {
  initial: { registry: string; settings: RegistryTlsSettings };
  onDone: () => void;
}) {
  const [registry, setRegistry] = useState(initial.registry);
  const [s, setS] = useState<RegistryTlsSettings>(initial.settings);
  const save = useSaveRegistrySettings();
  const submit = (settings: RegistryTlsSettings | null) => save.mutate({ registry, settings }, { onSuccess: onDone });
  const text = (k: 'caFile' | 'clientCertFile' | 'clientKeyFile') => ({
    value: s[k] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setS({ ...s, [k]: e.target.value.trim() === '' ? undefined : e.target.value }),
  });
  return (
    <form
      className="form-grid tls-form"
      aria-label="Registry transport settings"
      data-testid="tls-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit(s);
      }}
    >
      <label className="field">
        <span>Registry (host[:port])</span>
        <input className="input mono" value={registry} disabled={initial.registry !== ''} onChange={(e) => setRegistry(e.target.value)} aria-label="TLS registry" data-testid="tls-registry" spellCheck={false} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={s.plainHttp ?? false} onChange={(e) => setS({ ...s, plainHttp: e.target.checked || undefined })} data-testid="tls-plain-http" />
        Plain HTTP (no TLS at all)
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={s.insecure ?? false} onChange={(e) => setS({ ...s, insecure: e.target.checked || undefined })} data-testid="tls-insecure" />
        Insecure: accept any certificate (prefer a CA file)
      </label>
      <label className="field">
        <span>CA certificate file (PEM path)</span>
        <input className="input mono" {...text('caFile')} placeholder="/etc/ssl/my-registry-ca.pem" aria-label="CA file" data-testid="tls-ca-file" spellCheck={false} />
      </label>
      <label className="field">
        <span>Client certificate file (mTLS, optional)</span>
        <input className="input mono" {...text('clientCertFile')} aria-label="Client certificate file" spellCheck={false} />
      </label>
      <label className="field">
        <span>Client key file (mTLS, optional)</span>
        <input className="input mono" {...text('clientKeyFile')} aria-label="Client key file" spellCheck={false} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={registry.trim() === '' || save.isPending} data-testid="tls-save">
          Save
        </button>
        {initial.registry !== '' && (
          <button type="button" className="btn btn-danger" onClick={() => submit(null)}>
            Remove setting
          </button>
        )}
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
      {save.isError && <ErrorView error={save.error} title="Settings not saved" testId="tls-error" />}
    </form>
  );
}
