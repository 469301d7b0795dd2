import { Deployment } from '../kubernetes/deployment';
import { KUBERNETES_ID_LABEL } from '../annotations';
import {
  buildProgressiveDeliveryManifests,
  buildService,
  manifestNames,
} from './builders';
import {
  AnalysisOptions,
  GeneratedManifest,
  ManifestInputError,
  ManifestObject,
  SloOptions,
  StrategyPresetId,
  TrafficRoutingOptions,
} from './types';

/** One step of the migration checklist. @public */
export interface MigrationChecklistItem {
  id: string;
  title: string;
  detail: string;
  /** Command that performs or verifies the step. */
  command?: string;
}

/** Input of {@link buildDeploymentMigration}. @public */
export interface DeploymentMigrationOptions {
  /** The existing Deployment manifest (parsed). */
  deployment: unknown;
  /** Default: the Deployment's namespace, else `default`. */
  namespace?: string;
  /** How the Deployment is scaled down once the Rollout runs (default `progressively`). */
  scaleDown?: 'progressively' | 'onsuccess';
  /** Default `canary-basic`. */
  preset?: StrategyPresetId;
  trafficRouting?: TrafficRoutingOptions;
  analysis?: AnalysisOptions;
  slo?: SloOptions;
  kubernetesId?: string;
  servicePort?: number;
  /** Ingress class of the temporary Ingress (default `nginx`). */
  ingressClassName?: string;
  /** Host of the temporary Ingress (default: none, i.e. any host). */
  host?: string;
}

/** What {@link buildDeploymentMigration} returns. @public */
export interface DeploymentMigration {
  manifests: GeneratedManifest[];
  annotations: Record<string, string>;
  checklist: MigrationChecklistItem[];
  notes: string[];
  /** Names of the temporary objects to delete at the end. */
  temporary: { service: string; ingress: string };
}

function readDeployment(raw: unknown): Deployment & {
  spec: NonNullable<Deployment['spec']>;
} {
  const d = raw as Deployment;
  if (!d || typeof d !== 'object' || d.kind !== 'Deployment') {
    throw new ManifestInputError(
      'The manifest is not a Deployment (kind: Deployment)',
    );
  }
  if (d.apiVersion !== 'apps/v1') {
    throw new ManifestInputError(
      `Deployment apiVersion must be apps/v1, got ${JSON.stringify(
        d.apiVersion,
      )}`,
    );
  }
  if (!d.metadata?.name)
    throw new ManifestInputError('The Deployment has no metadata.name');
  const matchLabels = d.spec?.selector?.matchLabels;
  if (!matchLabels || Object.keys(matchLabels).length === 0) {
    throw new ManifestInputError(
      'The Deployment needs spec.selector.matchLabels (the temporary Service selects its pods with them)',
    );
  }
  if (d.spec?.selector?.matchExpressions?.length) {
    throw new ManifestInputError(
      'Deployments selecting pods with matchExpressions are not supported: a Service can only select with labels',
    );
  }
  if (!d.spec?.template?.spec?.containers?.length) {
    throw new ManifestInputError('The Deployment has no containers');
  }
  return d as Deployment & { spec: NonNullable<Deployment['spec']> };
}

/**
 * The workloadRef migration of a Deployment to a Rollout: a Rollout that takes its pod template
 * from the Deployment and runs next to it (scaling it down progressively or once healthy), its
 * stable/canary Services, a temporary Service and Ingress selecting the pods of both so traffic
 * keeps flowing while the Rollout's `rollouts-pod-template-hash` label takes over the stable
 * Service's selector, and the checklist that finishes the migration.
 * @throws ManifestInputError when the Deployment cannot be migrated this way.
 * @public
 */
