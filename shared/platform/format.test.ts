import { describe, expect, it } from 'vitest';
import type { Platform } from '../oci';
import { StudioError } from '../errors';
import { formatPlatform, parsePlatform, platformKey } from './index';

describe('formatPlatform / parsePlatform', () => {
  it.each<[string, Platform]>([
    ['linux/amd64', { architecture: 'amd64', os: 'linux' }],
    ['linux/arm/v7', { architecture: 'arm', os: 'linux', variant: 'v7' }],
    ['linux/arm64/v8', { architecture: 'arm64', os: 'linux', variant: 'v8' }],
    ['windows(10.0.17763.1234)/amd64', { architecture: 'amd64', os: 'windows', 'os.version': '10.0.17763.1234' }],
    [
      'windows(10.0.20348+win32k)/amd64',
      { architecture: 'amd64', os: 'windows', 'os.version': '10.0.20348', 'os.features': ['win32k'] },
    ],
    ['linux(+a+b)/amd64', { architecture: 'amd64', os: 'linux', 'os.features': ['a', 'b'] }],
    ['linux(1%2B2%28x%29%2Fy%25)/x86_64/banana', { architecture: 'x86_64', os: 'linux', 'os.version': '1+2(x)/y%', variant: 'banana' }],
  ])('%s round-trips', (text, platform) => {
    expect(formatPlatform(platform)).toBe(text);
    expect(parsePlatform(text)).toEqual(platform);
  });

  it('writes os.features sorted, like containerd', () => {
    expect(formatPlatform({ architecture: 'amd64', os: 'windows', 'os.features': ['z', 'a'] })).toBe('windows(+a+z)/amd64');
  });

  it('does not normalise: docker manifest stores what it is given', () => {
    expect(parsePlatform('Linux/aarch64')).toEqual({ architecture: 'aarch64', os: 'Linux' });
    expect(parsePlatform('linux/arm64')).toEqual({ architecture: 'arm64', os: 'linux' });
  });

  it.each(['', 'linux', 'linux/', '/amd64', 'linux/amd64/', 'linux/arm/v7/extra', 'linux /amd64', 'li(nux/amd64', 'linux(1.0/amd64', 'linux(%zz)/amd64'])(
    'rejects %j with PLATFORM_INVALID',
    (text) => {
      let caught: unknown;
      try {
        parsePlatform(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StudioError);
      expect((caught as StudioError).code).toBe('PLATFORM_INVALID');
      expect((caught as StudioError).message).toContain(`invalid platform "${text}"`);
    },
  );
});

describe('platformKey', () => {
  const key = (s: string): string => platformKey(parsePlatform(s));

  it('treats arm64 with no variant and arm64/v8 as the same platform', () => {
    expect(key('linux/arm64')).toBe(key('linux/arm64/v8'));
  });

  it.each([
    ['linux/arm/v6', 'linux/arm/v7'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/amd64', 'linux/amd64/v2'],
    ['linux/arm64', 'linux/arm64/v9'],
    ['windows(10.0.17763)/amd64', 'windows(10.0.20348)/amd64'],
    ['windows/amd64', 'windows(10.0.20348)/amd64'],
    ['linux/amd64', 'Linux/amd64'],
    ['linux/amd64', 'windows/amd64'],
  ])('%s differs from %s', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });

  it('ignores os.features and cannot be confused by separators inside values', () => {
    expect(key('windows(10.0+a)/amd64')).toBe(key('windows(10.0)/amd64'));
    const a: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' };
    const b: Platform = { os: 'linux/arm', architecture: 'v7' };
    expect(platformKey(a)).not.toBe(platformKey(b));
  });
});
