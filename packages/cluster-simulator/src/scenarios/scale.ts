/*
 * The scale scenario (benchmark): per cluster `rolloutsPerCluster` Rollouts across ten
 * namespaces `team-00`..`team-09`, with kubernetes-ids `svc-0001`, `svc-0002`, ... shared by
 * all clusters (entity `svc-0001` has one Rollout in every cluster), plus unrelated
 * Deployments, ReplicaSets and Pods without our labels.
 *
 * Most Rollouts are written directly in their settled state (two ReplicaSets, 1–3 Pods, one
 * successful step AnalysisRun) and only get their status from the controller model, which
 * keeps seeding fast. Rollouts j ≡ 12 (mod 25) are driven into a paused canary and j ≡ 24
 * (mod 25) into a degraded one (failed analysis), so the benchmark sees all states.
 */
import {
  REVISION_ANNOTATION,
  buildPod,
  buildReplicaSet,
  podTemplateHash,
  replicaSetStatus,
} from '../controller/objects';
import { METRIC_OUTCOME_ANNOTATION } from '../controller/engine';
import { iso } from '../controller/duration';
import { KubeObject } from '../types';
import { Seeder, namespaceObject, seededUid } from './seeder';

export const SCALE_NAMESPACES = Array.from(
  { length: 10 },
  (_, i) => `team-${String(i).padStart(2, '0')}`,
);

const ID_LABEL = 'backstage.io/kubernetes-id';

export function scaleId(j: number): string {
  return `svc-${String(j + 1).padStart(4, '0')}`;
}

