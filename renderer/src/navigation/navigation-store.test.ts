import { beforeEach, describe, expect, it } from 'vitest';
import { resetStores } from '../testing/render';
import { useNavigationStore } from './navigation-store';

const nav = () => useNavigationStore.getState();

beforeEach(resetStores);

describe('navigation store', () => {
  it('starts on Inspect with nowhere to go', () => {
    expect(nav().current).toEqual({ screen: 'inspect' });
    expect(nav().back).toEqual([]);
    expect(nav().forward).toEqual([]);
  });

  it('goes back and forward through what the user visited, and a new step drops the forward stack', () => {
    nav().navigate({ screen: 'inspect', ref: 'reg/a:1' });
    nav().navigate({ screen: 'drafts', draftRef: 'reg/d:1' });
    nav().navigate({ screen: 'credentials' });
    nav().goBack();
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/d:1' });
    nav().goBack();
    expect(nav().current).toEqual({ screen: 'inspect', ref: 'reg/a:1' });
    expect(nav().forward).toEqual([{ screen: 'credentials' }, { screen: 'drafts', draftRef: 'reg/d:1' }]);
    nav().goForward();
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/d:1' });
    nav().navigate({ screen: 'inspect', ref: 'reg/b:1' });
    expect(nav().forward).toEqual([]);
    expect(nav().back).toEqual([{ screen: 'inspect' }, { screen: 'inspect', ref: 'reg/a:1' }, { screen: 'drafts', draftRef: 'reg/d:1' }]);
  });

  it('does nothing at either end', () => {
    nav().goBack();
    nav().goForward();
    expect(nav().current).toEqual({ screen: 'inspect' });
    expect(nav().move).toBe('init');
  });

  it('adds no entry for the route already shown, nor for empty params', () => {
    nav().navigate({ screen: 'inspect', ref: 'reg/a:1' });
    nav().navigate({ screen: 'inspect', ref: ' reg/a:1 ' });
    nav().navigate({ screen: 'drafts', draftRef: '' });
    nav().navigate({ screen: 'drafts' });
    expect(nav().back).toEqual([{ screen: 'inspect' }, { screen: 'inspect', ref: 'reg/a:1' }]);
    expect(nav().current).toEqual({ screen: 'drafts' });
  });

  it('replaces the current entry without adding one', () => {
    nav().navigate({ screen: 'drafts', draftRef: 'reg/gone:1' });
    nav().replace({ screen: 'drafts' });
    expect(nav().current).toEqual({ screen: 'drafts' });
    expect(nav().back).toEqual([{ screen: 'inspect' }]);
    nav().goBack();
    expect(nav().forward).toEqual([{ screen: 'drafts' }]);
  });

  it('a screen tab returns to what that screen last showed', () => {
    nav().navigate({ screen: 'inspect', ref: 'reg/a:1' });
    nav().navigate({ screen: 'drafts', draftRef: 'reg/d:1' });
    nav().showScreen('inspect');
    expect(nav().current).toEqual({ screen: 'inspect', ref: 'reg/a:1' });
    nav().showScreen('drafts');
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/d:1' });
    nav().showScreen('credentials');
    expect(nav().current).toEqual({ screen: 'credentials' });
    // A copy request is not where the Drafts tab leads back to.
    nav().navigate({ screen: 'drafts', copyFrom: 'reg/app:1' });
    nav().goBack();
    nav().showScreen('drafts');
    expect(nav().current).toEqual({ screen: 'drafts', draftRef: 'reg/d:1' });
  });

  it('restores a position the browser moved to, keeping the forward stack when the entry is on our timeline', () => {
    nav().navigate({ screen: 'inspect', ref: 'reg/a:1' });
    nav().navigate({ screen: 'drafts' });
    nav().restore([{ screen: 'inspect' }], { screen: 'inspect', ref: 'reg/a:1' });
    expect(nav().forward).toEqual([{ screen: 'drafts' }]);
    expect(nav().move).toBe('restore');
    // An entry that is not where our timeline has it (another session's): its back stack, no forward.
    nav().restore([{ screen: 'credentials' }], { screen: 'drafts', draftRef: 'x' });
    expect(nav().back).toEqual([{ screen: 'credentials' }]);
    expect(nav().forward).toEqual([]);
  });
});
