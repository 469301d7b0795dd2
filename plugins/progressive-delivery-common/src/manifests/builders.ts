import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_ID_LABEL,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '../annotations';
import {
  AnalysisRunArgument,
  BlueGreenStrategy,
  CanaryStrategy,
  Rollout,
  RolloutAnalysis,
  RolloutTrafficRouting,
} from '../kubernetes/rollout';
import { AnalysisTemplate } from '../kubernetes/analysisTemplate';
import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import { burnRateThreshold } from '../slo/burnRateWindows';
import { formatPromNumber, formatSelector, LabelMatcher } from '../slo/promql';
import { pyrraBurnrateQuery } from '../slo/pyrraQueries';
import { parseSloTarget } from '../slo/target';
import { parsePromDuration } from '../slo/promDuration';
import { SloInputError } from '../slo/errors';
import { canaryPlan, STRATEGY_PRESETS } from './presets';
import {
  GeneratedManifest,
  ManifestInputError,
  ManifestObject,
  ProgressiveDeliveryManifests,
  ProgressiveDeliveryOptions,
  StrategyPresetId,
  TrafficRouterType,
} from './types';

/** Defaults the builders use. @public */
export const MANIFEST_DEFAULTS = {
  containerPort: 8080,
  servicePort: 80,
  replicas: 3,
  prometheusAddress: 'http://prometheus.monitoring.svc:9090',
  maxErrorRatio: 0.01,
  sloTarget: '99.5',
  sloWindow: '28d',
  scaleDownDelaySeconds: 600,
  requestMetric: 'http_requests_total',
  serviceLabel: 'job',
  codeLabel: 'code',
  headerRoute: { headerName: 'x-canary', headerValue: 'always' },
} as const;

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Checks a name the builders derive other names from (Service names are DNS-1035 labels). */
function assertName(name: string, what: string, maxLength = 63): void {
  if (!DNS_LABEL.test(name) || name.length > maxLength) {
    throw new ManifestInputError(
      `${what} must be a lowercase DNS label (letters, digits and '-', starting with a letter) of at most ${maxLength} characters, got ${JSON.stringify(
        name,
      )}`,
    );
  }
}

/** Names of every object the builders create for a service. @public */
export function manifestNames(name: string) {
  return {
    rollout: name,
    stableService: `${name}-stable`,
    canaryService: `${name}-canary`,
    activeService: `${name}-active`,
    previewService: `${name}-preview`,
    rootService: name,
    ingress: name,
    virtualService: name,
    errorRatioTemplate: `${name}-error-ratio`,
    burnRateTemplate: `${name}-slo-burn-rate`,
    /** Suffix of the continuous variant used by background analysis. */
    backgroundSuffix: '-background',
    slo: `${name}-availability`,
  };
}

/** Annotations that make the entity show the Progressive Delivery tab. @public */
export function catalogAnnotations(
  kubernetesId: string,
  namespace?: string,
): Record<string, string> {
  return {
    [KUBERNETES_ID_ANNOTATION]: kubernetesId,
    ...(namespace ? { [KUBERNETES_NAMESPACE_ANNOTATION]: namespace } : {}),
  };
}

function meta(
  name: string,
  namespace: string,
  labels: Record<string, string>,
): ManifestObject['metadata'] {
  return { name, namespace, labels: { ...labels } };
}

/** A ClusterIP Service selecting the pods on the named `http` port. @public */
export function buildService(
  name: string,
  namespace: string,
  selector: Record<string, string>,
  labels: Record<string, string>,
  port: number,
  targetPort: number | string = 'http',
): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace, labels),
    spec: {
      type: 'ClusterIP',
      selector: { ...selector },
      ports: [{ name: 'http', port, targetPort, protocol: 'TCP' }],
    },
  };
}

interface RequestMetric {
  metric: string;
  serviceLabel: string;
  codeLabel: string;
}

