import {
  Deployment,
  Rollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesApiError } from '../kubernetes/KubernetesApiError';
import { RESOURCE_TYPES, resourcePath } from '../kubernetes/resources';
import { ActionPlan, PlannedPatch } from './planAction';

const MERGE_PATCH = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

export interface ExecutionResult {
  /** The rollout as the API server returned it after the last rollout patch. */
  rollout: Rollout;
  requests: Array<{ method: string; path: string; contentType: string }>;
}

/**
 * Sends a plan's patches. Every patch carries the resourceVersion the decision was made on
 * (merge: `metadata.resourceVersion`; JSON patch: a `test` op), so a rollout that moved on
 * in the meantime gets a 409 from the API server instead of a second step.
 */
export class ActionExecutor {
  constructor(private readonly timeoutMs = 10_000) {}

  async execute(
    client: ClusterClient,
    rollout: Rollout,
    plan: ActionPlan,
    options: { precondition?: boolean } = {},
  ): Promise<ExecutionResult> {
    const precondition = options.precondition ?? true;
    const namespace = rollout.metadata.namespace!;
    const name = rollout.metadata.name!;
    let current = rollout;
    const requests: ExecutionResult['requests'] = [];
    for (const patch of plan.patches) {
      if (patch.target === 'workload') {
        await this.patchWorkload(client, current, patch, requests);
        continue;
      }
      current = await this.patchRollout(
        client,
        namespace,
        name,
        current,
        patch,
        requests,
        precondition,
      );
    }
    return { rollout: current, requests };
  }

  private async patchRollout(
    client: ClusterClient,
    namespace: string,
    name: string,
    current: Rollout,
    patch: PlannedPatch,
    requests: ExecutionResult['requests'],
    precondition: boolean,
  ): Promise<Rollout> {
    const rv = current.metadata.resourceVersion;
    if (patch.type === 'json') {
      const path = resourcePath(RESOURCE_TYPES.Rollout, { namespace, name });
      requests.push({ method: 'PATCH', path, contentType: JSON_PATCH });
      return client.request<Rollout>({
        method: 'PATCH',
        path,
        contentType: JSON_PATCH,
        body: precondition
          ? [
              { op: 'test', path: '/metadata/resourceVersion', value: rv },
              ...patch.body,
            ]
          : patch.body,
        timeoutMs: this.timeoutMs,
      });
    }
    const withRv = (body: Record<string, unknown>) =>
      precondition ? { ...body, metadata: { resourceVersion: rv } } : body;
    const path = resourcePath(RESOURCE_TYPES.Rollout, {
      namespace,
      name,
      subresource: patch.subresource,
    });
    requests.push({ method: 'PATCH', path, contentType: MERGE_PATCH });
    try {
      return await client.request<Rollout>({
        method: 'PATCH',
        path,
        contentType: MERGE_PATCH,
        body: withRv(patch.body),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      // No status subresource (v0.9 CRDs): one unified patch of the main resource.
      if (
        patch.subresource === 'status' &&
        patch.fallback &&
        error instanceof KubernetesApiError &&
        error.statusCode === 404
      ) {
        const mainPath = resourcePath(RESOURCE_TYPES.Rollout, {
          namespace,
          name,
        });
        requests.push({
          method: 'PATCH',
          path: mainPath,
          contentType: MERGE_PATCH,
        });
        return client.request<Rollout>({
          method: 'PATCH',
          path: mainPath,
          contentType: MERGE_PATCH,
          body: withRv(patch.fallback),
          timeoutMs: this.timeoutMs,
        });
      }
      throw error;
    }
  }

  private async patchWorkload(
    client: ClusterClient,
    rollout: Rollout,
    patch: PlannedPatch,
    requests: ExecutionResult['requests'],
  ): Promise<void> {
    const ref = rollout.spec?.workloadRef;
    if (
      !ref?.name ||
      (ref.kind ?? 'Deployment') !== 'Deployment' ||
      patch.type !== 'json'
    ) {
      throw new KubernetesApiError(
        'Unsupported workloadRef target',
        422,
        'Invalid',
      );
    }
    const path = resourcePath(RESOURCE_TYPES.Deployment, {
      namespace: rollout.metadata.namespace,
      name: ref.name,
    });
    const deployment = await client.request<Deployment>({
      path,
      timeoutMs: this.timeoutMs,
    });
    requests.push({ method: 'PATCH', path, contentType: JSON_PATCH });
    await client.request<Deployment>({
      method: 'PATCH',
      path,
      contentType: JSON_PATCH,
      body: [
        {
          op: 'test',
          path: '/metadata/resourceVersion',
          value: deployment.metadata.resourceVersion,
        },
        ...patch.body,
      ],
      timeoutMs: this.timeoutMs,
    });
  }
}
