import type { AppInfo, ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc';
import type { AppService } from '../service';
import type { EventSink } from './event-hub';
import { Operations } from './operations';

/** Per-call context the dispatcher gives a handler. */
export interface CallContext {
  /** Aborted when the caller went away (an HTTP client disconnected). */
  signal?: AbortSignal;
}

/** One handler per contract channel: a missing or an extra key is a compile error. */
export type Handlers = {
  [C in ChannelName]: (input: ChannelInput<C>, ctx: CallContext) => Promise<ChannelOutput<C>>;
};

export interface HandlerOptions {
  appInfo: AppInfo;
  /** Pass one in to cancel every long operation on quit; a private one is made otherwise. */
  operations?: Operations;
}

/**
 * Maps every channel onto the `AppService`. A list, not logic: the only extra work here is telling
 * windows that a draft changed, and running pushes in the background.
 */
export function createHandlers(service: AppService, events: EventSink, options: HandlerOptions): Handlers {
  const operations = options.operations ?? new Operations(events);
  /** Runs a draft mutation and tells every face which draft to refetch. */
  const changed = async <T>(ref: string, work: Promise<T>): Promise<T> => {
    const value = await work;
    events.emit('drafts.changed', { ref });
    return value;
  };
  const sig = (ctx: CallContext) => (ctx.signal ? { signal: ctx.signal } : {});

  return {
    'registry.inspect': (i, ctx) => service.inspect(i.ref, sig(ctx)),

    'drafts.list': () => service.listDrafts(),
    'drafts.get': (i) => service.getDraft(i.ref),
    'drafts.create': (i) => changed(i.ref, service.createDraft(i.ref)),
    'drafts.fromRemote': (i, ctx) => changed(i.draftRef, service.draftFromRemote(i.remoteRef, i.draftRef, sig(ctx))),
    'drafts.add': (i, ctx) => changed(i.draftRef, service.addToDraft(i.draftRef, i.imageRef, i.platforms, sig(ctx))),
    'drafts.remove': (i) => changed(i.draftRef, service.removeFromDraft(i.draftRef, i.entryRef)),
    'drafts.setPlatform': (i) => changed(i.draftRef, service.setPlatform(i.draftRef, i.entryRef, i.patch)),
    'drafts.reorder': (i) => changed(i.draftRef, service.reorderDraft(i.draftRef, i.entryRefs)),
    'drafts.setMediaType': (i) => changed(i.draftRef, service.setDraftMediaType(i.draftRef, i.mediaType)),
    'drafts.setAnnotations': (i) =>
      changed(i.draftRef, service.setAnnotations(i.draftRef, i.target, i.annotations)),
    'drafts.delete': async (i) => {
      await changed(i.ref, service.deleteDraft(i.ref));
      return null;
    },

    'push.plan': (i, ctx) => service.planPush(i.draftRef, i.target, sig(ctx)),
    'push.start': async (i) => {
      const operationId = operations.start(
        'push',
        (run) =>
          service.push(i.draftRef, {
            signal: run.signal,
            onProgress: run.onProgress,
            ...(i.target === undefined ? {} : { target: i.target }),
            ...(i.purge === undefined ? {} : { purge: i.purge }),
          }),
        // A purge deletes the draft; even without one, the sidecar may record the push.
        () => events.emit('drafts.changed', { ref: i.draftRef }),
      );
      return { operationId };
    },

    'credentials.list': () => service.listLogins(),
    'credentials.login': (i, ctx) =>
      service.login(i.registry, i.username, i.password, { ...sig(ctx), ...(i.store === undefined ? {} : { store: i.store }) }),
    'credentials.logout': async (i) => {
      await service.logout(i.registry);
      return null;
    },
    'credentials.test': (i, ctx) => service.testConnection(i.registry, sig(ctx)),

    'settings.getRegistries': () => service.getRegistrySettings(),
    'settings.setRegistry': (i) => service.setRegistrySettings(i.registry, i.settings),

    'operations.cancel': async (i) => ({ cancelled: operations.cancel(i.operationId) }),

    'app.info': async () => options.appInfo,
  };
}
