import { readFileSync } from 'node:fs';
import type { SecureContext } from 'node:tls';
import { StudioError } from '../../shared/errors';
import type { TlsConfig } from './transport';

/**
 * What a verifying TLS connection trusts: Node's built-in roots, the certificates in `extraFile`
 * (`MANIFEST_STUDIO_EXTRA_CA_CERTS`) and a registry's own CAs (settings file, certs.d), as docker adds a
 * registry's CAs to the system pool.
 *
 * Why an extra file of our own: Node 20 parses its built-in roots and the `NODE_EXTRA_CA_CERTS` file as it
 * starts, before any of our code runs (60 ms of CPU for a system bundle on a test machine), whether or not
 * the run ever opens a TLS connection. The installed command's launcher hands that variable over to this one
 * (see bin/manifest-studio.js), so the same certificates are parsed only when a TLS connection needs them.
 */
export class TrustedRoots {
  /** The extra file's text; undefined until first needed. */
  private extra: string | undefined;
  /** The context of every verifying host without CAs or a client certificate of its own. */
  private shared: SecureContext | undefined;
  /** The context of every host whose certificate is not verified (`--insecure`, `insecure: true`). */
  private unverified: SecureContext | undefined;

  constructor(private readonly extraFile?: string) {}

  /**
   * The secure context for one host's TLS settings, or undefined where Node's default context is the same
   * (nothing beyond Node's roots to trust and no client certificate). Throws SETTINGS_INVALID when the
   * extra file cannot be read: trusting less than the user asked for would fail later, and less clearly.
   */
  context(t: TlsConfig): SecureContext | undefined {
    // Loaded here: the CLI launcher bundles this too, and a run that opens no TLS connection needs no TLS.
    const { createSecureContext, rootCertificates } = process.getBuiltinModule('node:tls');
    if (!t.rejectUnauthorized) {
      // Nothing is verified, so no roots. Without a `ca` Node builds its whole root store for the context
      // (20–25 ms of CPU), and an https attempt at a plain-HTTP registry (--insecure) paid that every run.
      if (t.cert || t.key) return createSecureContext({ ca: [], cert: t.cert, key: t.key });
      return (this.unverified ??= createSecureContext({ ca: [] }));
    }
    const own = t.ca ?? [];
    const extra = this.extraFile ? [this.extraText(this.extraFile)] : [];
    const ca = own.length || extra.length ? [...rootCertificates, ...extra, ...own] : undefined;
    if (t.cert || t.key || own.length) return createSecureContext({ ca, cert: t.cert, key: t.key });
    // Shared: given `ca`, Node parses every certificate again for each new context (40–70 ms here).
    if (ca) return (this.shared ??= createSecureContext({ ca }));
    return undefined;
  }

  private extraText(file: string): string {
    if (this.extra === undefined) {
      try {
        this.extra = readFileSync(file, 'utf8');
      } catch (e) {
        throw new StudioError('SETTINGS_INVALID', `cannot read the extra CA certificates in ${file}: ${e instanceof Error ? e.message : String(e)}`, {
          hint: 'Fix or unset MANIFEST_STUDIO_EXTRA_CA_CERTS.',
          cause: e,
        });
      }
    }
    return this.extra;
  }
}
