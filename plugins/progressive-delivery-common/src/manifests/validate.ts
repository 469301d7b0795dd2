import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import {
  AnalysisRunArgument,
  CanaryStep,
  Rollout,
  RolloutAnalysis,
  StringMatch,
} from '../kubernetes/rollout';
import { AnalysisTemplateArgument } from '../kubernetes/analysisTemplate';
import {
  isValidLabelKey,
  isValidLabelValue,
  matchesRequirements,
  requirementsFromLabelSelector,
} from '../selectors/labelSelector';
import { parsePyrraObjective } from '../slo/pyrraObjective';
import { bundledCrdSchemas, CrdSchemaEntry } from './crds';
import { validateJsonSchema } from './schema/jsonSchema';

/** How bad a finding is: errors make the manifests unusable, warnings are risky but valid. @public */
export type FindingSeverity = 'error' | 'warning';

/** One finding of {@link validateManifests}. @public */
export interface ManifestFinding {
  severity: FindingSeverity;
  /** Stable rule id, e.g. `schema`, `weight-decreasing` (see `MANIFEST_RULES`). */
  rule: string;
  message: string;
  /** The object the finding is about (index in the input list). */
  object: { index: number; kind?: string; name?: string; namespace?: string };
  /** Field path in the object, e.g. `spec.strategy.canary.steps[2].setWeight`. */
  path?: string;
}

/** Result of {@link validateManifests}. @public */
export interface ManifestValidationReport {
  /** No error findings (warnings allowed). */
  valid: boolean;
  findings: ManifestFinding[];
  errors: number;
  warnings: number;
}

/** Options of {@link validateManifests}. @public */
export interface ManifestValidationOptions {
  /** CRD schemas to check against (default: the bundled Argo Rollouts and Pyrra CRDs). */
  crdSchemas?: CrdSchemaEntry[];
  /** AnalysisTemplates that exist in the cluster though they are not in the set. */
  existingAnalysisTemplates?: string[];
  /** ClusterAnalysisTemplates that exist in the cluster though they are not in the set. */
  existingClusterAnalysisTemplates?: string[];
  /**
   * Report analysis templates referenced but neither in the set nor listed above (default true).
   * Turn off to validate a Rollout alone.
   */
  checkReferences?: boolean;
}

/** The rules, with their severity and what they check. @public */
export const MANIFEST_RULES: Record<
  string,
  { severity: FindingSeverity; description: string }
