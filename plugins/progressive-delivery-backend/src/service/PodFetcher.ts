import {
  Pod,
  ROLLOUT_POD_TEMPLATE_HASH_LABEL,
  isValidLabelValue,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { RESOURCE_TYPES, resourcePath } from '../kubernetes/resources';

const TTL_MS = 5_000;
const TIMEOUT_MS = 5_000;

/**
 * Pods are not watched (there are too many): they are fetched only for the one rollout
 * being looked at, by pod-template hash, and kept for a few seconds.
 */
export class PodFetcher {
  private readonly cache = new Map<
    string,
    { at: number; pods: Promise<Pod[]> }
  >();

  constructor(private readonly now: () => number = Date.now) {}

  async podsFor(
    client: ClusterClient,
    namespace: string,
    podTemplateHashes: string[],
  ): Promise<Pod[]> {
    const hashes = [...new Set(podTemplateHashes)]
      .filter(isValidLabelValue)
      .sort();
    if (hashes.length === 0) return [];
    const selector = `${ROLLOUT_POD_TEMPLATE_HASH_LABEL} in (${hashes.join(
      ',',
    )})`;
    const key = `${client.clusterName}/${namespace}/${selector}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < TTL_MS) return cached.pods;
    const pods = client
      .request<{ items?: Pod[] }>({
        path: resourcePath(RESOURCE_TYPES.Pod, { namespace }),
        query: { labelSelector: selector },
        timeoutMs: TIMEOUT_MS,
      })
      .then(list => list.items ?? []);
    this.cache.set(key, { at: this.now(), pods });
    pods.catch(() => this.cache.delete(key));
    this.prune();
    return pods;
  }

  private prune() {
    const now = this.now();
    for (const [key, entry] of this.cache) {
      if (now - entry.at >= TTL_MS) this.cache.delete(key);
    }
  }
}
