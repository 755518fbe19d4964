import { describe, expect, it } from 'vitest';
import { type ExchangeResult, ResponseReader, requestBytes } from './early-http';

/** Feeds `raw` to a reader in pieces of `size` bytes (1 = every byte its own chunk) and returns its result. */
function read(raw: string, size = raw.length, maxBytes = 1 << 20): ExchangeResult | undefined {
  const bytes = Buffer.from(raw, 'latin1');
  const reader = new ResponseReader(maxBytes);
  let result: ExchangeResult | undefined;
  for (let i = 0; i < bytes.length; i += size) {
    expect(result, 'a result came before the last byte').toBeUndefined();
    result = reader.push(bytes.subarray(i, i + size));
  }
  return result;
}

const text = (r: ExchangeResult | undefined): string | undefined => (r?.answer ? Buffer.from(r.answer.body).toString('latin1') : undefined);
const notTaken = { answer: undefined, reusable: false };

describe('early HTTP/1.1: requests', () => {
  it('writes the GET with the host and the caller\'s headers, kept alive', () => {
    const req = requestBytes(new URL('http://[::1]:5000/v2/a/b/manifests/sha256:ab?n=1'), { 'user-agent': 'ms', accept: 'x, y' });
    expect(req).toBe('GET /v2/a/b/manifests/sha256:ab?n=1 HTTP/1.1\r\nhost: [::1]:5000\r\nuser-agent: ms\r\naccept: x, y\r\nconnection: keep-alive\r\n\r\n');
    expect(requestBytes(new URL('https://r.example:443/v2/'), {})).toContain('\r\nhost: r.example\r\n');
  });

  it('refuses a header that would split the request', () => {
    expect(() => requestBytes(new URL('http://h/'), { a: 'x\r\nevil: 1' })).toThrow();
    expect(() => requestBytes(new URL('http://h/'), { 'a\r\nb': 'x' })).toThrow();
  });
});

describe('early HTTP/1.1: responses', () => {
  const withLength = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nWWW-Authenticate: a\r\nwww-authenticate: b\r\n\r\n{"a":"bc"}\n';

  it('reads a Content-Length body exactly, however the bytes are split', () => {
    for (const size of [1, 3, 17, withLength.length]) {
      const r = read(withLength, size);
      expect(text(r)).toBe('{"a":"bc"}\n');
      expect(r?.reusable).toBe(true);
      expect(r?.answer?.status).toBe(200);
      expect(r?.answer?.headers['content-type']).toBe('application/json');
      // Repeated headers keep every value, in order, under the lower-case name.
      expect(r?.answer?.headers['www-authenticate']).toEqual(['a', 'b']);
    }
  });

  it('decodes a chunked body with extensions and trailers', () => {
    const raw = 'HTTP/1.1 401 Unauthorized\r\ntransfer-encoding: chunked\r\n\r\n4;ext=1\r\n{"er\r\nA\r\nrors":[]}\n\r\n0\r\nx-trailer: t\r\n\r\n';
    for (const size of [1, 5, raw.length]) {
      const r = read(raw, size);
      expect(r?.answer?.status).toBe(401);
      expect(text(r)).toBe('{"errors":[]}\n');
      expect(r?.reusable).toBe(true);
    }
  });

  it('answers with no body where the status has none, and says when the connection is closing', () => {
    expect(read('HTTP/1.1 304 Not Modified\r\netag: "x"\r\n\r\n')).toMatchObject({ answer: { status: 304 }, reusable: true });
    expect(read('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nConnection: close\r\n\r\n')?.reusable).toBe(false);
    expect(read('HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n{}')).toMatchObject({ reusable: false });
  });

  it('takes nothing it cannot read for certain', () => {
    const cases = [
      'HTTP/1.1 200 OK\r\ncontent-type: x\r\n\r\n{}', // ends at close: unbounded
      'HTTP/1.1 100 Continue\r\n\r\n',
      'HTTP/2 200\r\ncontent-length: 0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nx-a: 1\r\n folded\r\ncontent-length: 0\r\n\r\n',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 2\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1 200 OK', // more than announced
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nextra',
    ];
    for (const raw of cases) expect(read(raw), raw).toEqual(notTaken);
  });

  it('takes no body over the limit, announced or chunked', () => {
    expect(read('HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\n', undefined, 10)).toEqual(notTaken);
    expect(read('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nb\r\n', undefined, 10)).toEqual(notTaken);
    expect(read(`HTTP/1.1 200 OK\r\nx: ${'a'.repeat(70_000)}`)).toEqual(notTaken);
  });

  it('waits for the rest of an incomplete response', () => {
    const reader = new ResponseReader(1024);
    expect(reader.push(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\n{}'))).toBeUndefined();
    expect(text(reader.push(Buffer.from('[]')))).toBe('{}[]');
  });
});
