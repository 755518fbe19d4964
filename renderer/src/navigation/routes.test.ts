import { describe, expect, it } from 'vitest';
import { describeRoute, parseRoute, routeFromHash, routeToHash, sameRoute, type Route } from './routes';

describe('routes in the URL hash', () => {
  it('round-trips every screen and its params, escaping what a reference contains', () => {
    const routes: Route[] = [
      { screen: 'inspect' },
      { screen: 'inspect', ref: 'localhost:5000/team/app@sha256:' + 'a'.repeat(64) },
      { screen: 'drafts', draftRef: 'reg/app:1' },
      { screen: 'drafts', copyFrom: 'reg/app:1 & more' },
      { screen: 'credentials', registry: 'ghcr.io' },
    ];
    for (const r of routes) expect(routeFromHash(routeToHash(r))).toEqual(r);
    expect(routeToHash({ screen: 'drafts', draftRef: 'reg/app:1' })).toBe('#/drafts?draft=reg%2Fapp%3A1');
  });

  it('reads nothing from a hash that is not a route', () => {
    expect(routeFromHash('')).toBeNull();
    expect(routeFromHash('#section')).toBeNull();
    expect(routeFromHash('#/settings')).toBeNull();
    expect(routeFromHash('#/constructor')).toBeNull();
  });

  it('rejects what is not a route from history.state, and treats missing and empty params alike', () => {
    expect(parseRoute({ screen: 'inspect', ref: 3 })).toBeNull();
    expect(parseRoute('inspect')).toBeNull();
    expect(sameRoute({ screen: 'inspect', ref: '' }, { screen: 'inspect' })).toBe(true);
    expect(sameRoute({ screen: 'inspect', ref: 'a' }, { screen: 'inspect', ref: 'b' })).toBe(false);
    expect(describeRoute({ screen: 'drafts', draftRef: 'reg/app:1' })).toBe('Draft reg/app:1');
  });
});