> = {
  'not-an-object': {
    severity: 'error',
    description:
      'A manifest must be a Kubernetes object with apiVersion and kind.',
  },
  'api-version': {
    severity: 'error',
    description: 'The kind is not served under this apiVersion.',
  },
  metadata: {
    severity: 'error',
    description: 'metadata.name and labels must be valid.',
  },
  duplicate: {
    severity: 'error',
    description: 'The same object appears twice.',
  },
  schema: {
    severity: 'error',
    description:
      'The object does not match its CustomResourceDefinition schema.',
  },
  strategy: {
    severity: 'error',
    description: 'Exactly one of canary and blueGreen must be set.',
  },
  selector: {
    severity: 'error',
    description:
      'The selector must be set (unless workloadRef) and match the template labels.',
  },
  'workload-ref-template': {
    severity: 'error',
    description: 'A Rollout with workloadRef must not have a template.',
  },
  'progress-deadline': {
    severity: 'error',
    description:
      'progressDeadlineSeconds must be greater than minReadySeconds.',
  },
  'duplicate-services': {
    severity: 'error',
    description: 'Stable and canary (active and preview) Services must differ.',
  },
  'traffic-routing-services': {
    severity: 'error',
    description: 'Traffic routing needs both canaryService and stableService.',
  },
  'max-surge-unavailable': {
    severity: 'error',
    description: 'maxSurge and maxUnavailable cannot both be zero.',
  },
  'max-traffic-weight-router': {
    severity: 'error',
    description: 'maxTrafficWeight is supported with Nginx and plugins only.',
  },
  'scale-down-delay': {
    severity: 'error',
    description:
      'Canary scaleDownDelaySeconds and dynamicStableScale need traffic routing and exclude each other.',
  },
  'step-type': {
    severity: 'error',
    description:
      'A step sets exactly one of setWeight, pause, experiment, analysis (routes and setCanaryScale may be combined).',
  },
  'weight-range': {
    severity: 'error',
    description:
      'setWeight must be between 0 and maxTrafficWeight (default 100).',
  },
  'weight-decreasing': {
    severity: 'warning',
    description:
      'setWeight lower than an earlier step shifts traffic back to the stable version.',
  },
  'pause-duration': {
    severity: 'error',
    description:
      'A pause duration must be a non-negative number of seconds or a duration like 30s, 5m, 1h.',
  },
  'canary-scale-without-traffic-routing': {
    severity: 'error',
    description: 'setCanaryScale requires traffic routing.',
  },
  'header-route-unsupported': {
    severity: 'error',
    description:
      'setHeaderRoute requires Istio, ALB, APISIX or plugin traffic routing.',
  },
  'mirror-route-unsupported': {
    severity: 'error',
    description: 'setMirrorRoute requires Istio traffic routing.',
  },
  'managed-routes': {
    severity: 'error',
    description:
      'Header and mirror routes must be listed in trafficRouting.managedRoutes.',
  },
  'string-match': {
    severity: 'error',
    description:
      'A match value sets exactly one of exact, prefix, regex (ALB: exact only).',
  },
  'experiment-weight': {
    severity: 'error',
    description:
      'Experiment template weights need Istio, ALB or SMI traffic routing.',
  },
  'analysis-empty': {
    severity: 'error',
    description: 'An analysis must reference at least one template.',
  },
  'analysis-template-missing': {
    severity: 'error',
    description:
      'A referenced AnalysisTemplate / ClusterAnalysisTemplate is not in the set.',
  },
  'analysis-args-unset': {
    severity: 'error',
    description:
      'A template argument without a default is not supplied by the Rollout.',
  },
  'unbounded-pause-before-analysis': {
    severity: 'warning',
    description:
      'An indefinite pause comes before the first analysis of a rollout that relies on analysis: promotion waits for a human before any automated check ran.',
  },
  'blue-green-scale-down-limit': {
    severity: 'error',
    description:
      'scaleDownDelayRevisionLimit cannot exceed revisionHistoryLimit.',
  },
  slo: {
    severity: 'error',
    description:
      'The ServiceLevelObjective must be valid for Pyrra (target, window, indicator).',
  },
};

type Obj = Record<string, any>;

/** Files that look like manifests but are not applied: kustomize config, Backstage catalog files. */
const NOT_APPLIED_GROUPS = new Set([
  'kustomize.config.k8s.io',
  'backstage.io',
  'scaffolder.backstage.io',
]);

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
]);

function groupOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

/** Seconds of a pause duration, or undefined when it cannot be read (Argo's `DurationSeconds`). */
function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  // Go time.ParseDuration
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let text = value;
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text.startsWith('-') ? -1 : 1;
    text = text.slice(1);
  }
  if (text === '0') return 0;
  if (!text) return undefined;
  const unit: Record<string, number> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6,
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600,
  };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * unit[m[2]];
    consumed = (m.index ?? 0) + m[0].length;
  }
  return consumed === text.length ? sign * Math.floor(total) : undefined;
}

function stringMatchProblem(
  match: StringMatch | undefined,
  albOnly: boolean,
): string | undefined {
  if (!match) return 'match value missed: set one of exact, regex, prefix';
  if (albOnly) {
    return !match.exact || match.regex || match.prefix
      ? "ALB supports the 'exact' header value only"
      : undefined;
  }
  const n = [match.exact, match.regex, match.prefix].filter(Boolean).length;
  if (n === 0) return 'match value missed: set one of exact, regex, prefix';
  if (n > 1) return 'set exactly one of exact, regex, prefix';
  return undefined;
}

function intOrPercent(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  const s = String(value);
  const m = /^(\d+)%$/.exec(s);
  if (m) return Number(m[1]);
  return /^\d+$/.test(s) ? Number(s) : 0;
}

