/*
 * The demo scenario: three clusters carrying the demo catalog's services in different states.
 *
 * | cluster  | namespace/rollout          | strategy                  | start-up state                                              |
 * |----------|----------------------------|---------------------------|-------------------------------------------------------------|
 * | eu-prod  | checkout/checkout          | canary                    | Paused at step 1/7 (`pause: {}`), awaiting promotion        |
 * | eu-prod  | checkout/cart              | canary                    | Progressing: step 1/6 analysis running, then timed steps;   |
 * |          |                            |                           | redeploys a new image 2 min after each completion           |
 * | eu-prod  | catalog/catalog-api        | blue-green                | Paused (BlueGreenPause): preview up, pre-promotion passed   |
 * | eu-prod  | catalog/search             | canary + Istio routing    | Healthy (revision 2, setCanaryScale/header/mirror steps)    |
 * | eu-prod  | payments/payments          | canary                    | Healthy                                                     |
 * | eu-prod  | payments/recommendations   | canary, workloadRef       | Healthy (template from Deployment `recommendations`)        |
 * | us-prod  | checkout/checkout          | canary                    | Healthy (revision 2)                                        |
 * | us-prod  | catalog/catalog-api        | blue-green                | Healthy (revision 2)                                        |
 * | us-prod  | payments/payments          | canary                    | Degraded: step analysis Failed, rollout aborted (rev 2)     |
 * | us-prod  | catalog/search             | canary + Istio routing    | Healthy                                                     |
 * | staging  | checkout/checkout          | canary                    | Healthy                                                     |
 * | staging  | checkout/cart              | canary                    | Healthy                                                     |
 * | staging  | catalog/search             | canary + Istio routing    | Healthy                                                     |
 *
 * Every cluster also gets the namespaces, Services, AnalysisTemplates `success-rate` and
 * `error-budget-burn` (per namespace), the ClusterAnalysisTemplate `smoke-test`, and Pyrra
 * ServiceLevelObjectives for the services it runs.
 */
import { KubeObject } from '../types';
import {
  METRIC_OUTCOME_ANNOTATION,
  REDEPLOY_AFTER_ANNOTATION,
  REDEPLOY_IMAGES_ANNOTATION,
} from '../controller/engine';
import { Seeder, namespaceObject, serviceObject } from './seeder';

export const DEMO_NAMESPACES = ['checkout', 'catalog', 'payments'] as const;

const ROLLOUT_API = 'argoproj.io/v1alpha1';
const ID_LABEL = 'backstage.io/kubernetes-id';
const REGISTRY = 'ghcr.io/pdelivery-demo';

function labelsFor(id: string): Record<string, string> {
  return { app: id, [ID_LABEL]: id };
}

function podTemplate(id: string, image: string) {
  return {
    metadata: {
      labels: {
        ...labelsFor(id),
        'app.kubernetes.io/name': id,
        'app.kubernetes.io/part-of': 'pdelivery-demo-shop',
      },
    },
    spec: {
      containers: [
        {
          name: id,
          image,
          imagePullPolicy: 'IfNotPresent',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: {
            httpGet: { path: '/healthz', port: 'http' },
            periodSeconds: 5,
          },
          resources: {
            requests: { cpu: '50m', memory: '64Mi' },
            limits: { memory: '256Mi' },
          },
        },
      ],
    },
  };
}

function rollout(
  ns: string,
  id: string,
  args: {
    image: string;
    replicas: number;
    strategy: any;
    annotations?: Record<string, string>;
    workloadRef?: any;
  },
): KubeObject {
  return {
    apiVersion: ROLLOUT_API,
    kind: 'Rollout',
    metadata: {
      name: id,
      namespace: ns,
      labels: {
        [ID_LABEL]: id,
        'app.kubernetes.io/name': id,
        'app.kubernetes.io/part-of': 'pdelivery-demo-shop',
      },
      ...(args.annotations ? { annotations: args.annotations } : {}),
    },
    spec: {
      replicas: args.replicas,
      revisionHistoryLimit: 3,
      selector: { matchLabels: labelsFor(id) },
      ...(args.workloadRef
        ? { workloadRef: args.workloadRef }
        : { template: podTemplate(id, args.image) }),
      strategy: args.strategy,
    },
  };
}

const successRateAnalysis = (id: string) => ({
  templates: [{ templateName: 'success-rate' }],
  args: [{ name: 'service-name', value: id }],
});

