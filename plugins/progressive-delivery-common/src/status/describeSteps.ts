import {
  CanaryStep,
  PauseCondition,
  Rollout,
  RolloutAnalysis,
  RolloutDuration,
  RouteMatch,
} from '../kubernetes/rollout';
import { durationSeconds, formatSeconds } from './rolloutDuration';

/**
 * A step-by-step description of a rollout for the UI: canary steps with their parameters and
 * progress, or the stages of a blue-green rollout. Derived from the Rollout alone.
 */

/** @public */
export type StepState = 'done' | 'current' | 'pending';

/** Countdown of a timed pause; only for the current step once the controller has paused. @public */
export interface PauseCountdown {
  /** RFC 3339 time the pause started (`pauseConditions[].startTime`). */
  startedAt: string;
  /** RFC 3339 time the controller will resume on its own. */
  endsAt: string;
  /** Seconds left, never below 0. */
  remainingSeconds: number;
}

/** A named template, optionally cluster-scoped. @public */
export interface StepTemplateRef {
  name: string;
  clusterScope: boolean;
}

/** The parameters of one canary step, by kind. @public */
export type CanaryStepParameters =
  | { kind: 'setWeight'; weight: number }
  | {
      kind: 'pause';
      /** As written in the spec; undefined = until promoted. */
      duration?: RolloutDuration;
      durationSeconds?: number;
      countdown?: PauseCountdown;
    }
  | {
      kind: 'analysis';
      templates: StepTemplateRef[];
      args: Array<{ name: string; value?: string }>;
    }
  | {
      kind: 'experiment';
      duration?: RolloutDuration;
      durationSeconds?: number;
      templates: Array<{
        name: string;
        specRef: string;
        replicas?: number;
        weight?: number;
      }>;
      analyses: Array<
        StepTemplateRef & {
          analysisName: string;
          requiredForCompletion: boolean;
        }
      >;
    }
  | {
      kind: 'setCanaryScale';
      weight?: number;
      replicas?: number;
      matchTrafficWeight: boolean;
    }
  | {
      kind: 'setHeaderRoute';
      routeName: string;
      /** Empty: the step removes the route. */
      matches: Array<{
        headerName: string;
        matchType: 'exact' | 'prefix' | 'regex';
        value: string;
      }>;
      managed: boolean;
    }
  | {
      kind: 'setMirrorRoute';
      routeName: string;
      percentage?: number;
      /** Empty: the step removes the route. */
      matches: RouteMatch[];
      managed: boolean;
    }
  | { kind: 'plugin'; pluginName: string; config?: unknown }
  | { kind: 'unknown' };

/** @public */
export type CanaryStepDescription = CanaryStepParameters & {
  index: number;
  state: StepState;
  /** One line for humans, e.g. "Set weight to 20%", "Pause for 10s". */
  title: string;
};

/** @public */
export type BlueGreenStageKind =
  | 'preview'
  | 'prePromotionAnalysis'
  | 'promote'
  | 'postPromotionAnalysis'
  | 'scaleDown';

/** @public */
export interface BlueGreenStageDescription {
  kind: BlueGreenStageKind;
  state: StepState;
  title: string;
  /** Phase of the analysis run of an analysis stage, when one exists. */
  analysisStatus?: string;
  analysisRunName?: string;
  /** Promote stage: when the rollout promotes itself (autoPromotionSeconds after the pause). */
  autoPromotion?: {
    enabled: boolean;
    afterSeconds?: number;
    countdown?: PauseCountdown;
  };
  /** Scale-down stage: delay before the old ReplicaSet is scaled down (default 30s). */
  scaleDownDelaySeconds?: number;
}

/** @public */
export interface RolloutStepsDescription {
  strategy: 'Canary' | 'BlueGreen';
  /** Canary steps; empty for blue-green. */
  steps: CanaryStepDescription[];
  /** Blue-green stages; empty for canary. */
  stages: BlueGreenStageDescription[];
  /** `status.currentStepIndex` as the controller reports it (canary). */
  currentStepIndex?: number;
  aborted: boolean;
  /** Managed routes the header / mirror steps may use (trafficRouting.managedRoutes). */
  managedRoutes: string[];
}

