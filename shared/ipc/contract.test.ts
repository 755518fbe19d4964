import { describe, expect, expectTypeOf, it } from 'vitest';
import type { StudioErrorData } from '../errors';
import type { DraftView } from '../model';
import { CHANNEL_NAMES, EVENT_NAMES, isChannelName, isEventName } from './names';
import { contract, events, type ChannelInput, type ChannelOutput, type EventPayload } from './contract';
import { ErrorDataSchema } from './errors-schema';

describe('the IPC contract', () => {
  it('lists the same names as the preload allow-list', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });

  it('names channels domain.verb', () => {
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('infers input and output types from the schemas', () => {
    expectTypeOf<ChannelInput<'drafts.add'>>().toEqualTypeOf<{ draftRef: string; imageRef: string; platforms?: string[] | undefined }>();
    expectTypeOf<ChannelOutput<'drafts.get'>>().toEqualTypeOf<DraftView>();
    expectTypeOf<ChannelOutput<'drafts.delete'>>().toEqualTypeOf<null>();
    expectTypeOf<EventPayload<'operation.done'>>().toExtend<{ operationId: string; kind: 'push' }>();
  });

  it('refuses unknown fields instead of dropping them', () => {
    expect(contract['drafts.create'].input.safeParse({ ref: 'a' }).success).toBe(true);
    expect(contract['drafts.create'].input.safeParse({ ref: 'a', amend: true }).success).toBe(false);
    expect(contract['drafts.list'].input.safeParse({}).success).toBe(true);
    expect(contract['drafts.list'].input.safeParse(undefined).success).toBe(false);
  });

  it('accepts both operation.done shapes of each kind, and error data with every code', () => {
    const done = events['operation.done'];
    expect(done.safeParse({ operationId: 'x', kind: 'push', error: { code: 'CANCELLED', message: 'm' } }).success).toBe(true);
    expect(done.safeParse({ operationId: 'x', kind: 'push', outcome: { target: 't', digest: 'd', pushedChildren: [] } }).success).toBe(true);
    expect(done.safeParse({ operationId: 'x', kind: 'push' }).success).toBe(false);
    expect(done.safeParse({ operationId: 'x', kind: 'copy', outcome: { target: 't', digest: 'd', pushedChildren: [] } }).success).toBe(false);
    const progress = events['operation.progress'];
    expect(progress.safeParse({ operationId: 'x', kind: 'push', progress: { stepIndex: 0, stepCount: 1, digest: 'd', state: 'done' } }).success).toBe(true);
    expect(progress.safeParse({ operationId: 'x', kind: 'push', progress: { stepIndex: 0 } }).success).toBe(false);
    expect(ErrorDataSchema.safeParse({ code: 'NOT_A_CODE', message: 'm' }).success).toBe(false);
    expectTypeOf<ReturnType<typeof ErrorDataSchema.parse>>().toEqualTypeOf<StudioErrorData>();
  });

  it('guards names at runtime', () => {
    expect(isChannelName('drafts.get')).toBe(true);
    expect(isChannelName('constructor')).toBe(false);
    expect(isChannelName(42)).toBe(false);
    expect(isEventName('operation.progress')).toBe(true);
    expect(isEventName('push.progress')).toBe(false);
    expect(isEventName('drafts.get')).toBe(false);
  });
});
