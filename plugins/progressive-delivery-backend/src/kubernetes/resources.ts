import { InputError } from '@backstage/errors';

/** A Kubernetes resource type the backend reads. */
export interface ResourceType {
  kind: WatchedKind;
  group: string;
  version: string;
  plural: string;
}

export type WatchedKind =
  | 'Rollout'
  | 'ReplicaSet'
  | 'AnalysisRun'
  | 'Experiment'
  | 'Deployment'
  | 'ServiceLevelObjective'
  | 'AnalysisTemplate'
  | 'ClusterAnalysisTemplate'
  | 'Pod';

export const RESOURCE_TYPES: Record<WatchedKind, ResourceType> = {
  Rollout: {
    kind: 'Rollout',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'rollouts',
  },
  AnalysisRun: {
    kind: 'AnalysisRun',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'analysisruns',
  },
  Experiment: {
    kind: 'Experiment',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'experiments',
  },
  ReplicaSet: {
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
  },
  Deployment: {
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
  },
  ServiceLevelObjective: {
    kind: 'ServiceLevelObjective',
    group: 'pyrra.dev',
    version: 'v1alpha1',
    plural: 'servicelevelobjectives',
  },
  AnalysisTemplate: {
    kind: 'AnalysisTemplate',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'analysistemplates',
  },
  /** Cluster-scoped: listed and watched at the cluster level like every kind here. */
  ClusterAnalysisTemplate: {
    kind: 'ClusterAnalysisTemplate',
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'clusteranalysistemplates',
  },
  Pod: { kind: 'Pod', group: '', version: 'v1', plural: 'pods' },
};

/** RFC 1123 names as Kubernetes accepts them for namespaces and most objects. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** True for names Kubernetes could have created; anything else never reaches a URL. */
export function isValidObjectName(name: string): boolean {
  return OBJECT_NAME.test(name) && !name.includes('..');
}

export function assertObjectName(name: string, what: string): void {
  if (!isValidObjectName(name)) {
    throw new InputError(`Invalid ${what} name`);
  }
}

/** `/apis/<g>/<v>[/namespaces/<ns>]/<plural>[/<name>[/<sub>]]`, every segment validated. */
export function resourcePath(
  type: ResourceType,
  options: { namespace?: string; name?: string; subresource?: 'status' } = {},
): string {
  const base = type.group
    ? `/apis/${type.group}/${type.version}`
    : `/api/${type.version}`;
  let path = base;
  if (options.namespace !== undefined) {
    assertObjectName(options.namespace, 'namespace');
    path += `/namespaces/${options.namespace}`;
  }
  path += `/${type.plural}`;
  if (options.name !== undefined) {
    assertObjectName(options.name, type.kind);
    path += `/${options.name}`;
    if (options.subresource) {
      path += `/${options.subresource}`;
    }
  }
  return path;
}
