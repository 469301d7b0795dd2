import type { KubeObject } from '@pdelivery/cluster-simulator';

/** A canary Rollout as a team would apply it; the simulator's controller does the rest. */
export function canaryRollout(
  name: string,
  namespaceName: string,
  kubernetesId: string,
  image = 'registry.local/web:1.0',
): KubeObject {
  const labels = { app: name, 'backstage.io/kubernetes-id': kubernetesId };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: namespaceName, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image }] },
      },
      strategy: {
        canary: {
          steps: [
            { setWeight: 20 },
            { pause: {} },
            { setWeight: 60 },
            { pause: {} },
          ],
        },
      },
    },
  };
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
