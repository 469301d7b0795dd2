import {
  AnalysisType,
  CanaryStep,
  ProgressiveDeliveryOptions,
  StrategyPresetId,
  TrafficRouterType,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** Values of the enums the actions accept (kept in step with -common). */
export const PRESETS = [
  'progressive',
  'canary-basic',
  'canary-analysis',
  'blue-green',
] as const satisfies readonly StrategyPresetId[];
export const ROUTERS = [
  'none',
  'nginx',
  'istio',
  'smi',
  'alb',
] as const satisfies readonly TrafficRouterType[];
export const ANALYSES = [
  'none',
  'error-ratio',
  'pyrra-burn-rate',
] as const satisfies readonly AnalysisType[];

/** Strategy, routing, analysis and SLO inputs shared by the create and migrate actions. */
export const strategyInputs = {
  trafficRouting: (z: Z) =>
    z
      .enum(ROUTERS)
      .default('none')
      .describe(
        'Traffic router: none (replica-count canary), nginx, istio, smi or alb. Header routes need istio or alb, mirroring istio.',
      ),
  host: (z: Z) =>
    z
      .string()
      .optional()
      .describe('External host name for the Ingress or VirtualService.'),
  headerName: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Header that routes a request to the canary at weight 0 (progressive preset; default x-canary).',
      ),
  headerValue: (z: Z) =>
    z.string().optional().describe('Exact header value (default always).'),
  mirrorPercentage: (z: Z) =>
    z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Mirror this percentage of traffic to the canary during the test phase (istio only).',
      ),
  analysis: (z: Z) =>
    z
      .enum(ANALYSES)
      .default('none')
      .describe(
        'Prometheus analysis: error-ratio (5xx share of the canary) or pyrra-burn-rate (the SLO burn-rate series; needs slo).',
      ),
  prometheusAddress: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Prometheus the analysis queries (default http://prometheus.monitoring.svc:9090).',
      ),
  maxErrorRatio: (z: Z) =>
    z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe('Highest tolerated 5xx ratio for error-ratio (default 0.01).'),
  slo: (z: Z) =>
    z
      .boolean()
      .default(false)
      .describe('Also write a Pyrra ServiceLevelObjective (availability).'),
  sloTarget: (z: Z) =>
    z
      .string()
      .optional()
      .describe('SLO target in percent, e.g. "99.5" (default).'),
  sloWindow: (z: Z) =>
    z.string().optional().describe('SLO window, e.g. "28d" (default).'),
  requestMetric: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Request counter of the service (default http_requests_total).',
      ),
  scaleDownDelaySeconds: (z: Z) =>
    z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        'Seconds the previous version is kept after promotion for a fast rollback (default 600; traffic routing or blue-green only).',
      ),
  kubernetesId: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Value of backstage.io/kubernetes-id (default: the name). The entity gets the same annotation.',
      ),
  targetPath: (z: Z) =>
    z
      .string()
      .default('kubernetes')
      .describe('Workspace folder the manifests are written to.'),
};

/** Output of the actions that write manifests. */
export const writeOutputs = {
  files: (z: Z) =>
    z.array(z.string()).describe('Files written, relative to the workspace.'),
  annotations: (z: Z) =>
    z
      .record(z.string(), z.string())
      .describe(
        'Annotations for the catalog entity (Progressive Delivery tab).',
      ),
  notes: (z: Z) =>
    z.array(z.string()).describe('Things dropped or adjusted, and why.'),
  findings: (z: Z) =>
    z
      .array(z.record(z.string(), z.unknown()))
      .describe('Validation findings (warnings; errors fail the action).'),
};

export interface StrategyInput {
  trafficRouting?: (typeof ROUTERS)[number];
  host?: string;
  headerName?: string;
  headerValue?: string;
  mirrorPercentage?: number;
  analysis?: (typeof ANALYSES)[number];
  prometheusAddress?: string;
  maxErrorRatio?: number;
  slo?: boolean;
  sloTarget?: string;
  sloWindow?: string;
  requestMetric?: string;
  scaleDownDelaySeconds?: number;
  kubernetesId?: string;
}

/** Maps the flat action inputs to the builder options of -common. */
export function strategyOptions(
  input: StrategyInput,
): Pick<
  ProgressiveDeliveryOptions,
  | 'trafficRouting'
  | 'analysis'
  | 'slo'
  | 'requestMetric'
  | 'scaleDownDelaySeconds'
  | 'kubernetesId'
> {
  const header =
    input.headerName || input.headerValue
      ? {
          headerName: input.headerName || 'x-canary',
          headerValue: input.headerValue || 'always',
        }
      : undefined;
  return {
    trafficRouting: {
      type: input.trafficRouting ?? 'none',
      ...(input.host ? { host: input.host } : {}),
      ...(header ? { headerRoute: header } : {}),
      ...(input.mirrorPercentage !== undefined
        ? { mirrorPercentage: input.mirrorPercentage }
        : {}),
    },
    analysis: {
      type: input.analysis ?? 'none',
      ...(input.prometheusAddress
        ? { prometheusAddress: input.prometheusAddress }
        : {}),
      ...(input.maxErrorRatio !== undefined
        ? { maxErrorRatio: input.maxErrorRatio }
        : {}),
    },
    slo: {
      enabled: input.slo ?? false,
      ...(input.sloTarget ? { target: input.sloTarget } : {}),
      ...(input.sloWindow ? { window: input.sloWindow } : {}),
    },
    ...(input.requestMetric
      ? { requestMetric: { metric: input.requestMetric } }
      : {}),
    ...(input.scaleDownDelaySeconds !== undefined
      ? { scaleDownDelaySeconds: input.scaleDownDelaySeconds }
      : {}),
    ...(input.kubernetesId ? { kubernetesId: input.kubernetesId } : {}),
  };
}

/** Explicit canary steps as given in a template (checked by the validator). */
export function asSteps(
  steps: Array<Record<string, unknown>> | undefined,
): CanaryStep[] | undefined {
  return steps?.length ? (steps as CanaryStep[]) : undefined;
}
