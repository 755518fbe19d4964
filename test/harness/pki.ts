import { execFile } from 'node:child_process';
import { mkdir, writeFile, readFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Paths of the key material the harness generates once per run (PEM files). */
export interface HarnessPki {
  dir: string;
  /** CA certificate clients must trust to talk to the TLS registry. */
  caFile: string;
  caKeyFile: string;
  /** Server certificate for IP:127.0.0.1 and DNS:localhost, signed by the CA. */
  serverCertFile: string;
  serverKeyFile: string;
  /** Self-signed certificate whose key signs bearer tokens (the registry's rootcertbundle). */
  tokenCertFile: string;
  tokenKeyFile: string;
  /** A second, unrelated CA: lets tests prove that an unknown CA is rejected. */
  otherCaFile: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function openssl(args: string[]): Promise<void> {
  await run('openssl', args, { timeout: 30_000 });
}

// P-256 keys are generated in milliseconds; RSA-2048 costs noticeable setup time on a busy machine.
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
// The token signer must be RSA: the tokens are RS256.
const RSA_KEY = ['-newkey', 'rsa:2048'];

async function selfSigned(keyFile: string, certFile: string, subject: string, ca: boolean): Promise<void> {
  const ext = ca ? ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'] : [];
  await openssl(['req', '-x509', ...(ca ? EC_KEY : RSA_KEY), '-nodes', '-sha256', '-days', '30',
    '-keyout', keyFile, '-out', certFile, '-subj', subject, ...ext]);
}

async function serverCert(pki: HarnessPki): Promise<void> {
  const csr = join(pki.dir, 'server.csr');
  const extFile = join(pki.dir, 'server.ext');
  await openssl(['req', '-new', ...EC_KEY, '-nodes', '-sha256',
    '-keyout', pki.serverKeyFile, '-out', csr, '-subj', '/CN=127.0.0.1']);
  // Clients check the SAN, never the CN, so both loopback spellings go there.
  await writeFile(extFile, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '',
  ].join('\n'));
  await openssl(['x509', '-req', '-in', csr, '-CA', pki.caFile, '-CAkey', pki.caKeyFile, '-CAcreateserial',
    '-days', '30', '-sha256', '-extfile', extFile, '-out', pki.serverCertFile]);
}

/** Generates (or reuses, when already present in `dir`) the CA, server and token-signing material. */
export async function createPki(dir: string): Promise<HarnessPki> {
  await mkdir(dir, { recursive: true });
  const pki: HarnessPki = {
    dir,
    caFile: join(dir, 'ca.pem'),
    caKeyFile: join(dir, 'ca.key'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    tokenCertFile: join(dir, 'token.pem'),
    tokenKeyFile: join(dir, 'token.key'),
    otherCaFile: join(dir, 'other-ca.pem'),
  };
  if (await exists(pki.serverCertFile) && await exists(pki.tokenCertFile) && await exists(pki.otherCaFile)) return pki;
  await Promise.all([
    selfSigned(pki.caKeyFile, pki.caFile, '/CN=Manifest Studio Test CA', true),
    selfSigned(pki.tokenKeyFile, pki.tokenCertFile, '/CN=Manifest Studio Test Token Signer', false),
    selfSigned(join(dir, 'other-ca.key'), pki.otherCaFile, '/CN=Unrelated Test CA', true),
  ]);
  await serverCert(pki);
  return pki;
}

/** Reads a PEM file as text (convenience for undici `connect.ca`). */
export async function readPem(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