const COMPLETED = ['Successful', 'Failed', 'Error', 'Inconclusive'];
const DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;

function countdown(
  pause: PauseCondition | undefined,
  seconds: number | undefined,
  now: Date,
): PauseCountdown | undefined {
  if (!pause || seconds === undefined) return undefined;
  const started = Date.parse(pause.startTime);
  if (Number.isNaN(started)) return undefined;
  const ends = started + seconds * 1000;
  return {
    startedAt: pause.startTime,
    endsAt: new Date(ends).toISOString().replace('.000Z', 'Z'),
    remainingSeconds: Math.max(0, Math.ceil((ends - now.getTime()) / 1000)),
  };
}

function templateRefs(analysis: RolloutAnalysis): StepTemplateRef[] {
  return (analysis.templates ?? []).map(t => ({
    name: t.templateName ?? '',
    clusterScope: Boolean(t.clusterScope),
  }));
}

function describeParameters(
  step: CanaryStep,
  managedRoutes: string[],
): { params: CanaryStepParameters; title: string } {
  if (step.setWeight !== undefined && step.setWeight !== null) {
    return {
      params: { kind: 'setWeight', weight: step.setWeight },
      title: `Set weight to ${step.setWeight}%`,
    };
  }
  if (step.pause) {
    const { duration } = step.pause;
    const seconds = durationSeconds(duration);
    return {
      params: {
        kind: 'pause',
        ...(duration !== undefined ? { duration } : {}),
        ...(seconds !== undefined ? { durationSeconds: seconds } : {}),
      },
      title:
        duration === undefined
          ? 'Pause until promoted'
          : `Pause for ${
              seconds !== undefined ? formatSeconds(seconds) : String(duration)
            }`,
    };
  }
  if (step.analysis) {
    const templates = templateRefs(step.analysis);
    return {
      params: {
        kind: 'analysis',
        templates,
        args: (step.analysis.args ?? []).map(a => ({
          name: a.name,
          ...(a.value !== undefined ? { value: a.value } : {}),
        })),
      },
      title: `Run analysis ${templates.map(t => t.name).join(', ')}`.trim(),
    };
  }
  if (step.experiment) {
    const { experiment } = step;
    const seconds = durationSeconds(experiment.duration);
    const templates = (experiment.templates ?? []).map(t => ({
      name: t.name,
      specRef: t.specRef,
      ...(t.replicas !== undefined ? { replicas: t.replicas } : {}),
      ...(t.weight !== undefined ? { weight: t.weight } : {}),
    }));
    return {
      params: {
        kind: 'experiment',
        ...(experiment.duration !== undefined
          ? { duration: experiment.duration }
          : {}),
        ...(seconds !== undefined ? { durationSeconds: seconds } : {}),
        templates,
        analyses: (experiment.analyses ?? []).map(a => ({
          analysisName: a.name,
          name: a.templateName ?? '',
          clusterScope: Boolean(a.clusterScope),
          requiredForCompletion: Boolean(a.requiredForCompletion),
        })),
      },
      title: `Run experiment (${templates
        .map(t => `${t.name} from ${t.specRef}`)
        .join(', ')})${
        seconds !== undefined ? ` for ${formatSeconds(seconds)}` : ''
      }`,
    };
  }
  if (step.setCanaryScale) {
    const { weight, replicas, matchTrafficWeight } = step.setCanaryScale;
    let title = 'Scale canary to match traffic weight';
    if (replicas !== undefined) title = `Scale canary to ${replicas} replicas`;
    else if (weight !== undefined)
      title = `Scale canary to ${weight}% of replicas`;
    return {
      params: {
        kind: 'setCanaryScale',
        ...(weight !== undefined ? { weight } : {}),
        ...(replicas !== undefined ? { replicas } : {}),
        matchTrafficWeight: Boolean(matchTrafficWeight),
      },
      title,
    };
  }
  if (step.setHeaderRoute) {
    const { name } = step.setHeaderRoute;
    const matches = (step.setHeaderRoute.match ?? []).map(m => {
      const matchType =
        (['exact', 'prefix', 'regex'] as const).find(
          t => m.headerValue?.[t] !== undefined,
        ) ?? 'exact';
      return {
        headerName: m.headerName,
        matchType,
        value: m.headerValue?.[matchType] ?? '',
      };
    });
    return {
      params: {
        kind: 'setHeaderRoute',
        routeName: name,
        matches,
        managed: managedRoutes.includes(name),
      },
      title:
        matches.length === 0
          ? `Remove header route ${name}`
          : `Route requests with ${matches
              .map(m => `${m.headerName} ${m.matchType} "${m.value}"`)
              .join(' and ')} to canary (${name})`,
    };
  }
  if (step.setMirrorRoute) {
    const { name, percentage } = step.setMirrorRoute;
    const matches = step.setMirrorRoute.match ?? [];
    return {
      params: {
        kind: 'setMirrorRoute',
        routeName: name,
        ...(percentage !== undefined ? { percentage } : {}),
        matches,
        managed: managedRoutes.includes(name),
      },
      title:
        matches.length === 0
          ? `Remove mirror route ${name}`
          : `Mirror ${
              percentage ?? 100
            }% of matching traffic to canary (${name})`,
    };
  }
  if (step.plugin) {
    return {
      params: {
        kind: 'plugin',
        pluginName: step.plugin.name,
        ...(step.plugin.config !== undefined
          ? { config: step.plugin.config }
          : {}),
      },
      title: `Run step plugin ${step.plugin.name}`,
    };
  }
  return { params: { kind: 'unknown' }, title: 'Unknown step' };
}

