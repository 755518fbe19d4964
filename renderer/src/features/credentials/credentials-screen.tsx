import { useScreenRoute } from '../../navigation';
import { LoginForm } from './login-form';
import { LoginsSection } from './logins-section';
import { TlsSection } from './tls-section';

export function CredentialsScreen() {
  // A route may name a registry (Inspect's "Log in to …"): the form starts with it filled in.
  const { registry } = useScreenRoute('credentials');
  return (
    <div className="screen scroll" data-testid="credentials-screen">
      <section className="section" aria-labelledby="logins-heading">
        <h2 id="logins-heading">Registry logins</h2>
        <p className="muted">
          Shared with docker (<code>~/.docker/config.json</code> and its credential helpers). Secrets never reach this
          window.
        </p>
        <LoginsSection />
      </section>
      <section className="section" aria-labelledby="login-heading">
        <h2 id="login-heading">Log in</h2>
        <LoginForm key={registry ?? ''} initialRegistry={registry} />
      </section>
      <section className="section" aria-labelledby="tls-heading">
        <h2 id="tls-heading">Connection settings</h2>
        <p className="muted">Per-registry TLS and HTTP settings, used by the app and the CLI alike.</p>
        <TlsSection />
      </section>
    </div>
  );
}