function requestMetric(options: ProgressiveDeliveryOptions): RequestMetric {
  return {
    metric: options.requestMetric?.metric ?? MANIFEST_DEFAULTS.requestMetric,
    serviceLabel:
      options.requestMetric?.serviceLabel ?? MANIFEST_DEFAULTS.serviceLabel,
    codeLabel: options.requestMetric?.codeLabel ?? MANIFEST_DEFAULTS.codeLabel,
  };
}

function wrapSloError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SloInputError) throw new ManifestInputError(e.message);
    throw e;
  }
}

/**
 * Pyrra ServiceLevelObjective over the service's request counter (ratio indicator: 5xx / all).
 * @public
 */
export function buildServiceLevelObjective(args: {
  name: string;
  namespace: string;
  service: string;
  labels: Record<string, string>;
  target: string;
  window: string;
  metric: RequestMetric;
}): ServiceLevelObjective {
  return wrapSloError(() => {
    parseSloTarget(args.target);
    parsePromDuration(args.window);
    const base: LabelMatcher[] = [
      { name: args.metric.serviceLabel, type: '=', value: args.service },
      { name: 'namespace', type: '=', value: args.namespace },
    ];
    const errors = formatSelector(args.metric.metric, [
      ...base,
      { name: args.metric.codeLabel, type: '=~', value: '5..' },
    ]);
    const total = formatSelector(args.metric.metric, base);
    return {
      apiVersion: 'pyrra.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: meta(args.name, args.namespace, args.labels),
      spec: {
        target: args.target,
        window: args.window,
        description: `Share of requests to ${args.service} answered without a server error.`,
        indicator: {
          ratio: { errors: { metric: errors }, total: { metric: total } },
        },
      },
    };
  });
}

const ARG_SERVICE = 'service-name';
const ARG_NAMESPACE = 'namespace';

/**
 * AnalysisTemplate measuring the 5xx ratio of one service (given as args `service-name` and
 * `namespace`) over 2 minutes, once a minute, `count` times (default 5; `null`: until the run is
 * terminated, for background analysis); fails on two bad measurements.
 * @public
 */
export function buildErrorRatioTemplate(args: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  metric: RequestMetric;
  prometheusAddress: string;
  maxErrorRatio: number;
  count?: number | null;
}): AnalysisTemplate {
  if (!(args.maxErrorRatio > 0 && args.maxErrorRatio < 1)) {
    throw new ManifestInputError(
      `maxErrorRatio must be between 0 and 1 (exclusive), got ${args.maxErrorRatio}`,
    );
  }
  const base: LabelMatcher[] = [
    {
      name: args.metric.serviceLabel,
      type: '=',
      value: `{{args.${ARG_SERVICE}}}`,
    },
    { name: 'namespace', type: '=', value: `{{args.${ARG_NAMESPACE}}}` },
  ];
  const query = wrapSloError(() => {
    const errors = formatSelector(args.metric.metric, [
      ...base,
      { name: args.metric.codeLabel, type: '=~', value: '5..' },
    ]);
    const total = formatSelector(args.metric.metric, base);
    return `sum(rate(${errors}[2m])) / sum(rate(${total}[2m]))`;
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: meta(args.name, args.namespace, args.labels),
    spec: {
      args: [{ name: ARG_SERVICE }, { name: ARG_NAMESPACE }],
      metrics: [
        {
          name: 'error-ratio',
          interval: '1m',
          ...(args.count === null ? {} : { count: args.count ?? 5 }),
          failureLimit: 1,
          // no traffic yet (empty result or NaN) is not an error
          successCondition: `len(result) == 0 || isNaN(result[0]) || result[0] <= ${formatPromNumber(
            args.maxErrorRatio,
          )}`,
          provider: {
            prometheus: { address: args.prometheusAddress, query },
          },
        },
      ],
    },
  };
}

/**
 * AnalysisTemplate reading Pyrra's recorded burn-rate series of the SLO: fails when the error
 * ratio over both the 5m and the 1h window is above the fast-burn threshold `14 × (1 − target)`
 * (Pyrra's critical alert), measured every minute, `count` times (default 5; `null`: until the run is
 * terminated, for background analysis).
 * @public
 */
export function buildBurnRateTemplate(args: {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  slo: ServiceLevelObjective;
  prometheusAddress: string;
  count?: number | null;
}): AnalysisTemplate {
  const { short, long, threshold } = wrapSloError(() => ({
    short: pyrraBurnrateQuery(args.slo, '5m'),
    long: pyrraBurnrateQuery(args.slo, '1h'),
    threshold: burnRateThreshold({ factor: 14 }, args.slo.spec.target),
  }));
  // element-wise min(short, long): above the threshold only when both windows are
  const query = `(${short} < ${long}) or ${long}`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: meta(args.name, args.namespace, args.labels),
    spec: {
      metrics: [
        {
          name: 'slo-burn-rate',
          interval: '1m',
          ...(args.count === null ? {} : { count: args.count ?? 5 }),
          failureLimit: 1,
          successCondition: `len(result) == 0 || isNaN(result[0]) || result[0] < ${formatPromNumber(
            threshold,
          )}`,
          provider: {
            prometheus: { address: args.prometheusAddress, query },
          },
        },
      ],
    },
  };
}