interface Context {
  findings: ManifestFinding[];
  templates: Map<string, Obj>;
  clusterTemplates: Map<string, Obj>;
  existingTemplates: Set<string>;
  existingClusterTemplates: Set<string>;
  checkReferences: boolean;
}

/**
 * Validates a set of manifests (what would be applied together): each custom resource against
 * its CRD schema, and Rollouts, AnalysisTemplates and ServiceLevelObjectives against the semantic
 * rules in `MANIFEST_RULES` (the controller's own validation, plus references between objects
 * and a few risk checks reported as warnings).
 * @public
 */
export function validateManifests(
  objects: ReadonlyArray<unknown>,
  options: ManifestValidationOptions = {},
): ManifestValidationReport {
  const crds = options.crdSchemas ?? bundledCrdSchemas();
  const ctx: Context = {
    findings: [],
    templates: new Map(),
    clusterTemplates: new Map(),
    existingTemplates: new Set(options.existingAnalysisTemplates ?? []),
    existingClusterTemplates: new Set(
      options.existingClusterAnalysisTemplates ?? [],
    ),
    checkReferences: options.checkReferences ?? true,
  };
  const seen = new Map<string, number>();

  objects.forEach((raw, index) => {
    const obj = raw as Obj;
    const ref: ManifestFinding['object'] = { index };
    const add = (rule: string, message: string, path?: string) =>
      ctx.findings.push({
        severity: MANIFEST_RULES[rule]?.severity ?? 'error',
        rule,
        message,
        object: ref,
        ...(path ? { path } : {}),
      });
    if (
      !obj ||
      typeof obj !== 'object' ||
      Array.isArray(obj) ||
      typeof obj.apiVersion !== 'string' ||
      typeof obj.kind !== 'string'
    ) {
      add(
        'not-an-object',
        'not a Kubernetes object (apiVersion and kind are required)',
      );
      return;
    }
    // build-tool configuration and catalog files are never applied to a cluster
    if (NOT_APPLIED_GROUPS.has(groupOf(obj.apiVersion).group)) return;
    ref.kind = obj.kind;
    ref.name = obj.metadata?.name;
    if (obj.metadata?.namespace) ref.namespace = obj.metadata.namespace;

    checkMetadata(obj, add);
    const key = `${groupOf(obj.apiVersion).group}/${obj.kind}/${
      obj.metadata?.namespace ?? ''
    }/${obj.metadata?.name ?? ''}`;
    if (obj.metadata?.name && seen.has(key)) {
      add(
        'duplicate',
        `${obj.kind} ${
          obj.metadata.name
        } appears twice (also at index ${seen.get(key)})`,
      );
    } else seen.set(key, index);

    const { group, version } = groupOf(obj.apiVersion);
    const sameKind = crds.filter(c => c.group === group && c.kind === obj.kind);
    if (sameKind.length > 0) {
      const crd = sameKind.find(c => c.version === version);
      if (!crd) {
        add(
          'api-version',
          `no kind ${obj.kind} in ${obj.apiVersion}; use ${sameKind
            .map(c => `${c.group}/${c.version}`)
            .join(' or ')}`,
          'apiVersion',
        );
      } else {
        for (const v of validateJsonSchema(crd.schema, obj, {
          skipTopLevel: ['metadata', 'status'],
        })) {
          add('schema', `${v.path}: ${v.message}`, v.path);
        }
      }
    }
    if (
      group === 'argoproj.io' &&
      obj.kind === 'AnalysisTemplate' &&
      obj.metadata?.name
    ) {
      ctx.templates.set(obj.metadata.name, obj);
    }
    if (
      group === 'argoproj.io' &&
      obj.kind === 'ClusterAnalysisTemplate' &&
      obj.metadata?.name
    ) {
      ctx.clusterTemplates.set(obj.metadata.name, obj);
    }
  });

  objects.forEach((raw, index) => {
    const obj = raw as Obj;
    if (!obj || typeof obj !== 'object' || typeof obj.apiVersion !== 'string')
      return;
    const { group } = groupOf(obj.apiVersion);
    if (NOT_APPLIED_GROUPS.has(group)) return;
    const ref = {
      index,
      kind: obj.kind,
      name: obj.metadata?.name,
      ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
    };
    const add = (rule: string, message: string, path?: string) =>
      ctx.findings.push({
        severity: MANIFEST_RULES[rule]?.severity ?? 'error',
        rule,
        message,
        object: ref,
        ...(path ? { path } : {}),
      });
    if (
      group === 'argoproj.io' &&
      obj.kind === 'Rollout' &&
      obj.spec &&
      typeof obj.spec === 'object'
    ) {
      checkRollout(obj as Rollout, add, ctx);
    }
    if (
      group === 'argoproj.io' &&
      obj.kind === 'Experiment' &&
      obj.spec &&
      typeof obj.spec === 'object'
    ) {
      for (const [i, a] of (obj.spec.analyses ?? []).entries()) {
        checkAnalysisRefs(
          { templates: [a], args: a.args },
          `spec.analyses[${i}]`,
          add,
          ctx,
        );
      }
    }
    if (group === 'pyrra.dev' && obj.kind === 'ServiceLevelObjective') {
      try {
        parsePyrraObjective(obj as ServiceLevelObjective);
      } catch (e) {
        add('slo', (e as Error).message);
      }
    }
  });

  const errors = ctx.findings.filter(f => f.severity === 'error').length;
  return {
    valid: errors === 0,
    findings: ctx.findings,
    errors,
    warnings: ctx.findings.length - errors,
  };
}

