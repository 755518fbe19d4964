import { readFileSync } from 'node:fs';
import type { SecureContext } from 'node:tls';

/** TLS settings for one `host:port`. */
export interface TlsConfig {
  rejectUnauthorized: boolean;
  /** The registry's own CAs, trusted besides the roots (see TrustedRoots). */
  ca?: string[];
  cert?: string;
  key?: string;
}

/**
 * What a verifying TLS connection trusts: Node's roots (with the `NODE_EXTRA_CA_CERTS` file Node read at
 * start-up) and a registry's own CAs (settings file, certs.d), as docker adds a registry's CAs to the system
 * pool. Node's default context already holds the extra file; a context given `ca` replaces that store, so
 * for a host with CAs of its own the extra file is read here (`extraFile`) and added back.
 */
export class TrustedRoots {
  /** The extra file's text ('' when it cannot be read: Node warned at start-up and went on without it). */
  private extra: string | undefined;
  /** The context of every host whose certificate is not verified (`--insecure`, `insecure: true`). */
  private unverified: SecureContext | undefined;

  constructor(private readonly extraFile?: string) {}

  /**
   * The secure context for one host's TLS settings, or undefined where Node's default context is the same
   * (no CAs and no client certificate of its own).
   */
  context(t: TlsConfig): SecureContext | undefined {
    const { createSecureContext, rootCertificates } = process.getBuiltinModule('node:tls');
    if (!t.rejectUnauthorized) {
      // Nothing is verified, so no roots: without a `ca` Node would build its whole root store for nothing.
      if (t.cert || t.key) return createSecureContext({ ca: [], cert: t.cert, key: t.key });
      return (this.unverified ??= createSecureContext({ ca: [] }));
    }
    const own = t.ca ?? [];
    if (!own.length && !t.cert && !t.key) return undefined;
    const ca = own.length ? [...rootCertificates, ...this.extraCerts(), ...own] : undefined;
    return createSecureContext({ ca, cert: t.cert, key: t.key });
  }

  private extraCerts(): string[] {
    if (this.extra === undefined) {
      try {
        this.extra = this.extraFile ? readFileSync(this.extraFile, 'utf8') : '';
      } catch {
        this.extra = '';
      }
    }
    return this.extra ? [this.extra] : [];
  }
}
