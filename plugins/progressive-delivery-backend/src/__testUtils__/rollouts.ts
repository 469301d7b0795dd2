import {
  startSimulator,
  type KubeObject,
  type SimulatedCluster,
  type Simulator,
  type StartSimulatorOptions,
} from '@pdelivery/cluster-simulator';

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

/**
 * Simulated clusters over TLS (empty scenario), each with namespace `shop` holding a canary
 * Rollout per name (its kubernetes-id is its name, its image `registry.local/<name>:1.0`).
 */
export async function startShopSimulator(options: {
  rollouts: string[];
  clusters?: number;
  clock?: StartSimulatorOptions['clock'];
}): Promise<Simulator> {
  const simulator = await startSimulator({
    scenario: 'empty',
    clusters: options.clusters ?? 1,
    tls: true,
    clock: options.clock,
  });
  for (const { store } of simulator.clusters) {
    store.create(namespace('shop'));
    for (const name of options.rollouts) {
      store.create(
        canaryRollout(name, 'shop', name, `registry.local/${name}:1.0`),
      );
    }
  }
  return simulator;
}

/** A new image for a Rollout in namespace `shop`: the controller starts a new revision. */
export function setRolloutImage(
  cluster: SimulatedCluster,
  name: string,
  image: string,
): void {
  const rollout = cluster.store.get('Rollout', 'shop', name)!;
  const template = structuredClone(rollout.spec.template);
  template.spec.containers[0].image = image;
  cluster.store.update({ ...rollout, spec: { ...rollout.spec, template } });
}
