import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, X509Certificate } from 'node:crypto';

/** One entry of the `access` claim distribution checks against the request it guards. */
export interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

/** What signs tokens: the private key plus the certificate the registry trusts (rootcertbundle). */
export interface TokenSigner {
  keyPem: string;
  certPem: string;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * libtrust key id, as docker/libtrust `keyIDFromCryptoKey` computes it: SHA-256 of the DER
 * SubjectPublicKeyInfo, first 240 bits, base32, 12 groups of 4 joined by ':'.
 */
export function libtrustKeyId(certPem: string): string {
  const spki = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  const hash = createHash('sha256').update(spki).digest().subarray(0, 30);
  const encoded = base32(hash);
  const groups: string[] = [];
  for (let i = 0; i < encoded.length; i += 4) groups.push(encoded.slice(i, i + 4));
  return groups.join(':');
}

/** Parameters of one token. */
export interface TokenClaimsInput {
  issuer: string;
  service: string;
  subject: string;
  access: AccessEntry[];
  expiresInSeconds: number;
  /** Which key reference goes in the header; default both (works with every distribution version). */
  keyRef?: 'both' | 'kid' | 'x5c';
}

/**
 * Signs an RS256 JWT the way distribution 2.8 wants it: header with both `x5c` (signing cert, base64
 * DER) and a libtrust `kid`; `aud` as a plain string.
 */
export function signRegistryToken(signer: TokenSigner, input: TokenClaimsInput): string {
  const der = new X509Certificate(signer.certPem).raw;
  const keyRef = input.keyRef ?? 'both';
  const header = {
    typ: 'JWT', alg: 'RS256',
    ...(keyRef === 'x5c' ? {} : { kid: libtrustKeyId(signer.certPem) }),
    ...(keyRef === 'kid' ? {} : { x5c: [der.toString('base64')] }),
  };
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: input.issuer,
    sub: input.subject,
    aud: input.service,
    exp: now + input.expiresInSeconds,
    // A little slack for clocks: registry and token server share one clock here, but nbf = now is brittle.
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    access: input.access,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput), createPrivateKey(signer.keyPem));
  return `${signingInput}.${b64url(signature)}`;
}

/** Decodes (without verifying) the payload of a JWT; for tests that inspect claims. */
export function decodeJwtPart(token: string, part: 0 | 1): unknown {
  const segment = token.split('.')[part];
  if (segment === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}
