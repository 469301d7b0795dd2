/* Builders for the objects the controller creates: ReplicaSets, Pods, AnalysisRuns, Experiments. */
import { KubeObject } from '../types';
import { iso } from './duration';
import { computeHash } from './hash';

export const HASH_LABEL = 'rollouts-pod-template-hash';
export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const DESIRED_REPLICAS_ANNOTATION =
  'rollout.argoproj.io/desired-replicas';
export const SCALE_DOWN_DEADLINE_ANNOTATION = 'scale-down-deadline';
export const WORKLOAD_GENERATION_ANNOTATION =
  'rollout.argoproj.io/workload-generation';
export const MANAGED_BY_ANNOTATION =
  'argo-rollouts.argoproj.io/managed-by-rollouts';
export const EXPERIMENT_TEMPLATE_ANNOTATION =
  'experiment.argoproj.io/template-name';

export function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOwner(obj: KubeObject) {
  return (obj.metadata.ownerReferences ?? []).find(r => r.controller);
}

/** The pod template as hashed: without the hash label, without empty metadata noise. */
export function podTemplateHash(template: any, collisionCount = 0): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  if (t.metadata) delete t.metadata.creationTimestamp;
  return computeHash(t, collisionCount);
}

export function revisionOf(obj: KubeObject | undefined): number {
  const v = Number(obj?.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(v) ? v : 0;
}

export function templateWithHash(template: any, hash: string): any {
  const t = structuredClone(template ?? {});
  t.metadata = { ...(t.metadata ?? {}) };
  delete t.metadata.creationTimestamp;
  t.metadata.labels = { ...(t.metadata.labels ?? {}), [HASH_LABEL]: hash };
  return t;
}

export function buildReplicaSet(args: {
  owner: KubeObject;
  name: string;
  template: any;
  selector: any;
  hash: string;
  revision?: number;
  replicas: number;
  desiredReplicas?: number;
  extraAnnotations?: Record<string, string>;
}): KubeObject {
  const template = templateWithHash(args.template, args.hash);
  const annotations: Record<string, string> = {
    ...(args.extraAnnotations ?? {}),
  };
  if (args.desiredReplicas !== undefined) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(args.desiredReplicas);
  }
  if (args.revision !== undefined) {
    annotations[REVISION_ANNOTATION] = String(args.revision);
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: args.name,
      namespace: args.owner.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations,
      ownerReferences: [ownerRef(args.owner)],
    },
    spec: {
      replicas: args.replicas,
      selector: {
        matchLabels: {
          ...(args.selector?.matchLabels ?? {}),
          [HASH_LABEL]: args.hash,
        },
        ...(args.selector?.matchExpressions
          ? { matchExpressions: args.selector.matchExpressions }
          : {}),
      },
      template,
    },
    status: { replicas: 0 },
  };
}

export function replicaSetStatus(rs: KubeObject, podCount: number) {
  const status: any = {
    replicas: podCount,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (podCount > 0) {
    status.fullyLabeledReplicas = podCount;
    status.readyReplicas = podCount;
    status.availableReplicas = podCount;
  }
  return status;
}

function ipFor(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return `10.${16 + (h % 8)}.${(h >>> 8) % 256}.${((h >>> 16) % 250) + 2}`;
}

export function buildPod(args: {
  rs: KubeObject;
  name: string;
  now: Date;
  clusterName: string;
}): KubeObject {
  const { rs, name, now } = args;
  const template = rs.spec?.template ?? {};
  const ts = iso(now);
  const containers: any[] = template.spec?.containers ?? [];
  const nodeIndex = (name.charCodeAt(name.length - 1) % 3) + 1;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      ...(template.metadata?.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...structuredClone(template.spec ?? {}),
      nodeName: `${args.clusterName}-pool-${nodeIndex}`,
      restartPolicy: template.spec?.restartPolicy ?? 'Always',
      serviceAccountName: template.spec?.serviceAccountName ?? 'default',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: ts },
        { type: 'Ready', status: 'True', lastTransitionTime: ts },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: ts },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: ts },
      ],
      containerStatuses: containers.map(c => ({
        name: c.name,
        image: c.image,
        imageID: `${String(c.image).split(':')[0]}@sha256:${computeHash(
          c.image,
        ).padEnd(64, '0')}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ts } },
        lastState: {},
      })),
      hostIP: ipFor(`${args.clusterName}-node-${nodeIndex}`),
      podIP: ipFor(name),
      qosClass: 'Burstable',
      startTime: ts,
    },
  };
}

export type RolloutAnalysisType =
  | 'Step'
  | 'Background'
  | 'PrePromotion'
  | 'PostPromotion';
