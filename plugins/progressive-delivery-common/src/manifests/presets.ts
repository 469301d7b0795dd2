import {
  CanaryStep,
  RolloutAnalysis,
  SetHeaderRoute,
  SetMirrorRoute,
} from '../kubernetes/rollout';
import { StrategyPresetId, TrafficRouterType } from './types';

/** Description of a strategy preset, for forms and docs. @public */
export interface StrategyPreset {
  id: StrategyPresetId;
  title: string;
  description: string;
  strategy: 'canary' | 'blueGreen';
  /** The preset cannot be built without Prometheus analysis. */
  requiresAnalysis: boolean;
}

/** The presets, the first one being the default. @public */
export const STRATEGY_PRESETS: readonly StrategyPreset[] = [
  {
    id: 'progressive',
    title: 'Progressive (test at 0%, analysis, gradual weights)',
    description:
      'Scales the canary up for testing while it receives no traffic, routes requests carrying a header to it, runs an analysis, then shifts traffic gradually (10, 25, 50, 75%) under a background SLO analysis that rolls back automatically; the old version is kept for a fast rollback.',
    strategy: 'canary',
    requiresAnalysis: false,
  },
  {
    id: 'canary-basic',
    title: 'Basic canary (manual gate, then timed steps)',
    description:
      '20% and wait for a manual promotion, then 40, 60, 80% one minute apart (the upstream example).',
    strategy: 'canary',
    requiresAnalysis: false,
  },
  {
    id: 'canary-analysis',
    title: 'Canary with an analysis after each step',
    description:
      '10, 30, 60%, each followed by a Prometheus analysis; a failed analysis aborts the rollout.',
    strategy: 'canary',
    requiresAnalysis: true,
  },
  {
    id: 'blue-green',
    title: 'Blue-green (preview, pre-promotion analysis)',
    description:
      'The new version runs next to the old one behind a preview Service; an analysis against the preview decides the promotion (without analysis, promotion is manual).',
    strategy: 'blueGreen',
    requiresAnalysis: false,
  },
];

/** True when the router supports `setHeaderRoute` (upstream validation: Istio, ALB, APISIX, plugins). @public */
export function supportsHeaderRoutes(router: TrafficRouterType): boolean {
  return router === 'istio' || router === 'alb';
}

/** True when the router supports `setMirrorRoute` (upstream validation: Istio only). @public */
export function supportsMirrorRoutes(router: TrafficRouterType): boolean {
  return router === 'istio';
}

/** Names of the managed routes the progressive preset uses. @public */
export const CANARY_HEADER_ROUTE = 'canary-header';
/** @public */
export const CANARY_MIRROR_ROUTE = 'canary-mirror';

/** @internal */
export interface PresetContext {
  router: TrafficRouterType;
  /** Step analysis; undefined without analysis. */
  analysis?: RolloutAnalysis;
  headerRoute?: { headerName: string; headerValue: string };
  mirrorPercentage?: number;
}

/** @internal */
export interface CanaryPlan {
  steps: CanaryStep[];
  /** Index of the step where the background analysis starts; undefined: no background analysis. */
  backgroundFrom?: number;
  /** Routes the steps use (for `managedRoutes`). */
  managedRoutes: string[];
  notes: string[];
}

const GRADUAL: CanaryStep[] = [
  { setWeight: 10 },
  { pause: { duration: '2m' } },
  { setWeight: 25 },
  { pause: { duration: '5m' } },
  { setWeight: 50 },
  { pause: { duration: '5m' } },
  { setWeight: 75 },
  { pause: { duration: '5m' } },
];

function progressive(ctx: PresetContext): CanaryPlan {
  const notes: string[] = [];
  const steps: CanaryStep[] = [];
  const managedRoutes: string[] = [];
  const routed = ctx.router !== 'none';
  if (routed) {
    steps.push({ setWeight: 0 }, { setCanaryScale: { replicas: 1 } });
    if (ctx.headerRoute && supportsHeaderRoutes(ctx.router)) {
      const route: SetHeaderRoute = {
        name: CANARY_HEADER_ROUTE,
        match: [
          {
            headerName: ctx.headerRoute.headerName,
            headerValue: { exact: ctx.headerRoute.headerValue },
          },
        ],
      };
      steps.push({ setHeaderRoute: route });
      managedRoutes.push(CANARY_HEADER_ROUTE);
    } else if (ctx.headerRoute) {
      notes.push(
        `Header-based routing is not supported with ${ctx.router} traffic routing (Argo Rollouts supports it with Istio, ALB and APISIX); the canary is tested at weight 0 without a header route.`,
      );
    }
    if (ctx.mirrorPercentage && supportsMirrorRoutes(ctx.router)) {
      const mirror: SetMirrorRoute = {
        name: CANARY_MIRROR_ROUTE,
        percentage: ctx.mirrorPercentage,
        match: [{ path: { prefix: '/' } }],
      };
      steps.push({ setMirrorRoute: mirror });
      managedRoutes.push(CANARY_MIRROR_ROUTE);
    } else if (ctx.mirrorPercentage) {
      notes.push(
        `Traffic mirroring needs Istio traffic routing; no mirror route was added for ${ctx.router}.`,
      );
    }
  } else {
    notes.push(
      'Without traffic routing the canary cannot run at weight 0: the test phase (canary scale-up and header route) is skipped and weights are approximated by replica counts.',
    );
  }
  if (ctx.analysis) {
    steps.push({ analysis: ctx.analysis });
  } else {
    notes.push(
      'No analysis was selected: the rollout cannot roll back automatically; add a Prometheus analysis to gate promotion on the SLO.',
    );
  }
  if (routed) {
    if (managedRoutes.includes(CANARY_HEADER_ROUTE)) {
      steps.push({ setHeaderRoute: { name: CANARY_HEADER_ROUTE } });
    }
    if (managedRoutes.includes(CANARY_MIRROR_ROUTE)) {
      steps.push({ setMirrorRoute: { name: CANARY_MIRROR_ROUTE } });
    }
    steps.push({ setCanaryScale: { matchTrafficWeight: true } });
  }
  const backgroundFrom = ctx.analysis ? steps.length : undefined;
  steps.push(...GRADUAL.map(s => ({ ...s })));
  return { steps, backgroundFrom, managedRoutes, notes };
}

/** Builds the canary steps of a preset. @internal */
export function canaryPlan(
  preset: Exclude<StrategyPresetId, 'blue-green'>,
  ctx: PresetContext,
): CanaryPlan {
  switch (preset) {
    case 'progressive':
      return progressive(ctx);
    case 'canary-analysis': {
      const a = ctx.analysis!;
      return {
        steps: [
          { setWeight: 10 },
          { pause: { duration: '1m' } },
          { analysis: a },
          { setWeight: 30 },
          { pause: { duration: '2m' } },
          { analysis: a },
          { setWeight: 60 },
          { pause: { duration: '2m' } },
          { analysis: a },
        ],
        managedRoutes: [],
        notes: [],
      };
    }
    case 'canary-basic':
    default:
      return {
        steps: [
          { setWeight: 20 },
          { pause: {} },
          { setWeight: 40 },
          { pause: { duration: '1m' } },
          { setWeight: 60 },
          { pause: { duration: '1m' } },
          { setWeight: 80 },
          { pause: { duration: '1m' } },
        ],
        backgroundFrom: ctx.analysis ? 0 : undefined,
        managedRoutes: [],
        notes: [],
      };
  }
}