function routerLabel(router: TrafficRouterType): string {
  return router === 'smi' ? 'SMI' : router;
}

interface RoutingResult {
  trafficRouting?: RolloutTrafficRouting;
  objects: GeneratedManifest[];
  /** Services the rollout needs besides stable/canary. */
  rootService: boolean;
}

function buildTrafficRouting(
  router: TrafficRouterType,
  names: ReturnType<typeof manifestNames>,
  options: {
    namespace: string;
    labels: Record<string, string>;
    host?: string;
    servicePort: number;
  },
): RoutingResult {
  const { namespace, labels, host, servicePort } = options;
  switch (router) {
    case 'nginx':
      return {
        trafficRouting: { nginx: { stableIngress: names.ingress } },
        rootService: false,
        objects: [
          {
            file: 'ingress.yaml',
            object: ingress(names.ingress, namespace, labels, {
              className: 'nginx',
              host,
              service: names.stableService,
              port: { number: servicePort },
              path: '/',
              pathType: 'Prefix',
            }),
          },
        ],
      };
    case 'alb':
      return {
        trafficRouting: {
          alb: {
            ingress: names.ingress,
            rootService: names.rootService,
            servicePort,
          },
        },
        rootService: true,
        objects: [
          {
            file: 'ingress.yaml',
            object: ingress(names.ingress, namespace, labels, {
              className: 'alb',
              host,
              service: names.rootService,
              port: { name: 'use-annotation' },
              path: '/*',
              pathType: 'ImplementationSpecific',
              annotations: {
                'alb.ingress.kubernetes.io/scheme': 'internet-facing',
                'alb.ingress.kubernetes.io/target-type': 'ip',
              },
            }),
          },
        ],
      };
    case 'istio':
      return {
        trafficRouting: {
          istio: {
            virtualService: { name: names.virtualService, routes: ['primary'] },
          },
        },
        rootService: false,
        objects: [
          {
            file: 'virtualservice.yaml',
            object: {
              apiVersion: 'networking.istio.io/v1beta1',
              kind: 'VirtualService',
              metadata: meta(names.virtualService, namespace, labels),
              spec: {
                hosts: [host ?? names.rootService],
                http: [
                  {
                    name: 'primary',
                    route: [
                      {
                        destination: { host: names.stableService },
                        weight: 100,
                      },
                      { destination: { host: names.canaryService }, weight: 0 },
                    ],
                  },
                ],
              },
            },
          },
        ],
      };
    case 'smi':
      return {
        trafficRouting: {
          smi: {
            rootService: names.rootService,
            trafficSplitName: names.rollout,
          },
        },
        rootService: true,
        objects: [],
      };
    default:
      return { rootService: false, objects: [] };
  }
}