type Add = (rule: string, message: string, path?: string) => void;

function checkMetadata(obj: Obj, add: Add): void {
  const md = obj.metadata;
  if (!md || typeof md !== 'object' || Array.isArray(md)) {
    add('metadata', 'metadata is required', 'metadata');
    return;
  }
  if (!md.name && !md.generateName)
    add('metadata', 'metadata.name is required', 'metadata.name');
  if (
    md.name !== undefined &&
    (typeof md.name !== 'string' ||
      md.name.length > 253 ||
      !DNS_SUBDOMAIN.test(md.name))
  ) {
    add(
      'metadata',
      `metadata.name ${JSON.stringify(
        md.name,
      )} must be a lowercase DNS subdomain`,
      'metadata.name',
    );
  }
  if (
    md.namespace !== undefined &&
    (typeof md.namespace !== 'string' ||
      !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(md.namespace))
  ) {
    add(
      'metadata',
      `metadata.namespace ${JSON.stringify(md.namespace)} must be a DNS label`,
      'metadata.namespace',
    );
  }
  for (const key of Object.keys(md)) {
    if (!OBJECT_META_FIELDS.has(key))
      add('metadata', `metadata.${key}: unknown field`, `metadata.${key}`);
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = md[field];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      add(
        'metadata',
        `metadata.${field} must be a map of strings`,
        `metadata.${field}`,
      );
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (!isValidLabelKey(k))
        add(
          'metadata',
          `metadata.${field}: invalid key ${JSON.stringify(k)}`,
          `metadata.${field}`,
        );
      if (typeof v !== 'string')
        add(
          'metadata',
          `metadata.${field}.${k} must be a string`,
          `metadata.${field}.${k}`,
        );
      else if (field === 'labels' && !isValidLabelValue(v))
        add(
          'metadata',
          `metadata.labels.${k}: invalid value ${JSON.stringify(v)}`,
          `metadata.labels.${k}`,
        );
    }
  }
}