function analysisTemplates(ns: string): KubeObject[] {
  return [
    {
      apiVersion: ROLLOUT_API,
      kind: 'AnalysisTemplate',
      metadata: { name: 'success-rate', namespace: ns },
      spec: {
        args: [
          { name: 'service-name' },
          {
            name: 'prometheus-address',
            value: 'http://prometheus.monitoring.svc:9090',
          },
        ],
        metrics: [
          {
            name: 'success-rate',
            interval: '30s',
            count: 3,
            successCondition: 'result[0] >= 0.95',
            failureLimit: 0,
            provider: {
              prometheus: {
                address: '{{args.prometheus-address}}',
                // Pyrra's recording rule for the ratio SLO `<service>-availability`:
                // the error ratio over 5m; success rate = 1 - error ratio.
                query:
                  '1 - sum(http_requests:burnrate5m{slo="{{args.service-name}}-availability"})',
              },
            },
          },
        ],
      },
    },
    {
      apiVersion: ROLLOUT_API,
      kind: 'AnalysisTemplate',
      metadata: { name: 'error-budget-burn', namespace: ns },
      spec: {
        args: [
          { name: 'service-name' },
          { name: 'objective', value: '0.995' },
          {
            name: 'prometheus-address',
            value: 'http://prometheus.monitoring.svc:9090',
          },
        ],
        metrics: [
          {
            name: 'burn-rate-1h',
            interval: '1m',
            count: 5,
            failureLimit: 1,
            // Burn rate = error ratio / error budget; page-level burn is 14x.
            successCondition: 'result[0] < 14',
            provider: {
              prometheus: {
                address: '{{args.prometheus-address}}',
                query:
                  'sum(http_requests:burnrate1h{slo="{{args.service-name}}-availability"}) / (1 - {{args.objective}})',
              },
            },
          },
        ],
      },
    },
  ];
}

