import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../types';
import { StoreError } from '../../store/errors';
import { clone, isPlainObject } from '../../store/objectUtil';
import { decodeObjectBody, mediaType, parseJson, readBody } from '../body';
import { applyJsonPatch, JsonPatchError } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch } from '../patch/strategicMergePatch';
import { groupVersion, resourceForKind } from '../registry';
import { sendJson } from '../respond';
import { ApiError, errors } from '../status';
import { validateObject } from '../validation';
import { deleteDependents } from './cascade';
import type { ResourceRequest } from './context';

const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
];

function storeErrorToApi(ctx: ResourceRequest, e: unknown): never {
  if (e instanceof StoreError) {
    throw e.reason === 'AlreadyExists'
      ? errors.alreadyExists(ctx.resource, e.objectName)
      : errors.notFound(ctx.resource, e.objectName);
  }
  throw e;
}

function validate(
  ctx: ResourceRequest,
  obj: Record<string, unknown>,
  name: string,
): void {
  const causes = validateObject(ctx.resource, obj);
  if (causes.length > 0) throw errors.invalid(ctx.resource, name, causes);
}

function requireNamespace(ctx: ResourceRequest): void {
  if (ctx.namespace === undefined) return;
  if (!ctx.store.peek('Namespace', undefined, ctx.namespace)) {
    throw errors.notFound(resourceForKind('Namespace')!, ctx.namespace);
  }
}

/** Checks apiVersion/kind/namespace of a body against the URL, filling in what is missing. */
function typed(ctx: ResourceRequest, body: unknown): KubeObject {
  if (!isPlainObject(body))
    throw errors.badRequest('the request body must be a JSON object');
  const r = ctx.resource;
  const gv = groupVersion(r);
  if (body.apiVersion !== undefined && body.apiVersion !== gv) {
    throw errors.badRequest(
      `the API version in the data (${String(
        body.apiVersion,
      )}) does not match the expected API version (${gv})`,
    );
  }
  if (body.kind !== undefined && body.kind !== r.kind) {
    throw errors.badRequest(
      `the kind in the data (${String(
        body.kind,
      )}) does not match the expected kind (${r.kind})`,
    );
  }
  if (body.metadata !== undefined && !isPlainObject(body.metadata)) {
    throw errors.badRequest('metadata must be an object');
  }
  const meta = { ...((body.metadata as Record<string, unknown>) ?? {}) };
  if (r.namespaced) {
    if (
      meta.namespace !== undefined &&
      meta.namespace !== '' &&
      meta.namespace !== ctx.namespace
    ) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = ctx.namespace;
  } else {
    delete meta.namespace;
  }
  return {
    ...body,
    apiVersion: gv,
    kind: r.kind,
    metadata: meta,
  } as KubeObject;
}

export async function handleCreate(ctx: ResourceRequest): Promise<void> {
  const r = ctx.resource;
  if (r.namespaced && ctx.namespace === undefined)
    throw errors.methodNotAllowed('POST');
  const body = await readBody(ctx.req, ctx.maxBodyBytes);
  const obj = typed(
    ctx,
    decodeObjectBody(body, ctx.req.headers['content-type']),
  );
  for (const f of SERVER_SET_METADATA) delete obj.metadata[f];
  if (!obj.metadata.name && typeof obj.metadata.generateName === 'string') {
    obj.metadata.name = `${obj.metadata.generateName}${randomBytes(4)
      .toString('hex')
      .slice(0, 5)}`;
  }
  // With a status subresource the status of a create is ignored, as on a real cluster.
  if (r.statusSubresource) delete obj.status;
  validate(ctx, obj, String(obj.metadata.name ?? ''));
  requireNamespace(ctx);
  let created: KubeObject;
  try {
    created = ctx.store.create(obj);
  } catch (e) {
    storeErrorToApi(ctx, e);
  }
  sendJson(ctx.res, 201, created);
}

export function current(ctx: ResourceRequest): KubeObject {
  const existing = ctx.store.peek(ctx.resource.kind, ctx.namespace, ctx.name!);
  if (!existing) throw errors.notFound(ctx.resource, ctx.name!);
  return existing;
}

/** Writes `next` (the full new object) honouring status-subresource rules. */
function commit(
  ctx: ResourceRequest,
  existing: KubeObject,
  next: KubeObject,
): KubeObject {
  const rv = next.metadata?.resourceVersion;
  if (
    rv !== undefined &&
    rv !== '' &&
    rv !== existing.metadata.resourceVersion
  ) {
    throw errors.conflict(ctx.resource, ctx.name!);
  }
  if (next.metadata.name !== ctx.name) {
    throw errors.badRequest(
      `the name of the object (${String(
        next.metadata.name,
      )}) does not match the name on the URL (${ctx.name})`,
    );
  }
  const candidate = clone(next);
  if (ctx.subresource !== 'status' && ctx.resource.statusSubresource) {
    // The main resource ignores status changes; only /status may write them.
    if (existing.status === undefined) delete candidate.status;
    else candidate.status = clone(existing.status);
  }
  validate(ctx, candidate, ctx.name!);
  try {
    return ctx.store.update(
      candidate,
      ctx.subresource === 'status' ? { subresource: 'status' } : undefined,
    );
  } catch (e) {
    return storeErrorToApi(ctx, e);
  }
}