export function buildDeploymentMigration(
  options: DeploymentMigrationOptions,
): DeploymentMigration {
  const deployment = readDeployment(options.deployment);
  const name = deployment.metadata.name!;
  const namespace =
    options.namespace ?? deployment.metadata.namespace ?? 'default';
  if (
    deployment.metadata.namespace &&
    options.namespace &&
    deployment.metadata.namespace !== options.namespace
  ) {
    throw new ManifestInputError(
      `The Deployment is in namespace ${deployment.metadata.namespace}, not ${options.namespace}: a workloadRef must point to the same namespace`,
    );
  }
  const selector = { ...deployment.spec.selector!.matchLabels! };
  const port = deployment.spec.template!.spec!.containers[0].ports?.[0];
  if (!port) {
    throw new ManifestInputError(
      `Container ${
        deployment.spec.template!.spec!.containers[0].name
      } declares no port; the Services need one`,
    );
  }
  const targetPort = port.name ?? port.containerPort;
  const scaleDown = options.scaleDown ?? 'progressively';
  const built = buildProgressiveDeliveryManifests({
    name,
    namespace,
    workloadRef: { name, scaleDown },
    selectorLabels: selector,
    replicas: deployment.spec.replicas ?? 1,
    preset: options.preset ?? 'canary-basic',
    trafficRouting: options.trafficRouting,
    analysis: options.analysis,
    slo: options.slo,
    kubernetesId: options.kubernetesId,
    servicePort: options.servicePort,
    targetPort,
  });
  const names = manifestNames(name);
  const kubernetesId = options.kubernetesId ?? name;
  const labels = {
    app: name,
    [KUBERNETES_ID_LABEL]: kubernetesId,
    'progressive-delivery/migration': 'temporary',
  };
  const temporary = {
    service: `${name}-migration`,
    ingress: `${name}-migration`,
  };
  const servicePort = options.servicePort ?? 80;
  const tempService = buildService(
    temporary.service,
    namespace,
    selector,
    labels,
    servicePort,
    targetPort,
  );
  const tempIngress: ManifestObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: temporary.ingress, namespace, labels: { ...labels } },
    spec: {
      ingressClassName: options.ingressClassName ?? 'nginx',
      rules: [
        {
          ...(options.host ? { host: options.host } : {}),
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: temporary.service,
                    port: { number: servicePort },
                  },
                },
              },
            ],
          },
        },
      ],
    },
  };
  const notes = [...built.notes];
  const router = options.trafficRouting?.type ?? 'none';
  if (router === 'smi' || router === 'alb') {
    notes.push(
      `${router.toUpperCase()} traffic routing uses a root Service named ${
        names.rootService
      }; if the application already has a Service of that name, keep yours and drop the generated one.`,
    );
  }
  const ns = `-n ${namespace}`;
  const checklist: MigrationChecklistItem[] = [
    {
      id: 'apply',
      title: 'Apply the Rollout next to the Deployment',
      detail: `The Rollout ${name} takes its pod template from Deployment ${name} (workloadRef) and starts its own pods; the Deployment keeps serving meanwhile.`,
      command: `kubectl apply ${ns} -f .`,
    },
    {
      id: 'route-temporary',
      title: 'Send traffic through the temporary Service and Ingress',
      detail: `Service ${temporary.service} and Ingress ${
        temporary.ingress
      } select the pods of both the Deployment and the Rollout (${Object.entries(
        selector,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ',',
        )}), so requests keep flowing while the Rollout adds its rollouts-pod-template-hash label to the selector of ${
        names.stableService
      }.`,
    },
    {
      id: 'wait-healthy',
      title: 'Wait until the Rollout is Healthy',
      detail:
        'All Rollout pods available and the stable Service pointing at them.',
      command: `kubectl argo rollouts status ${name} ${ns}`,
    },
    {
      id: 'scale-deployment',
      title: 'Scale the Deployment to zero',
      detail:
        scaleDown === 'progressively'
          ? 'With scaleDown: progressively the controller scales the Deployment down as Rollout pods become available; check that it reached 0 (keep the Deployment object: the Rollout reads its template).'
          : 'With scaleDown: onsuccess the controller scales the Deployment to 0 once the Rollout is Healthy; check it (keep the Deployment object: the Rollout reads its template).',
      command: `kubectl scale deployment/${name} --replicas=0 ${ns}`,
    },
    {
      id: 'switch-traffic',
      title: `Point clients and Ingresses at ${names.stableService}`,
      detail: `Move your own Ingress (or clients) from the Deployment's Service to ${
        names.stableService
      }${
        router !== 'none' ? ` and the ${router} traffic routing objects` : ''
      }.`,
    },
    {
      id: 'delete-temporary',
      title: 'Delete the temporary Service and Ingress',
      detail:
        "They are no longer needed once traffic goes to the Rollout's Services.",
      command: `kubectl delete service/${temporary.service} ingress/${temporary.ingress} ${ns}`,
    },
    {
      id: 'annotate',
      title: 'Annotate the catalog entity',
      detail: `Add ${Object.entries(built.annotations)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')} so the entity shows the Progressive Delivery tab.`,
    },
  ];
  return {
    manifests: [
      ...built.manifests,
      { file: 'migration-temporary.yaml', object: tempService },
      { file: 'migration-temporary.yaml', object: tempIngress },
    ],
    annotations: built.annotations,
    checklist,
    notes,
    temporary,
  };
}
