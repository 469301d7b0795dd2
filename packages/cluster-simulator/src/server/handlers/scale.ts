import type { KubeObject } from '../../types';
import { clone, isPlainObject } from '../../store/objectUtil';
import { decodeObjectBody, readBody } from '../body';
import { sendJson } from '../respond';
import { ApiError, errors } from '../status';
import type { ResourceRequest } from './context';
import { applyPatchFromRequest, current } from './write';

/**
 * The `/scale` subresource (autoscaling/v1 Scale) of Rollouts, Deployments and ReplicaSets:
 * a view of spec.replicas that `kubectl scale` and HPAs read and write.
 */

function selectorString(o: KubeObject): string {
  // Argo Rollouts publishes the selector in status (the CRD's labelSelectorPath).
  if (typeof o.status?.selector === 'string') return o.status.selector;
  const labels: Record<string, string> = o.spec?.selector?.matchLabels ?? {};
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function scaleOf(o: KubeObject): KubeObject {
  const { name, namespace, uid, resourceVersion, creationTimestamp } =
    o.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 1 },
    status: {
      // Rollouts report the HPA-relevant count in status.HPAReplicas.
      replicas: o.status?.HPAReplicas ?? o.status?.replicas ?? 0,
      selector: selectorString(o),
    },
  };
}

function invalidScale(ctx: ResourceRequest, message: string): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `Scale.autoscaling "${ctx.name}" is invalid: ${message}`,
    {
      name: ctx.name,
      group: 'autoscaling',
      kind: 'Scale',
      causes: [
        { reason: 'FieldValueInvalid', message, field: 'spec.replicas' },
      ],
    },
  );
}

export async function handleScale(
  verb: string,
  ctx: ResourceRequest,
): Promise<void> {
  if (verb === 'get') {
    sendJson(ctx.res, 200, scaleOf(current(ctx)));
    return;
  }
  let existing: KubeObject | undefined;
  let next: unknown;
  if (verb === 'patch') {
    next = await applyPatchFromRequest(ctx, () => {
      existing = current(ctx);
      return scaleOf(existing);
    });
  } else {
    next = decodeObjectBody(
      await readBody(ctx.req, ctx.maxBodyBytes),
      ctx.req.headers['content-type'],
    );
    existing = current(ctx);
  }
  if (!existing) throw errors.notFound(ctx.resource, ctx.name!);
  if (!isPlainObject(next))
    throw errors.badRequest('the request body must be a JSON object');
  const meta = isPlainObject(next.metadata) ? next.metadata : {};
  const rv = meta.resourceVersion;
  if (
    rv !== undefined &&
    rv !== '' &&
    rv !== existing.metadata.resourceVersion
  ) {
    throw errors.conflict(ctx.resource, ctx.name!);
  }
  const replicas = isPlainObject(next.spec) ? next.spec.replicas : undefined;
  if (
    typeof replicas !== 'number' ||
    !Number.isInteger(replicas) ||
    replicas < 0
  ) {
    throw invalidScale(
      ctx,
      `spec.replicas: Invalid value: ${JSON.stringify(
        replicas,
      )}: must be greater than or equal to 0`,
    );
  }
  const updated = ctx.store.update({
    ...clone(existing),
    spec: { ...existing.spec, replicas },
  });
  sendJson(ctx.res, 200, scaleOf(updated));
}