function ingress(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  o: {
    className: string;
    host?: string;
    service: string;
    port: { number: number } | { name: string };
    path: string;
    pathType: string;
    annotations?: Record<string, string>;
  },
): ManifestObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...meta(name, namespace, labels),
      ...(o.annotations ? { annotations: { ...o.annotations } } : {}),
    },
    spec: {
      ingressClassName: o.className,
      rules: [
        {
          ...(o.host ? { host: o.host } : {}),
          http: {
            paths: [
              {
                path: o.path,
                pathType: o.pathType,
                backend: { service: { name: o.service, port: o.port } },
              },
            ],
          },
        },
      ],
    },
  };
}

function presetOf(id: StrategyPresetId | undefined) {
  const preset = STRATEGY_PRESETS.find(p => p.id === (id ?? 'progressive'));
  if (!preset) {
    throw new ManifestInputError(
      `Unknown preset ${JSON.stringify(id)}; use one of ${STRATEGY_PRESETS.map(
        p => p.id,
      ).join(', ')}`,
    );
  }
  return preset;
}

function positiveInt(value: number, what: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ManifestInputError(
      `${what} must be an integer of at least ${min}, got ${value}`,
    );
  }
  return value;
}

/**
 * Builds everything a service needs for progressive delivery: the Rollout (canary or blue-green,
 * steps from a preset or given), its Services, optional traffic routing objects, Prometheus
 * AnalysisTemplates (error ratio or Pyrra burn rate), a Pyrra ServiceLevelObjective, and the
 * catalog annotations. Returns plain objects; serialise them as YAML yourself.
 * @throws ManifestInputError for options that cannot produce valid manifests.
 * @public
 */
