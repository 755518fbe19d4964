import { useState } from 'react';
import type { LoginStore } from '../../../../shared/model';
import { useAppInfo } from '../../server-state';
import { ErrorView } from '../../ui';
import { useLogin } from './api/credentials-mutations';

/** Log in: main checks the credentials against the registry before it stores anything. */
export function LoginForm({ initialRegistry = '' }: { initialRegistry?: string }) {
  const [registry, setRegistry] = useState(initialRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [store, setStore] = useState<LoginStore>('docker');
  // The app's own store needs the OS keychain, which only the desktop window has; the browser face
  // would refuse it, so it is not offered there.
  const keychain = useAppInfo().data?.face === 'desktop';
  const login = useLogin();
  const submit = () =>
    login.mutate(
      { registry: registry.trim(), username: username.trim(), password, store },
      // The secret must not linger in the page once it is stored.
      { onSuccess: () => setPassword('') },
    );
  const ready = registry.trim() !== '' && username.trim() !== '' && password !== '';
  return (
    <form
      className="form-grid"
      aria-label="Log in to a registry"
      data-testid="login-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) submit();
      }}
    >
      <label className="field">
        <span>Registry</span>
        <input
          className="input mono"
          value={registry}
          onChange={(e) => setRegistry(e.target.value)}
          placeholder="registry.example.com or localhost:5000"
          aria-label="Registry"
          data-testid="login-registry"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span>Username</span>
        <input
          className="input"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-label="Username"
          data-testid="login-username"
          autoComplete="username"
        />
      </label>
      <label className="field">
        <span>Password or access token</span>
        <input
          className="input"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-label="Password"
          data-testid="login-password"
          autoComplete="current-password"
        />
      </label>
      <label className="field">
        <span>Save to</span>
        <select
          className="input"
          value={store}
          onChange={(e) => setStore(e.target.value === 'app' ? 'app' : 'docker')}
          aria-label="Save to"
          data-testid="login-store"
        >
          <option value="docker">docker config — shared with docker and the CLI</option>
          {keychain && <option value="app">Manifest Studio keychain — this app only</option>}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!ready || login.isPending} data-testid="login-submit">
          {login.isPending ? 'Verifying…' : 'Log in'}
        </button>
        {login.isSuccess && (
          <span className="ok-text" role="status" data-testid="login-success">
            Logged in to {login.data.registry} as {login.data.username ?? username}.
          </span>
        )}
      </div>
      {login.isError && <ErrorView error={login.error} title="Login failed; nothing was saved" testId="login-error" />}
    </form>
  );
}