function describeCanarySteps(
  rollout: Rollout,
  now: Date,
): CanaryStepDescription[] {
  const canary = rollout.spec.strategy.canary;
  const steps = canary?.steps ?? [];
  const managedRoutes = (canary?.trafficRouting?.managedRoutes ?? []).map(
    r => r.name,
  );
  // Upstream treats an unset index as 0 (GetCurrentCanaryStep).
  const currentIndex = rollout.status?.currentStepIndex ?? 0;
  const stepPause = (rollout.status?.pauseConditions ?? []).find(
    p => p.reason === 'CanaryPauseStep',
  );
  return steps.map((step, index) => {
    const { params, title } = describeParameters(step, managedRoutes);
    let state: StepState = 'pending';
    if (index < currentIndex) state = 'done';
    else if (index === currentIndex) state = 'current';
    // Only the pause being waited on counts down, and only once the controller has paused.
    const timer =
      params.kind === 'pause' && state === 'current'
        ? countdown(stepPause, params.durationSeconds, now)
        : undefined;
    const withCountdown = timer ? { ...params, countdown: timer } : params;
    return { index, state, title, ...withCountdown };
  });
}

function stageState(done: boolean, reached: boolean): StepState {
  if (done) return 'done';
  if (reached) return 'current';
  return 'pending';
}

function analysisStage(
  kind: 'prePromotionAnalysis' | 'postPromotionAnalysis',
  analysis: RolloutAnalysis,
  run: { name: string; status: string } | undefined,
  reached: boolean,
  passed: boolean,
): BlueGreenStageDescription {
  const names = templateRefs(analysis)
    .map(t => t.name)
    .join(', ');
  return {
    kind,
    state: stageState(passed || run?.status === 'Successful', reached),
    title: `${
      kind === 'prePromotionAnalysis' ? 'Pre' : 'Post'
    }-promotion analysis ${names}`.trim(),
    ...(run ? { analysisStatus: run.status, analysisRunName: run.name } : {}),
  };
}