function checkAnalysisRefs(
  analysis: RolloutAnalysis | undefined,
  path: string,
  add: Add,
  ctx: Context,
): void {
  if (!analysis) return;
  const refs = analysis.templates ?? [];
  if (refs.length === 0) {
    add('analysis-empty', `${path}: no templates`, `${path}.templates`);
    return;
  }
  const supplied = new Set(
    (analysis.args ?? []).map((a: AnalysisRunArgument) => a.name),
  );
  refs.forEach((ref, i) => {
    const name = ref.templateName;
    if (!name) return; // templateName is required by the schema
    const template = ref.clusterScope
      ? ctx.clusterTemplates.get(name)
      : ctx.templates.get(name);
    if (!template) {
      const existing = ref.clusterScope
        ? ctx.existingClusterTemplates
        : ctx.existingTemplates;
      if (ctx.checkReferences && !existing.has(name)) {
        add(
          'analysis-template-missing',
          `${path}: ${
            ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'
          } ${JSON.stringify(name)} is not in the set`,
          `${path}.templates[${i}]`,
        );
      }
      return;
    }
    for (const arg of (template.spec?.args ??
      []) as AnalysisTemplateArgument[]) {
      if (
        arg.value === undefined &&
        !arg.valueFrom &&
        !supplied.has(arg.name)
      ) {
        add(
          'analysis-args-unset',
          `${path}: argument ${JSON.stringify(
            arg.name,
          )} of template ${JSON.stringify(
            name,
          )} has no value and the Rollout does not supply it`,
          `${path}.args`,
        );
      }
    }
  });
}