export function buildProgressiveDeliveryManifests(
  options: ProgressiveDeliveryOptions,
): ProgressiveDeliveryManifests {
  const { name, namespace } = options;
  assertName(name, 'name', 50);
  if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
    throw new ManifestInputError(
      `namespace must be a lowercase DNS label, got ${JSON.stringify(
        namespace,
      )}`,
    );
  }
  if (!options.workloadRef && !options.image?.trim()) {
    throw new ManifestInputError('image is required (or a workloadRef)');
  }
  if (options.workloadRef && !DNS_SUBDOMAIN.test(options.workloadRef.name)) {
    throw new ManifestInputError(
      `workloadRef.name must be a DNS subdomain, got ${JSON.stringify(
        options.workloadRef.name,
      )}`,
    );
  }
  const kubernetesId = options.kubernetesId ?? name;
  if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(kubernetesId)) {
    throw new ManifestInputError(
      `kubernetesId must be a valid label value, got ${JSON.stringify(
        kubernetesId,
      )}`,
    );
  }
  const containerPort = positiveInt(
    options.containerPort ?? MANIFEST_DEFAULTS.containerPort,
    'containerPort',
  );
  const servicePort = positiveInt(
    options.servicePort ?? MANIFEST_DEFAULTS.servicePort,
    'servicePort',
  );
  const targetPort = options.targetPort ?? 'http';
  const replicas = positiveInt(
    options.replicas ?? MANIFEST_DEFAULTS.replicas,
    'replicas',
    0,
  );
  const preset = presetOf(options.preset);
  const router = options.trafficRouting?.type ?? 'none';
  const analysisType = options.analysis?.type ?? 'none';
  const sloEnabled = options.slo?.enabled ?? false;
  if (analysisType === 'pyrra-burn-rate' && !sloEnabled) {
    throw new ManifestInputError(
      'The Pyrra burn-rate analysis reads the series of the ServiceLevelObjective: enable the SLO too',
    );
  }
  if (preset.requiresAnalysis && analysisType === 'none') {
    throw new ManifestInputError(
      `The ${preset.id} preset needs an analysis (error-ratio or pyrra-burn-rate)`,
    );
  }
  if (preset.strategy === 'blueGreen' && router !== 'none') {
    throw new ManifestInputError(
      'Traffic routing applies to canary rollouts; blue-green switches Services',
    );
  }
  if (preset.strategy === 'blueGreen' && options.steps) {
    throw new ManifestInputError('Steps apply to canary presets only');
  }
  const mirror = options.trafficRouting?.mirrorPercentage;
  if (mirror !== undefined && !(mirror > 0 && mirror <= 100)) {
    throw new ManifestInputError(
      `mirrorPercentage must be between 1 and 100, got ${mirror}`,
    );
  }

  const names = manifestNames(name);
  const labels = { app: name, [KUBERNETES_ID_LABEL]: kubernetesId };
  const selector = options.selectorLabels ?? { app: name };
  const metric = requestMetric(options);
  const prometheusAddress =
    options.analysis?.prometheusAddress ?? MANIFEST_DEFAULTS.prometheusAddress;
  const manifests: GeneratedManifest[] = [];
  const notes: string[] = [];

  // --- SLO and analysis templates
  let slo: ServiceLevelObjective | undefined;
  if (sloEnabled) {
    slo = buildServiceLevelObjective({
      name: names.slo,
      namespace,
      service: name,
      labels,
      target: options.slo?.target ?? MANIFEST_DEFAULTS.sloTarget,
      window: options.slo?.window ?? MANIFEST_DEFAULTS.sloWindow,
      metric,
    });
  }
  const makeTemplate = (count: number | null): AnalysisTemplate | undefined => {
    const suffix = count === null ? names.backgroundSuffix : '';
    if (analysisType === 'error-ratio') {
      return buildErrorRatioTemplate({
        name: `${names.errorRatioTemplate}${suffix}`,
        namespace,
        labels,
        metric,
        prometheusAddress,
        maxErrorRatio:
          options.analysis?.maxErrorRatio ?? MANIFEST_DEFAULTS.maxErrorRatio,
        count,
      });
    }
    if (analysisType === 'pyrra-burn-rate') {
      return buildBurnRateTemplate({
        name: `${names.burnRateTemplate}${suffix}`,
        namespace,
        labels,
        slo: slo!,
        prometheusAddress,
        count,
      });
    }
    return undefined;
  };
  // five measurements for steps and pre-promotion; a continuous variant for background analysis
  const template = makeTemplate(5);
  let backgroundTemplate: AnalysisTemplate | undefined;

  const analysisFor = (
    service: string,
    using: AnalysisTemplate | undefined = template,
  ): RolloutAnalysis | undefined => {
    if (!using) return undefined;
    const args: AnalysisRunArgument[] =
      analysisType === 'error-ratio'
        ? [
            { name: ARG_SERVICE, value: service },
            {
              name: ARG_NAMESPACE,
              valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
            },
          ]
        : [];
    return {
      templates: [{ templateName: using.metadata.name }],
      ...(args.length ? { args } : {}),
    };
  };

  // --- strategy
  const scaleDownDelaySeconds =
    options.scaleDownDelaySeconds ?? MANIFEST_DEFAULTS.scaleDownDelaySeconds;
  positiveInt(scaleDownDelaySeconds, 'scaleDownDelaySeconds', 0);
  let strategy: Rollout['spec']['strategy'];
  const services: GeneratedManifest[] = [];
  if (preset.strategy === 'blueGreen') {
    const analysis = analysisFor(name);
    const blueGreen: BlueGreenStrategy = {
      activeService: names.activeService,
      previewService: names.previewService,
      previewReplicaCount: 1,
      autoPromotionEnabled: Boolean(analysis),
      scaleDownDelaySeconds,
      ...(analysis ? { prePromotionAnalysis: analysis } : {}),
    };
    if (analysis && analysisType === 'error-ratio') {
      blueGreen.prePromotionAnalysis = analysisFor(names.previewService);
    }
    if (!analysis) {
      notes.push(
        'Without analysis, blue-green promotion is manual (autoPromotionEnabled: false).',
      );
    }
    strategy = { blueGreen };
    services.push(
      {
        file: 'services.yaml',
        object: buildService(
          names.activeService,
          namespace,
          selector,
          labels,
          servicePort,
          targetPort,
        ),
      },
      {
        file: 'services.yaml',
        object: buildService(
          names.previewService,
          namespace,
          selector,
          labels,
          servicePort,
          targetPort,
        ),
      },
    );
  } else {
    const routing = buildTrafficRouting(router, names, {
      namespace,
      labels,
      host: options.trafficRouting?.host,
      servicePort,
    });
    const plan = options.steps
      ? {
          steps: options.steps,
          backgroundFrom: undefined,
          managedRoutes: [
            ...new Set(
              options.steps.flatMap(s => [
                ...(s.setHeaderRoute ? [s.setHeaderRoute.name] : []),
                ...(s.setMirrorRoute ? [s.setMirrorRoute.name] : []),
              ]),
            ),
          ],
          notes: [] as string[],
        }
      : canaryPlan(preset.id as Exclude<StrategyPresetId, 'blue-green'>, {
          router,
          analysis: analysisFor(names.canaryService),
          headerRoute:
            preset.id === 'progressive'
              ? options.trafficRouting?.headerRoute ??
                MANIFEST_DEFAULTS.headerRoute
              : undefined,
          mirrorPercentage: preset.id === 'progressive' ? mirror : undefined,
        });
    notes.push(...plan.notes);
    const canary: CanaryStrategy = {
      canaryService: names.canaryService,
      stableService: names.stableService,
    };
    if (routing.trafficRouting) {
      canary.trafficRouting = {
        ...(plan.managedRoutes.length
          ? { managedRoutes: plan.managedRoutes.map(r => ({ name: r })) }
          : {}),
        ...routing.trafficRouting,
      };
      canary.scaleDownDelaySeconds = scaleDownDelaySeconds;
    } else if (options.scaleDownDelaySeconds !== undefined) {
      notes.push(
        `scaleDownDelaySeconds applies with traffic routing only (${routerLabel(
          router,
        )}); it was left out.`,
      );
    }
    if (plan.backgroundFrom !== undefined) {
      backgroundTemplate = makeTemplate(null);
      const background = analysisFor(names.canaryService, backgroundTemplate)!;
      canary.analysis = { ...background, startingStep: plan.backgroundFrom };
    }
    canary.steps = plan.steps;
    strategy = { canary };
    services.push(
      {
        file: 'services.yaml',
        object: buildService(
          names.stableService,
          namespace,
          selector,
          labels,
          servicePort,
          targetPort,
        ),
      },
      {
        file: 'services.yaml',
        object: buildService(
          names.canaryService,
          namespace,
          selector,
          labels,
          servicePort,
          targetPort,
        ),
      },
    );
    if (routing.rootService) {
      services.push({
        file: 'services.yaml',
        object: buildService(
          names.rootService,
          namespace,
          selector,
          labels,
          servicePort,
          targetPort,
        ),
      });
    }
    manifests.push(...routing.objects);
  }

  const rollout: Rollout = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: meta(names.rollout, namespace, labels),
    spec: options.workloadRef
      ? {
          replicas,
          revisionHistoryLimit: 3,
          selector: { matchLabels: { ...selector } },
          workloadRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: options.workloadRef.name,
            ...(options.workloadRef.scaleDown
              ? { scaleDown: options.workloadRef.scaleDown }
              : {}),
          },
          strategy,
        }
      : {
          replicas,
          revisionHistoryLimit: 3,
          selector: { matchLabels: { ...selector } },
          template: {
            metadata: { labels: { ...labels, ...selector } },
            spec: {
              containers: [
                {
                  name,
                  image: options.image!.trim(),
                  ports: [{ name: 'http', containerPort, protocol: 'TCP' }],
                },
              ],
            },
          },
          strategy,
        },
  };

  manifests.unshift({
    file: 'rollout.yaml',
    object: rollout as unknown as ManifestObject,
  });
  manifests.push(...services);
  for (const t of [template, backgroundTemplate]) {
    if (t) {
      manifests.push({
        file: 'analysis-templates.yaml',
        object: t as unknown as ManifestObject,
      });
    }
  }
  if (slo)
    manifests.push({
      file: 'slo.yaml',
      object: slo as unknown as ManifestObject,
    });

  return {
    manifests,
    annotations: catalogAnnotations(kubernetesId, namespace),
    notes,
  };
}
