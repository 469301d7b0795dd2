import type { KubeObject } from '../../types';
import { groupVersion } from '../registry';
import { toJson } from '../../store/objectUtil';
import { sendJson, sendJsonText } from '../respond';
import { objectFilter } from '../selectors';
import { errors } from '../status';
import { acceptedTableVersion, toTable } from '../table';
import type { ResourceRequest } from './context';

/**
 * Lists carry the store's resourceVersion, the point an informer watches from. `limit` is
 * accepted and ignored: a complete list without a `continue` token is a valid answer.
 */
export function handleList(ctx: ResourceRequest): void {
  const { resource: r, store, namespace } = ctx;
  const filter = objectFilter(r, ctx.query, namespace);
  const items = store.snapshot(r.kind, namespace, filter);
  if (sendTable(ctx, items)) return;
  // Items are spliced in from their cached JSON: lists are the hot path of Backstage's
  // polling plugin, which the benchmark runs against these servers.
  const head = JSON.stringify({
    apiVersion: groupVersion(r),
    kind: `${r.kind}List`,
    metadata: { resourceVersion: store.resourceVersion },
  });
  const itemsJson = items.map(o => (r.custom ? toJson(o) : withoutTypeMeta(o)));
  sendJsonText(
    ctx.res,
    200,
    `${head.slice(0, -1)},"items":[${itemsJson.join(',')}]}`,
  );
}

/** Built-in typed lists omit apiVersion/kind on items; custom resource lists keep them. */
function withoutTypeMeta(o: KubeObject): string {
  const json = toJson(o);
  const prefix = `{"apiVersion":${JSON.stringify(
    o.apiVersion,
  )},"kind":${JSON.stringify(o.kind)},`;
  if (json.startsWith(prefix)) return `{${json.slice(prefix.length)}`;
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return JSON.stringify(rest);
}

/** GET of one object; `/status` returns the whole object too (kubectl reads it before patching). */
export function handleGet(ctx: ResourceRequest): void {
  const obj = ctx.store.peek(ctx.resource.kind, ctx.namespace, ctx.name!);
  if (!obj) throw errors.notFound(ctx.resource, ctx.name!);
  if (sendTable(ctx, [obj])) return;
  sendJson(ctx.res, 200, obj);
}

/** Answers with a Table when the client asked for one (kubectl get does). */
function sendTable(ctx: ResourceRequest, objects: KubeObject[]): boolean {
  const version = acceptedTableVersion(ctx.req);
  if (!version) return false;
  sendJson(
    ctx.res,
    200,
    toTable(ctx.resource, objects, {
      version,
      includeObject: ctx.query.get('includeObject'),
      resourceVersion: ctx.store.resourceVersion,
      now: ctx.clock.now(),
    }),
  );
  return true;
}
