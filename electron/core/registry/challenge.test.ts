import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from './challenge';

describe('parseWwwAuthenticate', () => {
  it('parses a Docker Hub bearer challenge', () => {
    const c = parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"');
    expect(c).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' },
      },
    ]);
  });

  it('keeps commas and escaped quotes inside quoted strings', () => {
    const c = parseWwwAuthenticate('Bearer realm="https://t/x",scope="repository:a:pull,push",error="say \\"no\\""');
    expect(c[0]?.params).toEqual({ realm: 'https://t/x', scope: 'repository:a:pull,push', error: 'say "no"' });
  });

  it('splits several challenges in one header and across headers', () => {
    const c = parseWwwAuthenticate(['Basic realm="r1", Bearer realm="https://t", service=s', 'Negotiate abc==, Digest realm="d"']);
    expect(c.map((x) => x.scheme)).toEqual(['basic', 'bearer', 'negotiate', 'digest']);
    expect(c[1]?.params).toEqual({ realm: 'https://t', service: 's' });
    expect(c[3]?.params).toEqual({ realm: 'd' });
  });

  it('lower-cases schemes and parameter names, tolerates spaces', () => {
    const c = parseWwwAuthenticate('BEARER  Realm = "x" ,  Service="y"');
    expect(c).toEqual([{ scheme: 'bearer', params: { realm: 'x', service: 'y' } }]);
  });

  it('returns nothing for absent or empty headers', () => {
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate('')).toEqual([]);
  });
});