export async function handleUpdate(ctx: ResourceRequest): Promise<void> {
  const body = await readBody(ctx.req, ctx.maxBodyBytes);
  const obj = typed(
    ctx,
    decodeObjectBody(body, ctx.req.headers['content-type']),
  );
  const existing = current(ctx);
  const rv = obj.metadata.resourceVersion;
  // CRDs disallow unconditional updates: the client must say which version it replaces.
  if (ctx.resource.custom && (rv === undefined || rv === '')) {
    throw errors.invalid(ctx.resource, ctx.name!, [
      {
        field: 'metadata.resourceVersion',
        message: 'Invalid value: 0x0: must be specified for an update',
      },
    ]);
  }
  sendJson(ctx.res, 200, commit(ctx, existing, obj));
}

const CR_PATCH_TYPES =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

/**
 * Reads a PATCH body and applies it to `target` by its content type: merge and JSON patch
 * for every kind, strategic merge for built-ins only (415 for custom resources).
 */
export async function applyPatchFromRequest(
  ctx: ResourceRequest,
  target: () => unknown,
): Promise<unknown> {
  const type = mediaType(ctx.req.headers['content-type']);
  const r = ctx.resource;
  let apply: (t: unknown, patch: unknown) => unknown;
  if (type === 'application/merge-patch+json') apply = applyMergePatch;
  else if (type === 'application/json-patch+json') apply = applyJsonPatch;
  else if (type === 'application/strategic-merge-patch+json' && !r.custom) {
    apply = applyStrategicMergePatch;
  } else if (type === 'application/apply-patch+yaml') {
    throw errors.unsupportedMediaType(
      'server-side apply is not supported by the cluster simulator',
    );
  } else {
    throw errors.unsupportedMediaType(
      r.custom
        ? CR_PATCH_TYPES
        : `${CR_PATCH_TYPES.replace(
            ', application/apply-patch+yaml',
            '',
          )}, application/strategic-merge-patch+json`,
    );
  }
  const patch = parseJson(
    (await readBody(ctx.req, ctx.maxBodyBytes)).toString('utf8'),
  );
  if (type !== 'application/json-patch+json' && !isPlainObject(patch)) {
    throw errors.badRequest('a merge patch must be a JSON object');
  }
  // The target is read only now: an unsupported or malformed patch fails first (415/400).
  const base = target();
  try {
    return apply(base, patch);
  } catch (e) {
    if (e instanceof JsonPatchError) {
      if (e.failure === 'malformed') throw errors.badRequest(e.message);
      throw new ApiError(422, 'Invalid', e.message, {
        name: ctx.name,
        ...(r.group ? { group: r.group } : {}),
        kind: r.kind,
      });
    }
    throw e;
  }
}

export async function handlePatch(ctx: ResourceRequest): Promise<void> {
  const r = ctx.resource;
  let existing: KubeObject | undefined;
  const patched = await applyPatchFromRequest(ctx, () => {
    existing = current(ctx);
    return existing;
  });
  if (!existing) throw errors.notFound(r, ctx.name!);
  if (!isPlainObject(patched) || !isPlainObject(patched.metadata)) {
    throw errors.invalid(r, ctx.name!, [
      { field: 'metadata', message: 'Required value' },
    ]);
  }
  const p = patched as KubeObject;
  for (const [field, was, now] of [
    ['apiVersion', existing.apiVersion, p.apiVersion],
    ['kind', existing.kind, p.kind],
    ['metadata.name', existing.metadata.name, p.metadata.name],
    ['metadata.namespace', existing.metadata.namespace, p.metadata.namespace],
    ['metadata.uid', existing.metadata.uid, p.metadata.uid],
  ] as const) {
    if (was !== now) {
      throw errors.invalid(r, ctx.name!, [
        {
          field,
          message: `Invalid value: ${JSON.stringify(now)}: field is immutable`,
        },
      ]);
    }
  }
  sendJson(ctx.res, 200, commit(ctx, existing, p));
}

export async function handleDelete(ctx: ResourceRequest): Promise<void> {
  const raw = (await readBody(ctx.req, ctx.maxBodyBytes)).toString('utf8');
  const options = raw.trim() === '' ? {} : parseJson(raw);
  if (!isPlainObject(options))
    throw errors.badRequest('DeleteOptions must be a JSON object');
  const existing = current(ctx);
  const pre = isPlainObject(options.preconditions) ? options.preconditions : {};
  if (
    (pre.resourceVersion !== undefined &&
      pre.resourceVersion !== existing.metadata.resourceVersion) ||
    (pre.uid !== undefined && pre.uid !== existing.metadata.uid)
  ) {
    throw errors.conflict(ctx.resource, ctx.name!);
  }
  const deleted = ctx.store.delete(ctx.resource.kind, ctx.namespace, ctx.name!);
  if (!deleted) throw errors.notFound(ctx.resource, ctx.name!);
  const policy =
    ctx.query.get('propagationPolicy') ?? options.propagationPolicy;
  if (policy !== 'Orphan') deleteDependents(ctx.store, deleted);
  sendJson(ctx.res, 200, deleted);
}
