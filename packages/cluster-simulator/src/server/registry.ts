import type { KindName } from '../types';

/**
 * Built-in kinds outside the simulator's model that are still served (empty unless a client
 * creates objects): Backstage's Kubernetes plugin lists them for every entity and kubectl
 * describe reads Events, so a real cluster would answer 200 rather than 404.
 */
export type ExtraKindName =
  | 'ConfigMap'
  | 'LimitRange'
  | 'ResourceQuota'
  | 'Event'
  | 'HorizontalPodAutoscaler'
  | 'Job'
  | 'CronJob'
  | 'Ingress'
  | 'StatefulSet'
  | 'DaemonSet';

/** How one kind is served: its REST coordinates and what discovery says about it. */
export interface ResourceInfo {
  kind: KindName | ExtraKindName;
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Has a `/status` subresource: main-resource writes keep status, `/status` writes only status. */
  statusSubresource: boolean;
  /** Custom resources reject strategic merge patches with 415, like a real API server. */
  custom: boolean;
  /** Has a `/scale` subresource (autoscaling/v1 Scale), as kubectl scale and HPAs use. */
  scale?: boolean;
  categories?: string[];
}

export const VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
export const STATUS_VERBS = ['get', 'patch', 'update'];

const argo = (
  kind: KindName,
  plural: string,
  shortNames: string[],
  namespaced = true,
  statusSubresource = true,
): ResourceInfo => ({
  kind,
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural,
  singular: kind.toLowerCase(),
  shortNames,
  namespaced,
  statusSubresource,
  custom: true,
});

export const RESOURCES: ResourceInfo[] = [
  { ...argo('Rollout', 'rollouts', ['ro']), scale: true },
  argo('AnalysisRun', 'analysisruns', ['ar']),
  // The Argo Rollouts CRDs declare no status subresource for templates.
  argo('AnalysisTemplate', 'analysistemplates', ['at'], true, false),
  argo(
    'ClusterAnalysisTemplate',
    'clusteranalysistemplates',
    ['cat'],
    false,
    false,
  ),
  argo('Experiment', 'experiments', ['exp']),
  {
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
    singular: 'replicaset',
    shortNames: ['rs'],
    namespaced: true,
    statusSubresource: true,
    custom: false,
    scale: true,
    categories: ['all'],
  },
  {
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    shortNames: ['deploy'],
    namespaced: true,
    statusSubresource: true,
    custom: false,
    scale: true,
    categories: ['all'],
  },
  {
    kind: 'Pod',
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    shortNames: ['po'],
    namespaced: true,
    statusSubresource: true,
    custom: false,
    categories: ['all'],
  },
  {
    kind: 'Service',
    group: '',
    version: 'v1',
    plural: 'services',
    singular: 'service',
    shortNames: ['svc'],
    namespaced: true,
    statusSubresource: true,
    custom: false,
    categories: ['all'],
  },
  {
    kind: 'Namespace',
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    shortNames: ['ns'],
    namespaced: false,
    statusSubresource: true,
    custom: false,
  },
  {
    kind: 'ServiceLevelObjective',
    group: 'pyrra.dev',
    version: 'v1alpha1',
    plural: 'servicelevelobjectives',
    singular: 'servicelevelobjective',
    shortNames: ['slo'],
    namespaced: true,
    statusSubresource: true,
    custom: true,
  },
];

function builtin(
  kind: ExtraKindName,
  group: string,
  version: string,
  shortNames: string[],
  statusSubresource: boolean,
  extra: { plural?: string; categories?: string[] } = {},
): ResourceInfo {
  return {
    kind,
    group,
    version,
    plural: extra.plural ?? `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced: true,
    statusSubresource,
    custom: false,
    ...(extra.categories ? { categories: extra.categories } : {}),
  };
}

RESOURCES.push(
  builtin('ConfigMap', '', 'v1', ['cm'], false),
  builtin('LimitRange', '', 'v1', ['limits'], false),
  builtin('ResourceQuota', '', 'v1', ['quota'], true),
  builtin('Event', '', 'v1', ['ev'], false),
  builtin('HorizontalPodAutoscaler', 'autoscaling', 'v2', ['hpa'], true, {
    categories: ['all'],
  }),
  builtin('Job', 'batch', 'v1', [], true, { categories: ['all'] }),
  builtin('CronJob', 'batch', 'v1', ['cj'], true, { categories: ['all'] }),
  builtin('Ingress', 'networking.k8s.io', 'v1', ['ing'], true, {
    plural: 'ingresses',
  }),
  builtin('StatefulSet', 'apps', 'v1', ['sts'], true, { categories: ['all'] }),
  builtin('DaemonSet', 'apps', 'v1', ['ds'], true, { categories: ['all'] }),
);

export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `rollouts.argoproj.io` or `pods`: how Kubernetes names a resource in messages. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function findResource(group: string, version: string, plural: string) {
  return RESOURCES.find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find(r => r.kind === kind);
}

/** Groups (other than core) in the order discovery lists them. */
export function apiGroups(): Array<{ group: string; version: string }> {
  const seen = new Map<string, string>();
  for (const r of RESOURCES)
    if (r.group && !seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([group, version]) => ({ group, version }));
}