function describeBlueGreenStages(
  rollout: Rollout,
  now: Date,
): BlueGreenStageDescription[] {
  const strategy = rollout.spec.strategy.blueGreen!;
  const status = rollout.status ?? {};
  const current = status.currentPodHash ?? '';
  const active = status.blueGreen?.activeSelector ?? '';
  const preview = status.blueGreen?.previewSelector ?? '';
  const promoted = current !== '' && status.stableRS === current;
  const switched = current !== '' && active === current;
  const previewUp = switched || (current !== '' && preview === current);
  const prePassed =
    switched ||
    (status.blueGreen?.prePromotionAnalysisRunStatus?.status ?? '') ===
      'Successful';
  const pause = (status.pauseConditions ?? []).find(
    p => p.reason === 'BlueGreenPause',
  );
  const autoPromotionEnabled = strategy.autoPromotionEnabled ?? true;

  const stages: BlueGreenStageDescription[] = [
    {
      kind: 'preview',
      state: previewUp ? 'done' : 'current',
      title: strategy.previewService
        ? `Bring up the new version behind ${strategy.previewService}`
        : 'Bring up the new version',
    },
  ];
  if (strategy.prePromotionAnalysis) {
    const run = status.blueGreen?.prePromotionAnalysisRunStatus;
    stages.push(
      analysisStage(
        'prePromotionAnalysis',
        strategy.prePromotionAnalysis,
        run,
        previewUp,
        prePassed,
      ),
    );
  }
  const promoteReached =
    previewUp && (!strategy.prePromotionAnalysis || prePassed);
  const afterSeconds = autoPromotionEnabled
    ? strategy.autoPromotionSeconds
    : undefined;
  const promoteCountdown = countdown(pause, afterSeconds, now);
  stages.push({
    kind: 'promote',
    state: stageState(switched, promoteReached),
    title: autoPromotionEnabled
      ? `Switch ${strategy.activeService} to the new version${
          afterSeconds !== undefined
            ? ` after ${formatSeconds(afterSeconds)}`
            : ''
        }`
      : `Switch ${strategy.activeService} to the new version when promoted`,
    autoPromotion: {
      enabled: autoPromotionEnabled,
      ...(afterSeconds !== undefined ? { afterSeconds } : {}),
      ...(promoteCountdown ? { countdown: promoteCountdown } : {}),
    },
  });
  if (strategy.postPromotionAnalysis) {
    const run = status.blueGreen?.postPromotionAnalysisRunStatus;
    stages.push(
      analysisStage(
        'postPromotionAnalysis',
        strategy.postPromotionAnalysis,
        run,
        switched,
        promoted,
      ),
    );
  }
  const postDone =
    !strategy.postPromotionAnalysis ||
    promoted ||
    COMPLETED.includes(
      status.blueGreen?.postPromotionAnalysisRunStatus?.status ?? '',
    );
  const delay =
    strategy.scaleDownDelaySeconds ?? DEFAULT_SCALE_DOWN_DELAY_SECONDS;
  stages.push({
    kind: 'scaleDown',
    state: stageState(promoted, switched && postDone),
    title: `Scale down the old version after ${formatSeconds(delay)}`,
    scaleDownDelaySeconds: delay,
  });
  return stages;
}

/**
 * Steps (canary) or stages (blue-green) of a rollout, with which are done, current and pending,
 * and the countdown of a timed pause. `now` drives the countdown.
 * @public
 */
export function describeSteps(
  rollout: Rollout,
  now: Date = new Date(),
): RolloutStepsDescription {
  const isCanary = Boolean(rollout.spec.strategy.canary);
  const index = rollout.status?.currentStepIndex;
  return {
    strategy: isCanary ? 'Canary' : 'BlueGreen',
    steps: isCanary ? describeCanarySteps(rollout, now) : [],
    stages: isCanary ? [] : describeBlueGreenStages(rollout, now),
    ...(isCanary && index !== undefined && index !== null
      ? { currentStepIndex: index }
      : {}),
    aborted: Boolean(rollout.status?.abort),
    managedRoutes: (
      rollout.spec.strategy.canary?.trafficRouting?.managedRoutes ?? []
    ).map(r => r.name),
  };
}