function clusterAnalysisTemplates(): KubeObject[] {
  return [
    {
      apiVersion: ROLLOUT_API,
      kind: 'ClusterAnalysisTemplate',
      metadata: { name: 'smoke-test' },
      spec: {
        args: [{ name: 'service-name' }],
        metrics: [
          {
            name: 'smoke-test',
            count: 1,
            failureLimit: 0,
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
                          command: ['sh', '-c'],
                          args: [
                            'curl -fsS http://{{args.service-name}}-preview/healthz',
                          ],
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
    },
  ];
}

interface SloSpec {
  id: string;
  ns: string;
  target: string;
  window: string;
  latency?: { le: string };
}

const SLOS: SloSpec[] = [
  { id: 'checkout', ns: 'checkout', target: '99.5', window: '28d' },
  {
    id: 'checkout',
    ns: 'checkout',
    target: '99',
    window: '28d',
    latency: { le: '0.5' },
  },
  { id: 'cart', ns: 'checkout', target: '99.5', window: '7d' },
  { id: 'catalog-api', ns: 'catalog', target: '99.9', window: '28d' },
  { id: 'payments', ns: 'payments', target: '99.9', window: '28d' },
  { id: 'search', ns: 'catalog', target: '99', window: '7d' },
];

function sloObject(s: SloSpec): KubeObject {
  const name = `${s.id}-${s.latency ? 'latency' : 'availability'}`;
  const indicator = s.latency
    ? {
        latency: {
          success: {
            metric: `http_request_duration_seconds_bucket{job="${s.id}",code=~"2..",le="${s.latency.le}"}`,
          },
          total: {
            metric: `http_request_duration_seconds_count{job="${s.id}",code=~"2.."}`,
          },
        },
      }
    : {
        ratio: {
          errors: { metric: `http_requests_total{job="${s.id}",code=~"5.."}` },
          total: { metric: `http_requests_total{job="${s.id}"}` },
        },
      };
  return {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name,
      namespace: s.ns,
      labels: {
        [ID_LABEL]: s.id,
        prometheus: 'k8s',
        role: 'alert-rules',
        'pyrra.dev/team': s.ns,
      },
    },
    spec: {
      target: s.target,
      window: s.window,
      description: s.latency
        ? `${s.id}: ${s.target}% of successful requests are served within ${s.latency.le}s.`
        : `${s.id}: ${s.target}% of requests are answered without a server error.`,
      indicator,
    },
  };
}

const image = (id: string, version: string) => `${REGISTRY}/${id}:${version}`;

function canaryServices(seed: Seeder, ns: string, id: string, suffix: string) {
  seed.createQuiet(
    serviceObject(ns, id, labelsFor(id), `${seed.clusterName}/${ns}/${id}`, {
      [ID_LABEL]: id,
    }),
  );
  seed.createQuiet(
    serviceObject(
      ns,
      `${id}-${suffix}`,
      labelsFor(id),
      `${seed.clusterName}/${ns}/${id}-${suffix}`,
      {
        [ID_LABEL]: id,
      },
    ),
  );
}

// ------------------------------------------------------------------ services

function checkoutStrategy() {
  return {
    canary: {
      stableService: 'checkout',
      canaryService: 'checkout-canary',
      steps: [
        { setWeight: 20 },
        { pause: {} },
        { setWeight: 50 },
        { pause: { duration: '30s' } },
        { analysis: successRateAnalysis('checkout') },
        { setWeight: 80 },
        { pause: { duration: '30s' } },
      ],
    },
  };
}

function seedCheckout(seed: Seeder, state: 'paused' | 'healthy') {
  canaryServices(seed, 'checkout', 'checkout', 'canary');
  seed.create(
    rollout('checkout', 'checkout', {
      image: image('checkout', '1.8.3'),
      replicas: 5,
      strategy: checkoutStrategy(),
    }),
  );
  seed.setImage('checkout', 'checkout', image('checkout', '1.9.0'));
  if (state === 'healthy') {
    seed.patchStatus('Rollout', 'checkout', 'checkout', { promoteFull: true });
  }
}

function cartStrategy() {
  return {
    canary: {
      stableService: 'cart',
      canaryService: 'cart-canary',
      steps: [
        { setWeight: 25 },
        { analysis: successRateAnalysis('cart') },
        { setWeight: 50 },
        { pause: { duration: '45s' } },
        { setWeight: 75 },
        { pause: { duration: '45s' } },
      ],
    },
  };
}

function seedCart(seed: Seeder, state: 'progressing' | 'healthy') {
  canaryServices(seed, 'checkout', 'cart', 'canary');
  const images = ['2.4.0', '2.4.1', '2.5.0', '2.5.1'].map(v =>
    image('cart', v),
  );
  seed.create(
    rollout('checkout', 'cart', {
      image: images[0],
      replicas: 4,
      strategy: cartStrategy(),
      annotations:
        state === 'progressing'
          ? {
              [REDEPLOY_AFTER_ANNOTATION]: '2m',
              [REDEPLOY_IMAGES_ANNOTATION]: images.join(','),
            }
          : undefined,
    }),
  );
  if (state === 'progressing') {
    // Starts an update; the controller stops at the step analysis (measuring every 30s),
    // then walks the timed steps.
    seed.setImage('checkout', 'cart', images[1]);
  }
}

function seedCatalogApi(seed: Seeder, state: 'preview' | 'healthy') {
  const ns = 'catalog';
  const id = 'catalog-api';
  canaryServices(seed, ns, id, 'preview');
  seed.create(
    rollout(ns, id, {
      image: image(id, '3.1.0'),
      replicas: 3,
      strategy: {
        blueGreen: {
          activeService: id,
          previewService: `${id}-preview`,
          autoPromotionEnabled: false,
          scaleDownDelaySeconds: 30,
          prePromotionAnalysis: {
            templates: [{ templateName: 'smoke-test', clusterScope: true }],
            args: [{ name: 'service-name', value: id }],
          },
          postPromotionAnalysis: successRateAnalysis(id),
        },
      },
    }),
  );
  seed.setImage(ns, id, image(id, '3.2.0'));
  if (state === 'healthy') {
    seed.patchStatus('Rollout', ns, id, { promoteFull: true });
  }
}

function seedPayments(seed: Seeder, state: 'degraded' | 'healthy') {
  const ns = 'payments';
  const id = 'payments';
  canaryServices(seed, ns, id, 'canary');
  seed.create(
    rollout(ns, id, {
      image: image(id, '5.0.2'),
      replicas: 4,
      strategy: {
        canary: {
          stableService: id,
          canaryService: `${id}-canary`,
          steps: [
            { setWeight: 10 },
            { analysis: successRateAnalysis(id) },
            { setWeight: 50 },
            { pause: {} },
          ],
        },
      },
      annotations:
        state === 'degraded'
          ? { [METRIC_OUTCOME_ANNOTATION]: 'failure' }
          : undefined,
    }),
  );
  if (state === 'degraded') {
    // The new version's success rate is too low: the step analysis fails at its first
    // measurement and the controller aborts the update.
    seed.setImage(ns, id, image(id, '5.1.0'));
  }
}

function seedSearch(seed: Seeder) {
  const ns = 'catalog';
  const id = 'search';
  canaryServices(seed, ns, id, 'canary');
  seed.create(
    rollout(ns, id, {
      image: image(id, '1.12.0'),
      replicas: 4,
      strategy: {
        canary: {
          stableService: id,
          canaryService: `${id}-canary`,
          scaleDownDelaySeconds: 30,
          trafficRouting: {
            managedRoutes: [{ name: 'beta-testers' }, { name: 'shadow' }],
            istio: {
              virtualService: { name: `${id}-vsvc`, routes: ['primary'] },
            },
          },
          steps: [
            { setCanaryScale: { replicas: 1 } },
            {
              setHeaderRoute: {
                name: 'beta-testers',
                match: [
                  {
                    headerName: 'x-beta-tester',
                    headerValue: { exact: 'true' },
                  },
                ],
              },
            },
            {
              setMirrorRoute: {
                name: 'shadow',
                percentage: 25,
                match: [
                  { method: { exact: 'GET' }, path: { prefix: '/search' } },
                ],
              },
            },
            { setWeight: 10 },
            { pause: { duration: '1m' } },
            { setCanaryScale: { matchTrafficWeight: true } },
            { setWeight: 50 },
            { pause: { duration: '1m' } },
            { setMirrorRoute: { name: 'shadow' } },
            { setHeaderRoute: { name: 'beta-testers' } },
          ],
        },
      },
    }),
  );
  seed.setImage(ns, id, image(id, '1.13.0'));
  seed.patchStatus('Rollout', ns, id, { promoteFull: true });
}

function seedRecommendations(seed: Seeder) {
  const ns = 'payments';
  const id = 'recommendations';
  seed.createQuiet(
    serviceObject(ns, id, labelsFor(id), `${seed.clusterName}/${ns}/${id}`, {
      [ID_LABEL]: id,
    }),
  );
  seed.create(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: id,
        namespace: ns,
        labels: { [ID_LABEL]: id },
        annotations: { 'deployment.kubernetes.io/revision': '4' },
      },
      spec: {
        // Migrated to a Rollout (docs/migrating.md): the Deployment is scaled to zero.
        replicas: 0,
        selector: { matchLabels: labelsFor(id) },
        template: podTemplate(id, image(id, '0.9.4')),
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
      },
      status: { observedGeneration: 1 },
    },
    false,
  );
  seed.create(
    rollout(ns, id, {
      image: '',
      replicas: 3,
      workloadRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: id,
        scaleDown: 'onsuccess',
      },
      strategy: {
        canary: {
          steps: [
            { setWeight: 20 },
            { pause: { duration: '1m' } },
            { setWeight: 60 },
            { pause: { duration: '1m' } },
          ],
        },
      },
    }),
  );
}