function template(id: string, version: string) {
  return {
    metadata: { labels: { app: id, [ID_LABEL]: id } },
    spec: {
      containers: [
        {
          name: 'app',
          image: `registry.example.com/${id}:${version}`,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
  };
}

const STEPS = [
  { setWeight: 50 },
  {
    analysis: {
      templates: [{ templateName: 'smoke-test', clusterScope: true }],
    },
  },
  { pause: {} },
];

function rolloutObject(
  ns: string,
  id: string,
  replicas: number,
  version: string,
  uid?: string,
  extraAnnotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: id,
      namespace: ns,
      ...(uid ? { uid } : {}),
      labels: { [ID_LABEL]: id, 'app.kubernetes.io/name': id },
      ...(extraAnnotations ? { annotations: extraAnnotations } : {}),
    },
    spec: {
      replicas,
      revisionHistoryLimit: 2,
      selector: { matchLabels: { app: id, [ID_LABEL]: id } },
      template: template(id, version),
      strategy: { canary: { steps: STEPS } },
    },
  };
}

function smokeTemplate(): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ClusterAnalysisTemplate',
    metadata: { name: 'smoke-test' },
    spec: {
      metrics: [
        {
          name: 'smoke-test',
          count: 1,
          provider: {
            job: {
              spec: {
                backoffLimit: 0,
                template: {
                  spec: {
                    restartPolicy: 'Never',
                    containers: [
                      {
                        name: 'smoke',
                        image: 'curlimages/curl:8.10.1',
                        args: ['-fsS', 'http://localhost/healthz'],
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}

/** A healthy Rollout at revision 2 written directly (the controller only adds status). */
function seedSettled(
  seed: Seeder,
  ns: string,
  id: string,
  replicas: number,
  clusterIndex: number,
) {
  const now = seed.clock.now();
  const ts = iso(now);
  const roUid = seededUid(`${seed.clusterName}/${ns}/${id}`);
  const ro = rolloutObject(ns, id, replicas, '1.1.0', roUid, {
    [REVISION_ANNOTATION]: '2',
  });
  ro.metadata.uid = roUid;
  const oldHash = podTemplateHash(template(id, '1.0.0'));
  const newHash = podTemplateHash(ro.spec.template);
  const oldRS = buildReplicaSet({
    owner: ro,
    name: `${id}-${oldHash}`,
    template: template(id, '1.0.0'),
    selector: ro.spec.selector,
    hash: oldHash,
    revision: 1,
    replicas: 0,
    desiredReplicas: replicas,
  });
  oldRS.metadata.uid = seededUid(`${roUid}/${oldHash}`);
  oldRS.status = replicaSetStatus(oldRS, 0);
  const newRS = buildReplicaSet({
    owner: ro,
    name: `${id}-${newHash}`,
    template: ro.spec.template,
    selector: ro.spec.selector,
    hash: newHash,
    revision: 2,
    replicas,
    desiredReplicas: replicas,
  });
  newRS.metadata.uid = seededUid(`${roUid}/${newHash}`);
  newRS.status = replicaSetStatus(newRS, replicas);
  seed.createQuiet(oldRS);
  seed.createQuiet(newRS);
  for (let p = 0; p < replicas; p++) {
    const pod = buildPod({
      rs: newRS,
      name: `${newRS.metadata.name}-${['a7k2m', 'b8x4q', 'c9z6w'][p]}`,
      now,
      clusterName: seed.clusterName,
    });
    seed.createQuiet(pod);
  }
  seed.createQuiet({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name: `${id}-${newHash}-2-1`,
      namespace: ns,
      labels: {
        ...ro.spec.selector.matchLabels,
        'rollout-type': 'Step',
        [`rollouts-pod-template-hash`]: newHash,
        'step-index': '1',
      },
      annotations: { [REVISION_ANNOTATION]: '2' },
      ownerReferences: [
        {
          apiVersion: ro.apiVersion,
          kind: 'Rollout',
          name: id,
          uid: roUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { metrics: smokeTemplate().spec.metrics, args: [] },
    status: {
      phase: 'Successful',
      startedAt: ts,
      completedAt: ts,
      runSummary: { count: 1, successful: 1 },
      metricResults: [
        {
          name: 'smoke-test',
          phase: 'Successful',
          count: 1,
          successful: 1,
          measurements: [
            {
              phase: 'Successful',
              startedAt: ts,
              finishedAt: ts,
              metadata: {
                'job-name': `${seededUid(
                  `${clusterIndex}/${id}/ar`,
                )}.smoke-test.1`,
                'job-namespace': ns,
              },
            },
          ],
        },
      ],
    },
  });
  // The status: a Rollout that finished all steps of revision 2.
  ro.status = {
    currentPodHash: newHash,
    stableRS: newHash,
    currentStepIndex: STEPS.length,
  };
  seed.create(ro, false);
}

function seedUnrelated(
  seed: Seeder,
  ns: string,
  name: string,
  replicas: number,
) {
  const now = seed.clock.now();
  const uid = seededUid(`${seed.clusterName}/${ns}/deploy/${name}`);
  const labels = { app: name, tier: 'internal' };
  const tpl = {
    metadata: { labels },
    spec: {
      containers: [
        { name, image: `registry.example.com/internal/${name}:7.2.1` },
      ],
    },
  };
  const deploy: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: ns,
      uid,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: { replicas, selector: { matchLabels: labels }, template: tpl },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastTransitionTime: iso(now),
          lastUpdateTime: iso(now),
        },
      ],
    },
  };
  seed.createQuiet(deploy);
  const hash = podTemplateHash(tpl);
  const rs = buildReplicaSet({
    owner: deploy,
    name: `${name}-${hash}`,
    template: tpl,
    selector: deploy.spec.selector,
    hash,
    replicas,
  });
  rs.metadata.labels = { ...labels, 'pod-template-hash': hash };
  rs.spec.template.metadata.labels = { ...labels, 'pod-template-hash': hash };
  delete rs.spec.selector.matchLabels['rollouts-pod-template-hash'];
  rs.spec.selector.matchLabels['pod-template-hash'] = hash;
  delete rs.spec.template.metadata.labels['rollouts-pod-template-hash'];
  rs.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
  rs.metadata.uid = seededUid(`${uid}/rs`);
  rs.metadata.ownerReferences = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
      uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  rs.status = replicaSetStatus(rs, replicas);
  seed.createQuiet(rs);
  for (let p = 0; p < replicas; p++) {
    seed.createQuiet(
      buildPod({
        rs,
        name: `${rs.metadata.name}-${['x1b2c', 'y3d4f'][p]}`,
        now,
        clusterName: seed.clusterName,
      }),
    );
  }
}

export function seedScale(
  seed: Seeder,
  clusterIndex: number,
  rolloutsPerCluster: number,
): void {
  seed.createQuiet(namespaceObject('kube-system'));
  seedUnrelated(seed, 'kube-system', 'coredns', 2);
  for (const ns of SCALE_NAMESPACES) {
    seed.createQuiet(namespaceObject(ns));
    seedUnrelated(seed, ns, 'sidecar-injector', 1);
  }
  seed.createQuiet(smokeTemplate());
  seed.createQuiet({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ClusterAnalysisTemplate',
    metadata: { name: 'success-rate' },
    spec: {
      metrics: [
        {
          name: 'success-rate',
          interval: '1m',
          count: 3,
          successCondition: 'result[0] >= 0.95',
          provider: {
            prometheus: {
              address: 'http://prometheus.monitoring.svc:9090',
              query:
                'sum(rate(http_requests_total{code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
            },
          },
        },
      ],
    },
  });
  for (let j = 0; j < rolloutsPerCluster; j++) {
    const id = scaleId(j);
    const ns = SCALE_NAMESPACES[j % SCALE_NAMESPACES.length];
    const replicas = 1 + ((j + clusterIndex) % 3);
    if (j % 25 === 24) {
      // Degraded: the step analysis fails and the update is aborted.
      seed.create(
        rolloutObject(ns, id, replicas, '1.0.0', undefined, {
          [METRIC_OUTCOME_ANNOTATION]: 'failure',
        }),
      );
      const ro = seed.get('Rollout', ns, id);
      ro.spec.strategy.canary.steps = [
        { setWeight: 50 },
        {
          analysis: {
            templates: [{ templateName: 'success-rate', clusterScope: true }],
          },
        },
      ];
      ro.spec.template.spec.containers[0].image = `registry.example.com/${id}:1.1.0`;
      seed.update(ro);
    } else if (j % 25 === 12) {
      // Paused at the indefinite pause after a successful analysis.
      seed.create(rolloutObject(ns, id, replicas, '1.0.0'));
      seed.setImage(ns, id, `registry.example.com/${id}:1.1.0`);
    } else {
      seedSettled(seed, ns, id, replicas, clusterIndex);
    }
  }
  seed.settle();
}
