import { readFile } from 'node:fs/promises';
import { Agent, request, type Dispatcher } from 'undici';
import type { RegistryInfo } from './registry';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT';

/**
 * A deliberately small push client (monolithic uploads, manifest PUT) so the harness stays an
 * independent witness of what the registry holds. Authenticates as the registry's push account.
 */
export class SeedPusher {
  private readonly tokens = new Map<string, string>();

  private constructor(private readonly reg: RegistryInfo, private readonly dispatcher: Dispatcher) {}

  static async create(reg: RegistryInfo): Promise<SeedPusher> {
    const ca = reg.caFile ? await readFile(reg.caFile, 'utf8') : undefined;
    return new SeedPusher(reg, new Agent({ connections: 8, ...(ca ? { connect: { ca } } : {}) }));
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private basic(): string {
    return `Basic ${Buffer.from(`${this.reg.username ?? ''}:${this.reg.password ?? ''}`).toString('base64')}`;
  }

  private async authHeader(repo: string): Promise<string | undefined> {
    if (this.reg.mode === 'basic') return this.basic();
    if (this.reg.mode !== 'token') return undefined;
    const cached = this.tokens.get(repo);
    if (cached) return cached;
    const url = new URL(this.reg.tokenRealm ?? '');
    url.searchParams.set('service', this.reg.tokenService ?? '');
    url.searchParams.set('scope', `repository:${repo}:pull,push`);
    const res = await request(url, { headers: { authorization: this.basic() }, dispatcher: this.dispatcher });
    const body = await res.body.json() as { token?: unknown };
    if (res.statusCode !== 200 || typeof body.token !== 'string') throw new Error(`token server answered ${res.statusCode}`);
    const header = `Bearer ${body.token}`;
    this.tokens.set(repo, header);
    return header;
  }

  private async send(repo: string, method: Method, url: string, headers: Record<string, string> = {}, body?: Buffer | string) {
    const auth = await this.authHeader(repo);
    const res = await request(url, {
      method, dispatcher: this.dispatcher, headers: { ...headers, ...(auth ? { authorization: auth } : {}) },
      ...(body === undefined ? {} : { body }),
    });
    const text = method === 'HEAD' ? '' : await res.body.text();
    if (method === 'HEAD') await res.body.dump();
    return { status: res.statusCode, headers: res.headers, text };
  }

  /**
   * Monolithic upload: POST opens an upload, PUT sends all bytes with the digest. No HEAD first: the
   * registries are fresh and re-uploading an existing blob is harmless, so a probe only costs time.
   */
  async pushBlob(repo: string, digest: string, bytes: Buffer): Promise<void> {
    const start = await this.send(repo, 'POST', `${this.reg.url}/v2/${repo}/blobs/uploads/`);
    const location = start.headers.location;
    if (start.status !== 202 || typeof location !== 'string') throw new Error(`upload start for ${repo} answered ${start.status}: ${start.text}`);
    const put = new URL(location, this.reg.url);
    put.searchParams.set('digest', digest);
    const done = await this.send(repo, 'PUT', put.toString(), {
      'content-type': 'application/octet-stream', 'content-length': String(bytes.length),
    }, bytes);
    if (done.status !== 201) throw new Error(`blob PUT ${digest} to ${repo} answered ${done.status}: ${done.text}`);
  }

  /** PUTs exact manifest bytes and checks the registry computed the digest we did. */
  async pushManifest(repo: string, ref: string, mediaType: string, raw: string, expectedDigest: string): Promise<void> {
    const res = await this.send(repo, 'PUT', `${this.reg.url}/v2/${repo}/manifests/${ref}`, { 'content-type': mediaType }, raw);
    if (res.status !== 201) throw new Error(`manifest PUT ${repo}:${ref} answered ${res.status}: ${res.text}`);
    const got = res.headers['docker-content-digest'];
    if (got !== expectedDigest) throw new Error(`registry computed ${String(got)} for ${repo}:${ref}, expected ${expectedDigest}`);
  }
}
