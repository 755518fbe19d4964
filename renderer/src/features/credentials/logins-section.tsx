import { Fragment, useState } from 'react';
import type { CredentialProblemDto, RegistryLoginDto } from '../../../../shared/model';
import { EmptyState, ErrorView, Loading } from '../../ui';
import { useConnectionTest, useLogout } from './api/credentials-mutations';
import { useLogins } from './api/credentials-queries';
import { ConnectionTestResult } from './connection-report';

const SOURCE_TEXT: Record<RegistryLoginDto['source'], string> = {
  auths: 'config.json (auths)',
  credsStore: 'credential store',
  credHelpers: 'credential helper',
  env: 'environment',
  app: 'Manifest Studio keychain',
};

function sourceText(l: RegistryLoginDto): string {
  return l.helper ? `${SOURCE_TEXT[l.source]}: docker-credential-${l.helper}` : SOURCE_TEXT[l.source];
}

/** Every registry docker and this app's keychain have credentials for: who and where, never the secret. */
export function LoginsSection() {
  const logins = useLogins();
  const test = useConnectionTest();
  const [confirm, setConfirm] = useState<string | null>(null);
  const logout = useLogout();

  if (logins.isPending) return <Loading label="Reading docker's credentials…" />;
  if (logins.isError) return <ErrorView error={logins.error} title="Could not read credentials" onRetry={() => void logins.refetch()} />;
  const problems = <HelperProblems problems={logins.data.problems} />;
  if (logins.data.logins.length === 0) {
    return (
      <>
        {problems}
        <EmptyState title="No registry logins" testId="logins-empty">
          Log in below. Saved to docker config, a login is stored the way <code>docker login</code> stores it, so docker
          sees it too; saved to the Manifest Studio keychain, only this app uses it.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {problems}
      <table className="table" aria-label="Registry logins" data-testid="logins-table">
        <thead>
          <tr>
            <th scope="col">Registry</th>
            <th scope="col">Username</th>
            <th scope="col">Stored in</th>
            <th scope="col" className="actions-col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {logins.data.logins.map((l) => (
            <Fragment key={`${l.source}:${l.registry}`}>
              <tr data-testid={`login-row-${l.registry}`}>
                <td className="mono">{l.registry}</td>
                <td className="mono">{l.username ?? <span className="muted">— (token)</span>}</td>
                <td>{sourceText(l)}</td>
                <td className="actions-col">
                  <button type="button" className="btn btn-small" onClick={() => test.mutate(l.registry)} data-testid="login-test">
                    Test
                  </button>
                  {confirm === l.registry ? (
                    <>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => logout.mutate(l.registry, { onSuccess: () => setConfirm(null) })} data-testid="logout-confirm">
                        Log out
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => setConfirm(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setConfirm(l.registry)}
                      disabled={l.source === 'env'}
                      title={l.source === 'env' ? 'Set by an environment variable; unset it to log out' : undefined}
                      data-testid="logout"
                    >
                      Log out…
                    </button>
                  )}
                </td>
              </tr>
              {(test.variables === l.registry || (logout.isError && logout.variables === l.registry)) && (
                <tr className="subrow">
                  <td colSpan={4}>
                    <ConnectionTestResult test={test} registry={l.registry} />
                    {logout.isError && logout.variables === l.registry && (
                      <ErrorView error={logout.error} title={`Could not log out of ${l.registry}`} />
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Helpers that failed: their logins are missing above, and requests go out without them. */
function HelperProblems({ problems }: { problems: CredentialProblemDto[] }) {
  return problems.map((p) => (
    <div key={p.helper} className="notice notice-warn" role="alert" data-testid={`helper-problem-${p.helper}`}>
      <strong>docker-credential-{p.helper} failed</strong>: its logins are not listed, and requests to their registries go out
      without credentials.
      <div className="mono">{p.message}</div>
      <div>{p.hint}</div>
    </div>
  ));
}