function checkRollout(ro: Rollout, add: Add, ctx: Context): void {
  const spec = ro.spec;
  if (!spec.workloadRef) {
    if (!spec.selector)
      add(
        'selector',
        "Rollout has missing field '.spec.selector'",
        'spec.selector',
      );
  }
  if (spec.selector) {
    const reqs = requirementsFromLabelSelector(spec.selector);
    if (
      Object.keys(spec.selector.matchLabels ?? {}).length +
        (spec.selector.matchExpressions ?? []).length ===
      0
    ) {
      add('selector', 'empty selector is invalid', 'spec.selector');
    } else if (!reqs) {
      add('selector', 'invalid label selector', 'spec.selector');
    } else if (
      !spec.workloadRef &&
      spec.template &&
      !matchesRequirements(reqs, spec.template.metadata?.labels)
    ) {
      add(
        'selector',
        '`selector` does not match template `labels`',
        'spec.template.metadata.labels',
      );
    }
  }
  const template = spec.template as Obj | undefined;
  if (
    spec.workloadRef &&
    template &&
    Object.keys(template).some(
      k =>
        template[k] !== null &&
        !(
          typeof template[k] === 'object' &&
          Object.keys(template[k]).length === 0
        ),
    )
  ) {
    add(
      'workload-ref-template',
      'template must be empty for workload reference rollout',
      'spec.template',
    );
  }
  if (
    spec.progressDeadlineSeconds !== undefined &&
    spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)
  ) {
    add(
      'progress-deadline',
      'progressDeadlineSeconds must be greater than minReadySeconds',
      'spec.progressDeadlineSeconds',
    );
  }
  const strategy = spec.strategy ?? {};
  if (!strategy.canary && !strategy.blueGreen) {
    add(
      'strategy',
      "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
      'spec.strategy',
    );
    return;
  }
  if (strategy.canary && strategy.blueGreen) {
    add('strategy', 'Multiple Strategies can not be listed', 'spec.strategy');
    return;
  }
  if (strategy.blueGreen) {
    const bg = strategy.blueGreen;
    const p = 'spec.strategy.blueGreen';
    if (bg.activeService === bg.previewService) {
      add(
        'duplicate-services',
        'the same service is used for the active and preview services',
        `${p}.activeService`,
      );
    }
    if (
      bg.scaleDownDelayRevisionLimit !== undefined &&
      bg.scaleDownDelayRevisionLimit > (spec.revisionHistoryLimit ?? 10)
    ) {
      add(
        'blue-green-scale-down-limit',
        "the revision history limit can not be smaller than the rollout's scale down limit",
        `${p}.scaleDownDelayRevisionLimit`,
      );
    }
    checkAnalysisRefs(
      bg.prePromotionAnalysis,
      `${p}.prePromotionAnalysis`,
      add,
      ctx,
    );
    checkAnalysisRefs(
      bg.postPromotionAnalysis,
      `${p}.postPromotionAnalysis`,
      add,
      ctx,
    );
    return;
  }
  const canary = strategy.canary!;
  const p = 'spec.strategy.canary';
  const tr = canary.trafficRouting;
  if (canary.canaryService && canary.canaryService === canary.stableService) {
    add(
      'duplicate-services',
      'the same service is used for the stable and canary services',
      `${p}.stableService`,
    );
  }
  if (
    intOrPercent(canary.maxSurge, 25) === 0 &&
    intOrPercent(canary.maxUnavailable, 25) === 0
  ) {
    add(
      'max-surge-unavailable',
      'MaxSurge and MaxUnavailable both can not be zero',
      `${p}.maxSurge`,
    );
  }
  if (tr) {
    const needsServices =
      (tr.alb && !canary.pingPong) ||
      (tr.istio && !(tr.istio as Obj).destinationRule) ||
      tr.smi ||
      tr.apisix ||
      tr.ambassador ||
      tr.nginx ||
      tr.appMesh ||
      tr.traefik;
    if (needsServices) {
      if (!canary.stableService)
        add(
          'traffic-routing-services',
          'Canary service and Stable service must be set to use Traffic Routing',
          `${p}.stableService`,
        );
      if (!canary.canaryService)
        add(
          'traffic-routing-services',
          'Canary service and Stable service must be set to use Traffic Routing',
          `${p}.canaryService`,
        );
    }
    if (
      tr.maxTrafficWeight !== undefined &&
      !tr.nginx &&
      Object.keys(tr.plugins ?? {}).length === 0
    ) {
      add(
        'max-traffic-weight-router',
        'maxTrafficWeight in traffic routing is only supported with Nginx and plugins',
        `${p}.trafficRouting.maxTrafficWeight`,
      );
    }
    if (
      canary.scaleDownDelaySeconds !== undefined &&
      canary.dynamicStableScale
    ) {
      add(
        'scale-down-delay',
        'dynamicStableScale cannot be used with scaleDownDelaySeconds',
        `${p}.dynamicStableScale`,
      );
    }
  } else {
    if (canary.scaleDownDelaySeconds !== undefined)
      add(
        'scale-down-delay',
        'Canary scaleDownDelaySeconds can only be used with traffic routing',
        `${p}.scaleDownDelaySeconds`,
      );
    if (canary.dynamicStableScale)
      add(
        'scale-down-delay',
        'Canary dynamicStableScale can only be used with traffic routing',
        `${p}.dynamicStableScale`,
      );
  }
  const maxWeight = tr?.maxTrafficWeight ?? 100;
  const managed = tr?.managedRoutes
    ? new Set(tr.managedRoutes.map(r => r.name))
    : undefined;
  const headerCapable = Boolean(
    tr &&
      (tr.istio ||
        tr.alb ||
        tr.apisix ||
        Object.keys(tr.plugins ?? {}).length > 0),
  );
  const background = canary.analysis;
  checkAnalysisRefs(background, `${p}.analysis`, add, ctx);
  const backgroundFrom = background?.templates?.length
    ? background.startingStep ?? 0
    : undefined;
  const steps: CanaryStep[] = canary.steps ?? [];
  const firstAnalysis = steps.findIndex(
    s => s.analysis || s.experiment?.analyses?.length,
  );
  let lastWeight = -1;
  let lastWeightIndex = -1;
  steps.forEach((step, i) => {
    const sp = `${p}.steps[${i}]`;
    const types = [
      step.setWeight !== undefined && step.setWeight !== null,
      Boolean(step.pause),
      Boolean(step.experiment),
      Boolean(step.analysis),
    ].filter(Boolean).length;
    if (types > 1)
      add(
        'step-type',
        `${sp}: a step sets only one of setWeight, pause, experiment, analysis`,
        sp,
      );
    const any =
      types > 0 ||
      step.setCanaryScale ||
      step.setHeaderRoute ||
      step.setMirrorRoute ||
      step.plugin;
    if (!any)
      add(
        'step-type',
        `${sp}: Step must have one of the following set: experiment, setWeight, setCanaryScale or pause`,
        sp,
      );
    if (typeof step.setWeight === 'number') {
      if (step.setWeight < 0 || step.setWeight > maxWeight) {
        add(
          'weight-range',
          `${sp}: SetWeight needs to be between 0 and ${maxWeight}`,
          `${sp}.setWeight`,
        );
      } else if (step.setWeight < lastWeight) {
        add(
          'weight-decreasing',
          `${sp}: setWeight ${step.setWeight} is lower than ${lastWeight} at step ${lastWeightIndex}`,
          `${sp}.setWeight`,
        );
      }
      if (step.setWeight >= lastWeight) {
        lastWeight = step.setWeight;
        lastWeightIndex = i;
      }
    }
    if (step.pause && step.pause.duration !== undefined) {
      const s = durationSeconds(step.pause.duration);
      if (s === undefined)
        add(
          'pause-duration',
          `${sp}: invalid pause duration ${JSON.stringify(
            step.pause.duration,
          )}`,
          `${sp}.pause.duration`,
        );
      else if (s < 0)
        add(
          'pause-duration',
          `${sp}: Duration needs to be greater than 0`,
          `${sp}.pause.duration`,
        );
    }
    if (
      step.pause &&
      step.pause.duration === undefined &&
      firstAnalysis > i &&
      (backgroundFrom === undefined || backgroundFrom > i)
    ) {
      add(
        'unbounded-pause-before-analysis',
        `${sp}: the rollout waits indefinitely for a manual promotion before its first analysis (step ${firstAnalysis}); give the pause a duration or move the analysis first`,
        `${sp}.pause`,
      );
    }
    if (step.setCanaryScale && !tr) {
      add(
        'canary-scale-without-traffic-routing',
        `${sp}: SetCanaryScale requires TrafficRouting to be set`,
        `${sp}.setCanaryScale`,
      );
    }
    if (step.setHeaderRoute) {
      if (!headerCapable) {
        add(
          'header-route-unsupported',
          `${sp}: SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix`,
          `${sp}.setHeaderRoute`,
        );
      } else {
        (step.setHeaderRoute.match ?? []).forEach((m, j) => {
          const problem = stringMatchProblem(m.headerValue, Boolean(tr!.alb));
          if (problem)
            add(
              'string-match',
              `${sp}.setHeaderRoute.match[${j}]: ${problem}`,
              `${sp}.setHeaderRoute.match[${j}]`,
            );
        });
      }
    }
    if (step.setMirrorRoute) {
      if (!tr?.istio)
        add(
          'mirror-route-unsupported',
          `${sp}: SetMirrorRoute requires TrafficRouting, supports Istio only`,
          `${sp}.setMirrorRoute`,
        );
      (step.setMirrorRoute.match ?? []).forEach((m, j) => {
        for (const f of ['method', 'path'] as const) {
          if (m[f]) {
            const problem = stringMatchProblem(m[f], false);
            if (problem)
              add(
                'string-match',
                `${sp}.setMirrorRoute.match[${j}].${f}: ${problem}`,
                `${sp}.setMirrorRoute.match[${j}]`,
              );
          }
        }
      });
    }
    for (const route of [step.setHeaderRoute, step.setMirrorRoute]) {
      if (!route || !tr) continue;
      if (!managed) {
        add(
          'managed-routes',
          "Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'",
          `${p}.trafficRouting.managedRoutes`,
        );
      } else if (!managed.has(route.name)) {
        add(
          'managed-routes',
          `${sp}: route ${JSON.stringify(
            route.name,
          )} does not exist in spec.strategy.canary.trafficRouting.managedRoutes`,
          sp,
        );
      }
    }
    if (step.experiment) {
      step.experiment.templates?.forEach((t, j) => {
        if (t.weight === undefined || t.weight === null) return;
        if (!tr || !(tr.alb || tr.smi || tr.istio)) {
          add(
            'experiment-weight',
            `${sp}.experiment.templates[${j}]: Experiment template weight is only available with SMI, ALB and Istio traffic routing`,
            `${sp}.experiment.templates[${j}].weight`,
          );
        }
      });
      step.experiment.analyses?.forEach((a, j) =>
        checkAnalysisRefs(
          { templates: [a], args: a.args },
          `${sp}.experiment.analyses[${j}]`,
          add,
          ctx,
        ),
      );
    }
    checkAnalysisRefs(step.analysis, `${sp}.analysis`, add, ctx);
  });
}