export function seedDemo(seed: Seeder): void {
  const cluster = seed.clusterName;
  for (const ns of DEMO_NAMESPACES) {
    seed.createQuiet(namespaceObject(ns, { 'pdelivery.dev/team': ns }));
    for (const t of analysisTemplates(ns)) seed.createQuiet(t);
  }
  for (const t of clusterAnalysisTemplates()) seed.createQuiet(t);

  const services = new Set<string>();
  const run = (id: string, fn: () => void) => {
    services.add(id);
    fn();
  };
  if (cluster === 'eu-prod') {
    run('checkout', () => seedCheckout(seed, 'paused'));
    run('cart', () => seedCart(seed, 'progressing'));
    run('catalog-api', () => seedCatalogApi(seed, 'preview'));
    run('payments', () => seedPayments(seed, 'healthy'));
    run('search', () => seedSearch(seed));
    run('recommendations', () => seedRecommendations(seed));
  } else if (cluster === 'us-prod') {
    run('checkout', () => seedCheckout(seed, 'healthy'));
    run('catalog-api', () => seedCatalogApi(seed, 'healthy'));
    run('payments', () => seedPayments(seed, 'degraded'));
    run('search', () => seedSearch(seed));
  } else {
    run('checkout', () => seedCheckout(seed, 'healthy'));
    run('cart', () => seedCart(seed, 'healthy'));
    run('search', () => seedSearch(seed));
  }
  for (const slo of SLOS) {
    if (services.has(slo.id)) seed.createQuiet(sloObject(slo));
  }
  seed.settle();
}
