import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../types';
import type { HistoryEntry } from '../store/MemoryObjectStore';
import type { ResourceRequest } from './handlers/context';
import { toJson } from '../store/objectUtil';
import { groupVersion } from './registry';
import { objectFilter } from './selectors';
import { errors, statusBody } from './status';
import { acceptedTableVersion, toTable } from './table';

export interface WatchSettings {
  /** Server-side close after this long unless the client sent timeoutSeconds. */
  watchTimeoutMs: number;
  /** How often a BOOKMARK is sent when the client allows bookmarks. */
  bookmarkIntervalMs: number;
}

/** A slow reader that lets this much pile up gets disconnected, as the real server does. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

interface OpenWatch {
  /** Ends the stream cleanly (client sees EOF and re-watches). */
  close(): void;
  /** Drops the connection (client sees a reset). */
  destroy(): void;
}

/** The open watch streams of one cluster, so faults can close or drop them. */
export class WatchRegistry {
  private readonly open = new Set<OpenWatch>();

  add(w: OpenWatch): () => void {
    this.open.add(w);
    return () => {
      this.open.delete(w);
    };
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): number {
    const all = [...this.open];
    all.forEach(w => w.close());
    return all.length;
  }

  destroyAll(): number {
    const all = [...this.open];
    all.forEach(w => w.destroy());
    return all.length;
  }
}

function parseResourceVersion(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') return undefined;
  if (!/^[0-9]+$/.test(value)) {
    throw errors.badRequest(`invalid resource version "${value}"`);
  }
  return Number(value);
}

function parseTimeoutSeconds(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^[0-9]+$/.test(value))
    throw errors.badRequest(`invalid timeoutSeconds "${value}"`);
  return Number(value);
}

/**
 * A watch: one JSON line per event over a chunked 200 response whose headers are flushed at
 * once (client-node's informer waits for them). Without a resourceVersion (or "0") it starts
 * with ADDED for every current object; from RV=N it replays the history after N, or sends a
 * 410 Expired ERROR event and closes when N was compacted away.
 */
export function handleWatch(
  ctx: ResourceRequest,
  registry: WatchRegistry,
  settings: WatchSettings,
  onStart: () => void,
): void {
  const { resource: r, store, res } = ctx;
  const query = new URLSearchParams(ctx.query);
  // A watch on a named path watches that one object.
  if (ctx.name !== undefined) {
    const existing = query.get('fieldSelector');
    query.set(
      'fieldSelector',
      `metadata.name=${ctx.name}${existing ? `,${existing}` : ''}`,
    );
  }
  const matches = objectFilter(r, query, ctx.namespace);
  const fromRv = parseResourceVersion(query.get('resourceVersion'));
  const timeoutSeconds = parseTimeoutSeconds(query.get('timeoutSeconds'));
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  // Streaming lists (client-go's WatchList): initial state as ADDED events, then a bookmark
  // annotated as the end of the initial events, whatever resourceVersion was given.
  const sendInitialEvents = query.get('sendInitialEvents') === 'true';

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  onStart();

  const tableVersion = acceptedTableVersion(ctx.req);
  // kubectl get -w asks for Tables; object events then carry a one-row Table.
  const asTable = (object: KubeObject) =>
    toTable(r, [object], {
      version: tableVersion!,
      includeObject: query.get('includeObject'),
      resourceVersion: object.metadata.resourceVersion ?? '',
      now: ctx.clock.now(),
    });
  const write = (type: string, object: unknown) => {
    if (res.destroyed || res.writableEnded) return;
    const isObjectEvent =
      type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED';
    const payload =
      tableVersion && isObjectEvent ? asTable(object as KubeObject) : object;
    // Stored objects are frozen and their JSON cached: one serialization for all watchers.
    res.write(`{"type":${JSON.stringify(type)},"object":${toJson(payload)}}\n`);
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  };
  const bookmark = (annotations?: Record<string, string>) =>
    write('BOOKMARK', {
      kind: r.kind,
      apiVersion: groupVersion(r),
      metadata: {
        resourceVersion: store.resourceVersion,
        ...(annotations ? { annotations } : {}),
      },
    });

  let backlog: HistoryEntry[] | undefined;
  if (fromRv !== undefined && !sendInitialEvents) {
    // An RV from the future (e.g. from before a simulator restart) cannot be served either;
    // 410 makes informers relist, which is what they need.
    backlog =
      fromRv > Number(store.resourceVersion)
        ? undefined
        : store.eventsAfter(fromRv);
    if (!backlog) {
      write(
        'ERROR',
        statusBody(
          errors.expired(
            `too old resource version: ${fromRv} (${store.compactedResourceVersion})`,
          ),
        ),
      );
      res.end();
      return;
    }
  }

  const kind = r.kind;
  const deliver = (e: HistoryEntry) => {
    if (e.object.kind !== kind) return;
    const now = matches(e.object);
    const before = e.previous ? matches(e.previous) : false;
    // Label changes move objects in and out of a selector: report them as ADDED/DELETED.
    if (e.type === 'ADDED') {
      if (now) write('ADDED', e.object);
    } else if (e.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', e.object);
      else if (now) write('ADDED', e.object);
      else if (before) write('DELETED', e.object);
    } else if (before || now) {
      write('DELETED', e.object);
    }
  };

  if (backlog) {
    backlog.forEach(deliver);
  } else {
    store
      .snapshot(kind, ctx.namespace, matches)
      .forEach((o: KubeObject) => write('ADDED', o));
    if (sendInitialEvents && bookmarks) {
      bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
  }
  const unsubscribe = store.subscribe(deliver);

  const timers: NodeJS.Timeout[] = [];
  if (bookmarks) {
    timers.push(setInterval(() => bookmark(), settings.bookmarkIntervalMs));
  }
  const timeoutMs =
    timeoutSeconds !== undefined
      ? timeoutSeconds * 1000
      : settings.watchTimeoutMs;
  const close = () => {
    if (bookmarks) bookmark();
    res.end();
  };
  timers.push(setTimeout(close, timeoutMs));
  timers.forEach(t => t.unref());

  const unregister = registry.add({ close, destroy: () => destroy(res) });
  res.once('close', () => {
    unsubscribe();
    unregister();
    timers.forEach(t => clearTimeout(t));
  });
}

function destroy(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}
