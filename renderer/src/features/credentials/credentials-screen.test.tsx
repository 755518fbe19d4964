import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CredentialProblemDto, RegistryLoginDto, RegistryTlsSettings } from '../../../../shared/model';
import { useNavigationStore } from '../../navigation';
import { createFakeApi, fail } from '../../testing/fake-api';
import { renderWithApi, resetStores } from '../../testing/render';
import { CredentialsScreen } from './credentials-screen';

beforeEach(resetStores);
afterEach(cleanup);

function setup(face: 'desktop' | 'browser' = 'desktop', problems: CredentialProblemDto[] = []) {
  let logins: RegistryLoginDto[] = [{ registry: 'ghcr.io', username: 'octo', source: 'credsStore', helper: 'pass' }];
  let settings: Record<string, RegistryTlsSettings> = {};
  const api = createFakeApi({
    'app.info': () => ({ name: 'Manifest Studio', version: 'test', face, platform: 'linux' }),
    'credentials.list': () => ({ logins, problems }),
    'credentials.login': ({ registry, username, password, store }) => {
      if (password !== 'right') return fail({ code: 'UNAUTHORIZED', message: 'unauthorized: incorrect username or password', hint: 'Check the username and password.' });
      const l: RegistryLoginDto = { registry, username, source: store === 'app' ? 'app' : 'auths' };
      logins = [...logins, l];
      return l;
    },
    'credentials.logout': ({ registry }) => {
      logins = logins.filter((l) => l.registry !== registry);
      return null;
    },
    'credentials.test': ({ registry }) => ({ registry, ok: true, endpoint: `https://${registry}/v2/`, authScheme: 'bearer', message: 'Logged in and the registry answered.' }),
    'settings.getRegistries': () => settings,
    'settings.setRegistry': ({ registry, settings: s }) => {
      settings = { ...settings };
      if (s === null) delete settings[registry];
      else settings[registry] = s;
      return settings;
    },
  });
  renderWithApi(<CredentialsScreen />, api);
  return api;
}

describe('CredentialsScreen', () => {
  it('says which credential helper failed and what to do, and still lists the other logins', async () => {
    const problem = { helper: 'secretservice', message: 'error getting credentials - err: exit status 1, out: `Cannot autolaunch D-Bus without X11 $DISPLAY`', hint: 'Either start a desktop session with D-Bus, or unlock the keyring.' };
    setup('desktop', [problem]);
    const notice = await screen.findByTestId('helper-problem-secretservice');
    expect(notice.textContent).toContain('docker-credential-secretservice failed');
    expect(notice.textContent).toContain('Cannot autolaunch D-Bus');
    expect(notice.textContent).toContain(problem.hint);
    expect(screen.getByTestId('login-row-ghcr.io')).toBeTruthy();
  });

  it('lists logins with their source and no secret, and tests a connection', async () => {
    setup();
    const row = await screen.findByTestId('login-row-ghcr.io');
    expect(row.textContent).toContain('octo');
    expect(row.textContent).toContain('docker-credential-pass');
    fireEvent.click(within(row).getByTestId('login-test'));
    const report = await screen.findByTestId('connection-report');
    expect(report.getAttribute('data-ok')).toBe('true');
    expect(report.textContent).toContain('auth: bearer');
  });

  it('shows why a login was refused, clears the password after success, and logs out', async () => {
    const api = setup();
    await screen.findByTestId('logins-table');
    fireEvent.change(screen.getByTestId('login-registry'), { target: { value: 'localhost:5001' } });
    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'alice' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error-hint')).textContent).toBe('Check the username and password.');
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'right' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('login-success');
    expect((screen.getByTestId('login-password') as HTMLInputElement).value).toBe('');
    const row = await screen.findByTestId('login-row-localhost:5001');
    fireEvent.click(within(row).getByTestId('logout'));
    fireEvent.click(within(row).getByTestId('logout-confirm'));
    await waitFor(() => expect(screen.queryByTestId('login-row-localhost:5001')).toBeNull());
    expect(api.calls.some((c) => c.channel === 'credentials.logout')).toBe(true);
  });

  it('saves to docker config by default, or to the Manifest Studio keychain when chosen', async () => {
    const api = setup();
    await screen.findByTestId('logins-table');
    const store = screen.getByTestId('login-store') as HTMLSelectElement;
    expect(store.value).toBe('docker');
    await waitFor(() => expect(store.options).toHaveLength(2));
    expect([...store.options].map((o) => o.textContent)).toEqual([
      'docker config — shared with docker and the CLI',
      'Manifest Studio keychain — this app only',
    ]);
    const logIn = async (registry: string) => {
      fireEvent.change(screen.getByTestId('login-registry'), { target: { value: registry } });
      fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'alice' } });
      fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'right' } });
      fireEvent.click(screen.getByTestId('login-submit'));
      return screen.findByTestId(`login-row-${registry}`);
    };
    const dockerRow = await logIn('docker.example');
    expect(dockerRow.textContent).toContain('config.json (auths)');
    fireEvent.change(store, { target: { value: 'app' } });
    const appRow = await logIn('app.example');
    expect(appRow.textContent).toContain('Manifest Studio keychain');
    expect(appRow.textContent).not.toContain('config.json');
    const logins = api.calls.filter((c) => c.channel === 'credentials.login').map((c) => c.input);
    expect(logins).toEqual([
      { registry: 'docker.example', username: 'alice', password: 'right', store: 'docker' },
      { registry: 'app.example', username: 'alice', password: 'right', store: 'app' },
    ]);
  });

  it('does not offer the keychain in the browser face, which has none', async () => {
    const api = setup('browser');
    await screen.findByTestId('logins-table');
    const store = screen.getByTestId('login-store') as HTMLSelectElement;
    // Let the app.info answer arrive and render (the desktop case above shows it adds the option).
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'app.info')).toBe(true));
    await new Promise((r) => setTimeout(r, 50));
    expect([...store.options].map((o) => o.value)).toEqual(['docker']);
  });

  it("starts the login form on the registry a route names (Inspect's “Log in to …”)", async () => {
    useNavigationStore.getState().navigate({ screen: 'credentials', registry: 'ghcr.io' });
    setup();
    await screen.findByTestId('logins-table');
    expect((screen.getByTestId('login-registry') as HTMLInputElement).value).toBe('ghcr.io');
  });

  it('saves per-registry TLS settings', async () => {
    const api = setup();
    fireEvent.click(await screen.findByTestId('tls-add'));
    fireEvent.change(screen.getByTestId('tls-registry'), { target: { value: 'localhost:5443' } });
    fireEvent.change(screen.getByTestId('tls-ca-file'), { target: { value: '/tmp/ca.pem' } });
    fireEvent.click(screen.getByTestId('tls-plain-http'));
    fireEvent.click(screen.getByTestId('tls-plain-http'));
    fireEvent.click(screen.getByTestId('tls-save'));
    const row = await screen.findByTestId('tls-row-localhost:5443');
    expect(row.textContent).toContain('CA /tmp/ca.pem');
    expect(api.calls.at(-1)?.input).toEqual({ registry: 'localhost:5443', settings: { caFile: '/tmp/ca.pem', plainHttp: undefined } });
  });
});
