/*
 * The Argo Rollouts controller model. One engine per simulated cluster: an informer-style cache
 * fed by store events, a de-duplicating work queue, and reconcilers for Rollouts (canary and
 * blue-green), AnalysisRuns, Experiments and the ReplicaSets they own (the ReplicaSet
 * controller's job of keeping Pods in line is modelled too). Writes go through the store and
 * only happen when something changes.
 */
import {
  Clock,
  KindName,
  KubeObject,
  ObjectStore,
  SimulatedMetricOutcome,
  StoreEvent,
} from '../types';
import {
  ArgValue,
  outcomeFromAnnotation,
  reconcileAnalysisRun,
  resolveArgs,
} from './analysis';
import { ObjectCache } from './cache';
import {
  MESSAGES,
  REASONS,
  RolloutCondition,
  calculateRolloutPhase,
  getCondition,
  isCompleted,
  setCondition,
} from './conditions';
import { iso, parseDurationMs } from './duration';
import { computeHash, nameSuffix } from './hash';
import {
  EXPERIMENT_TEMPLATE_ANNOTATION,
  HASH_LABEL,
  MANAGED_BY_ANNOTATION,
  REVISION_ANNOTATION,
  RolloutAnalysisType,
  SCALE_DOWN_DEADLINE_ANNOTATION,
  WORKLOAD_GENERATION_ANNOTATION,
  buildPod,
  buildReplicaSet,
  controllerOwner,
  ownerRef,
  podTemplateHash,
  replicaSetStatus,
  revisionOf,
} from './objects';

/** Annotation (on a Rollout, Experiment or AnalysisRun) choosing simulated metric results. */
export const METRIC_OUTCOME_ANNOTATION =
  'simulator.pdelivery.dev/metric-outcome';
/**
 * Simulator-only annotations on a Rollout that keep a demo alive: once the Rollout has been
 * fully promoted for `redeploy-after` (a Go duration), the controller model switches the first
 * container's image to the next entry of `redeploy-images` (comma separated), like a CD system
 * shipping a new version.
 */
export const REDEPLOY_AFTER_ANNOTATION =
  'simulator.pdelivery.dev/redeploy-after';
export const REDEPLOY_IMAGES_ANNOTATION =
  'simulator.pdelivery.dev/redeploy-images';

const ROLLOUT_API = 'argoproj.io/v1alpha1';

export interface EngineOptions {
  store: ObjectStore;
  clock: Clock;
  clusterName: string;
  metricOutcome?: (
    run: KubeObject,
    metricName: string,
  ) => SimulatedMetricOutcome;
  /** Whether to schedule clock timers for timed work (false for one-off seeding engines). */
  timers?: boolean;
}

type QueueKey = string; // `${kind}|${ns}/${name}`

function qkey(kind: string, ns: string | undefined, name: string): QueueKey {
  return `${kind}|${ns ?? ''}/${name}`;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Structural equality; keys whose value is undefined count as absent. */
function same(a: any, b: any): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  ) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  for (const k of Object.keys(a)) {
    if (a[k] === undefined) continue;
    if (!same(a[k], b[k])) return false;
  }
  for (const k of Object.keys(b)) {
    if (b[k] !== undefined && a[k] === undefined) return false;
  }
  return true;
}

function intOr(v: unknown, d: number): number {
  const n = Number(v);
  return v === undefined || v === null || v === '' || !Number.isFinite(n)
    ? d
    : n;
}

function formatSelector(selector: any): string {
  const parts = Object.keys(selector?.matchLabels ?? {})
    .sort()
    .map(k => `${k}=${selector.matchLabels[k]}`);
  return parts.join(',');
}

function omitEmpty(obj: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || v === false || v === 0 || v === '')
      continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

interface PauseCondition {
  reason: string;
  startTime: string;
}

/** Working state for one Rollout reconcile. */
interface RolloutWork {
  ro: KubeObject;
  template: any;
  selector: any;
  podHash: string;
  replicas: number;
  newRS: KubeObject;
  allRS: KubeObject[];
  revision: number;
  now: Date;
  nowIso: string;
  pause: PauseCondition[];
  addedPause: boolean;
  abort: boolean;
  abortMessage?: string;
  /** Run names the rollout still needs (others are terminated). */
  keepRuns: Set<string>;
  keepExperiments: Set<string>;
  requeueAt: number[];
  /** Set when a referenced (Cluster)AnalysisTemplate is missing: an InvalidSpec condition. */
  invalid?: string;
}

export class RolloutControllerEngine {
  readonly cache = new ObjectCache();
  private readonly queue = new Set<QueueKey>();
  private draining = false;
  private drainScheduled = false;
  private started = false;
  private unsubscribe?: () => void;
  private readonly timers = new Map<
    QueueKey,
    { at: number; cancel: () => void }
  >();
  /** Names of pods this engine deleted, so replacements get fresh names like real pods. */
  private readonly usedPodNames = new Set<string>();
  /** Pod-template and steps hashes per Rollout generation (hashing is the hot path). */
  private readonly hashMemo = new Map<
    string,
    { key: string; pod: string; steps: string }
  >();

  constructor(private readonly opts: EngineOptions) {}

  // ---------------------------------------------------------------- lifecycle

  start() {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.opts.store.onChange(e => this.onEvent(e));
    this.resync();
    this.drain();
  }

  stop() {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.queue.clear();
  }

  reconcileAll() {
    this.resync();
    this.drain();
  }

  /** Relists everything from the store into the cache and queues all work. */
  resync() {
    this.cache.clear();
    const kinds: KindName[] = [
      'Rollout',
      'AnalysisRun',
      'AnalysisTemplate',
      'ClusterAnalysisTemplate',
      'Experiment',
      'ReplicaSet',
      'Deployment',
      'Pod',
      'Service',
    ];
    // MemoryObjectStore can hand out its frozen objects without copying (the cache never
    // mutates what it holds); other stores get a listed copy.
    const store = this.opts.store as ObjectStore & {
      snapshot?: (kind: string) => KubeObject[];
    };
    for (const kind of kinds) {
      const objects =
        typeof store.snapshot === 'function'
          ? store.snapshot(kind)
          : store.list(kind);
      for (const o of objects) this.cache.put(o);
    }
    for (const kind of [
      'Rollout',
      'AnalysisRun',
      'Experiment',
      'ReplicaSet',
    ] as const) {
      for (const o of this.cache.list(kind)) {
        this.queue.add(qkey(kind, o.metadata.namespace, o.metadata.name));
      }
    }
  }

  /** Feeds an object into the cache (as an event would) and queues dependent work. */
  observe(obj: KubeObject, deleted = false) {
    if (deleted) this.cache.remove(obj);
    else this.cache.put(obj);
    this.enqueueFor(obj, deleted);
  }

  private onEvent(e: StoreEvent) {
    this.observe(e.object, e.type === 'DELETED');
    if (this.started && !this.draining && !this.drainScheduled) {
      this.drainScheduled = true;
      queueMicrotask(() => {
        this.drainScheduled = false;
        if (this.started) this.drain();
      });
    }
  }

  private enqueueFor(obj: KubeObject, deleted: boolean) {
    const ns = obj.metadata.namespace;
    switch (obj.kind) {
      case 'Rollout':
        this.queue.add(qkey('Rollout', ns, obj.metadata.name));
        if (deleted) {
          this.hashMemo.delete(obj.metadata.uid ?? '');
          this.collectGarbage(obj);
        }
        break;
      case 'AnalysisRun':
      case 'Experiment':
      case 'ReplicaSet': {
        if (!deleted) this.queue.add(qkey(obj.kind, ns, obj.metadata.name));
        const owner = controllerOwner(obj);
        if (owner) this.queue.add(qkey(owner.kind, ns, owner.name));
        break;
      }
      case 'Pod': {
        const owner = controllerOwner(obj);
        if (owner?.kind === 'ReplicaSet') {
          this.queue.add(qkey('ReplicaSet', ns, owner.name));
        }
        break;
      }
      case 'Deployment':
        for (const ro of this.cache.list('Rollout')) {
          if (
            ro.metadata.namespace === ns &&
            ro.spec?.workloadRef?.name === obj.metadata.name
          ) {
            this.queue.add(qkey('Rollout', ns, ro.metadata.name));
          }
        }
        break;
      case 'AnalysisTemplate':
      case 'ClusterAnalysisTemplate':
        // Rollouts waiting for a missing template (InvalidSpec) retry.
        for (const ro of this.cache.list('Rollout')) {
          if (getCondition(ro.status?.conditions, 'InvalidSpec')) {
            this.queue.add(
              qkey('Rollout', ro.metadata.namespace, ro.metadata.name),
            );
          }
        }
        break;
      case 'Service':
      default:
        break;
    }
  }

  /** Processes queued work until nothing is left. */
  drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      let guard = 0;
      while (this.queue.size > 0) {
        const [key] = this.queue;
        this.queue.delete(key);
        if (++guard > 200000) {
          this.queue.clear();
          break;
        }
        try {
          this.process(key);
        } catch (err) {
          // A failed write (e.g. an injected fault) is retried a second later; never let it
          // break the loop.
          this.scheduleAt(key, this.opts.clock.now().getTime() + 1000);
          if (process.env.CLUSTER_SIMULATOR_DEBUG) {
            // eslint-disable-next-line no-console
            console.warn(`[controller ${this.opts.clusterName}] ${key}:`, err);
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private process(key: QueueKey) {
    const [kind, rest] = key.split('|');
    const slash = rest.indexOf('/');
    const ns = rest.slice(0, slash) || undefined;
    const name = rest.slice(slash + 1);
    const obj = this.cache.get(kind as KindName, ns, name);
    if (!obj) return;
    switch (kind) {
      case 'Rollout':
        this.reconcileRollout(obj);
        break;
      case 'AnalysisRun':
        this.reconcileAnalysisRunObject(obj);
        break;
      case 'Experiment':
        this.reconcileExperiment(obj);
        break;
      case 'ReplicaSet':
        this.reconcileReplicaSet(obj);
        break;
      default:
        break;
    }
  }

  private scheduleAt(key: QueueKey, at: number) {
    if (this.opts.timers === false) return;
    const now = this.opts.clock.now().getTime();
    const existing = this.timers.get(key);
    if (existing && existing.at <= at && existing.at > now) return;
    existing?.cancel();
    const cancel = this.opts.clock.setTimeout(() => {
      const cur = this.timers.get(key);
      if (cur && cur.cancel === cancel) this.timers.delete(key);
      this.queue.add(key);
      if (!this.draining) this.drain();
    }, Math.max(0, at - now));
    this.timers.set(key, { at, cancel });
  }

  // ---------------------------------------------------------------- writes

  private create(obj: KubeObject): KubeObject {
    const created = this.opts.store.create(obj);
    this.observe(created);
    return created;
  }

  private update(obj: KubeObject): KubeObject {
    const updated = this.opts.store.update(obj);
    this.observe(updated);
    return updated;
  }

  private updateStatus(obj: KubeObject): KubeObject {
    const updated = this.opts.store.update(obj, { subresource: 'status' });
    this.observe(updated);
    return updated;
  }

  private remove(kind: KindName, ns: string | undefined, name: string) {
    if (kind === 'Pod') {
      if (this.usedPodNames.size > 10000) this.usedPodNames.clear();
      this.usedPodNames.add(`${ns}/${name}`);
    }
    const removed = this.opts.store.delete(kind, ns, name);
    if (removed) this.observe(removed, true);
  }

  /** Models Kubernetes garbage collection of a deleted Rollout's children. */
  private collectGarbage(owner: KubeObject) {
    const uid = owner.metadata.uid;
    for (const kind of ['ReplicaSet', 'AnalysisRun', 'Experiment'] as const) {
      for (const child of this.cache.owned(kind, uid)) {
        this.collectGarbage(child);
        this.remove(kind, child.metadata.namespace, child.metadata.name);
      }
    }
    if (owner.kind === 'ReplicaSet') {
      for (const pod of this.cache.owned('Pod', uid)) {
        this.remove('Pod', pod.metadata.namespace, pod.metadata.name);
      }
    }
  }

  private uniqueName(kind: KindName, ns: string | undefined, base: string) {
    if (!this.cache.get(kind, ns, base)) return base;
    for (let i = 1; ; i++) {
      const n = `${base}.${i}`;
      if (!this.cache.get(kind, ns, n)) return n;
    }
  }

  // ---------------------------------------------------------------- ReplicaSets and Pods

  private reconcileReplicaSet(rs: KubeObject) {
    const owner = controllerOwner(rs);
    if (!owner || (owner.kind !== 'Rollout' && owner.kind !== 'Experiment')) {
      return; // only ReplicaSets this model created; others are left as seeded
    }
    const ns = rs.metadata.namespace;
    const desired = intOr(rs.spec?.replicas, 1);
    let pods = this.cache
      .owned('Pod', rs.metadata.uid)
      .filter(p => !p.metadata.deletionTimestamp)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    if (pods.length > desired) {
      for (const p of pods.slice(desired)) {
        this.remove('Pod', ns, p.metadata.name);
      }
      pods = pods.slice(0, desired);
    }
    let seq = pods.length;
    while (pods.length < desired) {
      let name: string;
      do {
        name = `${rs.metadata.name}-${nameSuffix(
          `${rs.metadata.name}/${seq++}`,
        )}`;
      } while (
        this.cache.get('Pod', ns, name) ||
        this.usedPodNames.has(`${ns}/${name}`)
      );
      pods.push(
        this.create(
          buildPod({
            rs,
            name,
            now: this.opts.clock.now(),
            clusterName: this.opts.clusterName,
          }),
        ),
      );
    }
    const current = this.cache.get('ReplicaSet', ns, rs.metadata.name) ?? rs;
    const status = replicaSetStatus(current, pods.length);
    if (!same(current.status, status)) {
      this.updateStatus({ ...clone(current), status });
    }
  }

  private setReplicas(
    rs: KubeObject,
    replicas: number,
    annotations?: Record<string, string | undefined>,
  ): KubeObject {
    const cur =
      this.cache.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ??
      rs;
    const curAnn = cur.metadata.annotations ?? {};
    if (
      intOr(cur.spec?.replicas, 1) === replicas &&
      Object.entries(annotations ?? {}).every(([k, v]) => curAnn[k] === v)
    ) {
      return cur;
    }
    const next = clone(cur);
    next.spec = { ...next.spec, replicas };
    const ann = { ...(next.metadata.annotations ?? {}) };
    for (const [k, v] of Object.entries(annotations ?? {})) {
      if (v === undefined) delete ann[k];
      else ann[k] = v;
    }
    next.metadata.annotations = ann;
    if (
      same(next.spec, cur.spec) &&
      same(ann, cur.metadata.annotations ?? {})
    ) {
      return cur;
    }
    return this.update(next);
  }

  // ---------------------------------------------------------------- analysis runs

  private outcomeOf = (
    run: KubeObject,
    metricName: string,
  ): SimulatedMetricOutcome => {
    if (this.opts.metricOutcome)
      return this.opts.metricOutcome(run, metricName);
    const metric = (run.spec?.metrics ?? []).find(
      (m: any) => m.name === metricName,
    );
    const provider = Object.keys(metric?.provider ?? {})[0];
    if (provider === 'job' || provider === 'web') return 'success';
    const index =
      (run.status?.metricResults ?? []).find((r: any) => r.name === metricName)
        ?.measurements?.length ?? 0;
    let obj: KubeObject | undefined = run;
    for (let depth = 0; obj && depth < 3; depth++) {
      const ann = obj.metadata.annotations?.[METRIC_OUTCOME_ANNOTATION];
      const o = outcomeFromAnnotation(ann, index);
      if (o) return o;
      const owner = controllerOwner(obj);
      obj = owner
        ? this.cache.get(
            owner.kind as KindName,
            obj.metadata.namespace,
            owner.name,
          )
        : undefined;
    }
    return 'success';
  };

  private reconcileAnalysisRunObject(run: KubeObject) {
    const now = this.opts.clock.now();
    const { status, nextAt } = reconcileAnalysisRun(run, now, this.outcomeOf);
    if (!same(run.status ?? {}, status)) {
      this.updateStatus({ ...clone(run), status });
    }
    if (nextAt !== undefined) {
      this.scheduleAt(
        qkey('AnalysisRun', run.metadata.namespace, run.metadata.name),
        nextAt,
      );
    }
  }

  private findTemplate(
    ns: string | undefined,
    ref: any,
  ): KubeObject | undefined {
    if (ref.clusterScope) {
      return this.cache.get(
        'ClusterAnalysisTemplate',
        undefined,
        ref.templateName,
      );
    }
    return this.cache.get('AnalysisTemplate', ns, ref.templateName);
  }

  /** `NewAnalysisRunFromTemplates`: merged metrics, args, dryRun and retention. */
  private buildRun(args: {
    owner: KubeObject;
    name: string;
    analysis: any;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    argCtx: { rollout: KubeObject; stableHash?: string; latestHash: string };
    extraArgs?: ArgValue[];
    onMissing?: (ref: any) => void;
  }): KubeObject | undefined {
    const ns = args.owner.metadata.namespace;
    const refs: any[] = args.analysis?.templates ?? [];
    const metrics: any[] = [];
    const templateArgs: ArgValue[] = [];
    const dryRun: any[] = [...(args.analysis?.dryRun ?? [])];
    const retention: any[] = [...(args.analysis?.measurementRetention ?? [])];
    for (const ref of refs) {
      const t = this.findTemplate(ns, ref);
      if (!t) {
        args.onMissing?.(ref);
        return undefined;
      }
      metrics.push(...clone(t.spec?.metrics ?? []));
      for (const a of t.spec?.args ?? []) {
        if (!templateArgs.some(x => x.name === a.name))
          templateArgs.push(clone(a));
      }
      dryRun.push(...(t.spec?.dryRun ?? []));
      retention.push(...(t.spec?.measurementRetention ?? []));
    }
    const resolved = resolveArgs(
      templateArgs,
      [...(args.analysis?.args ?? []), ...(args.extraArgs ?? [])],
      args.argCtx,
    );
    return {
      apiVersion: ROLLOUT_API,
      kind: 'AnalysisRun',
      metadata: {
        name: args.name,
        namespace: ns,
        labels: args.labels,
        annotations: args.annotations,
        ownerReferences: [ownerRef(args.owner)],
      },
      spec: omitEmpty({
        metrics,
        args: resolved,
        dryRun,
        measurementRetention: retention,
      }),
    };
  }

  /**
   * The current run of a kind for this revision: the one referenced from status if it still
   * matches, else an adoptable one, else a new one (created now).
   */
  private currentRun(
    w: RolloutWork,
    type: RolloutAnalysisType,
    analysis: any,
    ref: { name?: string } | undefined,
    stepIndex?: number,
    forceNew = false,
  ): KubeObject | undefined {
    const ns = w.ro.metadata.namespace;
    const matches = (ar: KubeObject) =>
      ar.metadata.labels?.['rollout-type'] === type &&
      ar.metadata.labels?.[HASH_LABEL] === w.podHash &&
      (stepIndex === undefined ||
        ar.metadata.labels?.['step-index'] === String(stepIndex));
    if (!forceNew) {
      if (ref?.name) {
        const byRef = this.cache.get('AnalysisRun', ns, ref.name);
        if (byRef && matches(byRef)) return byRef;
      }
      const adoptable = this.cache
        .owned('AnalysisRun', w.ro.metadata.uid)
        .filter(
          ar =>
            matches(ar) &&
            !ar.spec?.terminate &&
            !['Failed', 'Error', 'Inconclusive'].includes(ar.status?.phase),
        )
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      if (adoptable.length) return adoptable[adoptable.length - 1];
    }
    const infixes: Record<RolloutAnalysisType, string> = {
      Step: `-${stepIndex}`,
      PrePromotion: '-pre',
      PostPromotion: '-post',
      Background: '',
    };
    const infix = infixes[type];
    const base = `${w.ro.metadata.name}-${w.podHash}-${w.revision}${infix}`;
    const labels: Record<string, string> = {
      ...(w.selector?.matchLabels ?? {}),
      'rollout-type': type,
      [HASH_LABEL]: w.podHash,
    };
    if (stepIndex !== undefined) labels['step-index'] = String(stepIndex);
    const annotations: Record<string, string> = {
      [REVISION_ANNOTATION]: String(w.revision),
    };
    const outcome = w.ro.metadata.annotations?.[METRIC_OUTCOME_ANNOTATION];
    if (outcome) annotations[METRIC_OUTCOME_ANNOTATION] = outcome;
    const run = this.buildRun({
      owner: w.ro,
      name: this.uniqueName('AnalysisRun', ns, base),
      analysis,
      labels: {
        ...labels,
        ...(w.ro.spec?.strategy?.canary?.analysis?.analysisRunMetadata
          ?.labels ?? {}),
      },
      annotations,
      argCtx: {
        rollout: w.ro,
        stableHash: w.ro.status?.stableRS,
        latestHash: w.podHash,
      },
      onMissing: missing => {
        const paths: Record<RolloutAnalysisType, string> = {
          Step: `spec.strategy.canary.steps[${stepIndex}].analysis.templates`,
          Background: 'spec.strategy.canary.analysis.templates',
          PrePromotion:
            'spec.strategy.blueGreen.prePromotionAnalysis.templates',
          PostPromotion:
            'spec.strategy.blueGreen.postPromotionAnalysis.templates',
        };
        const kind = missing.clusterScope
          ? 'ClusterAnalysisTemplate'
          : 'AnalysisTemplate';
        w.invalid = `The Rollout "${w.ro.metadata.name}" is invalid: ${paths[type]}: Invalid value: "${missing.templateName}": ${kind} "${missing.templateName}" not found`;
      },
    });
    if (!run) return undefined;
    const created = this.create(run);
    this.reconcileAnalysisRunObject(created);
    return this.cache.get('AnalysisRun', ns, created.metadata.name) ?? created;
  }

  private runStatusRef(run: KubeObject | undefined) {
    if (!run) return undefined;
    return omitEmpty({
      name: run.metadata.name,
      status: run.status?.phase ?? 'Pending',
      message: run.status?.message,
    });
  }

  private terminate(obj: KubeObject) {
    if (obj.spec?.terminate || isCompleted(obj.status?.phase)) return;
    const next = clone(obj);
    next.spec = { ...next.spec, terminate: true };
    this.update(next);
  }

  // ---------------------------------------------------------------- experiments

  private reconcileExperiment(exp: KubeObject) {
    const ns = exp.metadata.namespace;
    const now = this.opts.clock.now();
    const nowIso = iso(now);
    const status = clone(exp.status ?? {});
    const terminating = Boolean(exp.spec?.terminate);
    const done = isCompleted(status.phase);
    const templates: any[] = exp.spec?.templates ?? [];
    const rsList = this.cache.owned('ReplicaSet', exp.metadata.uid);
    let allAvailable = true;
    const templateStatuses: any[] = [];
    for (const t of templates) {
      const name = `${exp.metadata.name}-${t.name}`;
      const desired = done || terminating ? 0 : intOr(t.replicas, 1);
      let rs = rsList.find(r => r.metadata.name === name);
      const hash = podTemplateHash(t.template);
      if (!rs) {
        if (done || terminating) continue;
        rs = this.create(
          buildReplicaSet({
            owner: exp,
            name,
            template: t.template,
            selector: t.selector,
            hash,
            replicas: desired,
            extraAnnotations: {
              [EXPERIMENT_TEMPLATE_ANNOTATION]: t.name,
              [REVISION_ANNOTATION]:
                exp.metadata.annotations?.[REVISION_ANNOTATION] ?? '1',
            },
          }),
        );
      } else if (intOr(rs.spec?.replicas, 1) !== desired) {
        rs = this.setReplicas(rs, desired);
      }
      const available = intOr(rs.status?.availableReplicas, 0);
      const prev = (status.templateStatuses ?? []).find(
        (s: any) => s.name === t.name,
      );
      let tStatus: string;
      if (done || terminating) {
        tStatus =
          status.phase === 'Failed' || status.phase === 'Error'
            ? status.phase
            : 'Successful';
      } else {
        tStatus = available >= desired ? 'Running' : 'Progressing';
      }
      templateStatuses.push(
        omitEmpty({
          name: t.name,
          replicas: intOr(rs.status?.replicas, 0),
          updatedReplicas: intOr(rs.status?.replicas, 0),
          readyReplicas: intOr(rs.status?.readyReplicas, 0),
          availableReplicas: available,
          status: tStatus,
          lastTransitionTime:
            prev?.status === tStatus ? prev.lastTransitionTime : nowIso,
          podTemplateHash: hash,
        }),
      );
      if (desired === 0 || available < desired) allAvailable = false;
    }
    status.templateStatuses = templateStatuses;
    if (done) {
      if (!same(exp.status, status))
        this.updateStatus({ ...clone(exp), status });
      return;
    }
    if (!status.phase) status.phase = 'Pending';
    if (allAvailable && !status.availableAt && !terminating) {
      status.availableAt = nowIso;
      status.phase = 'Running';
    }
    // analyses
    const runs: any[] = [];
    let worst: string | undefined;
    let worstMessage: string | undefined;
    let requiredDone = true;
    let anyRequired = false;
    if (status.availableAt) {
      for (const a of exp.spec?.analyses ?? []) {
        const runName = `${exp.metadata.name}-${a.name}`;
        let run = this.cache.get('AnalysisRun', ns, runName);
        if (!run && !terminating) {
          const ownerRollout = controllerOwner(exp);
          const ro = ownerRollout
            ? this.cache.get('Rollout', ns, ownerRollout.name)
            : undefined;
          const built = this.buildRun({
            owner: exp,
            name: runName,
            analysis: {
              templates: [
                { templateName: a.templateName, clusterScope: a.clusterScope },
              ],
              args: a.args,
            },
            labels: { ...(exp.metadata.labels ?? {}) },
            annotations: {
              [REVISION_ANNOTATION]:
                exp.metadata.annotations?.[REVISION_ANNOTATION] ?? '1',
              ...(exp.metadata.annotations?.[METRIC_OUTCOME_ANNOTATION]
                ? {
                    [METRIC_OUTCOME_ANNOTATION]:
                      exp.metadata.annotations[METRIC_OUTCOME_ANNOTATION],
                  }
                : {}),
            },
            argCtx: {
              rollout: ro ?? exp,
              stableHash: ro?.status?.stableRS,
              latestHash: ro?.status?.currentPodHash ?? '',
            },
          });
          if (built) {
            run = this.create(built);
            this.reconcileAnalysisRunObject(run);
            run = this.cache.get('AnalysisRun', ns, runName) ?? run;
          }
        }
        if (!run) continue;
        if (terminating) this.terminate(run);
        const phase = run.status?.phase ?? 'Pending';
        runs.push(
          omitEmpty({
            name: a.name,
            analysisRun: run.metadata.name,
            phase,
            message: run.status?.message,
          }),
        );
        if (a.requiredForCompletion) {
          anyRequired = true;
          if (!isCompleted(phase)) requiredDone = false;
        }
        if (['Failed', 'Error', 'Inconclusive'].includes(phase)) {
          if (!worst || ['Failed', 'Error'].includes(phase)) {
            worst = phase;
            worstMessage = run.status?.message;
          }
        }
      }
    }
    status.analysisRuns = runs.length ? runs : undefined;
    const durationMs = parseDurationMs(exp.spec?.duration);
    let finished: string | undefined;
    let message: string | undefined;
    if (terminating) {
      finished = 'Successful';
      message = 'Experiment terminated';
    } else if (worst === 'Failed' || worst === 'Error') {
      finished = worst;
      message = worstMessage;
    } else if (status.availableAt) {
      const elapsed = now.getTime() - Date.parse(status.availableAt);
      if (durationMs !== undefined) {
        if (elapsed >= durationMs) finished = worst ?? 'Successful';
        else
          this.scheduleAt(
            qkey('Experiment', ns, exp.metadata.name),
            Date.parse(status.availableAt) + durationMs,
          );
      } else if (anyRequired && requiredDone) {
        finished = worst ?? 'Successful';
      }
      if (worst === 'Inconclusive' && !finished && requiredDone) {
        finished = 'Inconclusive';
        message = worstMessage;
      }
    }
    if (finished) {
      status.phase = finished;
      if (message) status.message = message;
      status.templateStatuses = templateStatuses.map(t => ({
        ...t,
        status: finished === 'Inconclusive' ? 'Successful' : finished,
      }));
      // Completed experiments scale their ReplicaSets down.
      for (const t of templates) {
        const rs = this.cache.get(
          'ReplicaSet',
          ns,
          `${exp.metadata.name}-${t.name}`,
        );
        if (rs) this.setReplicas(rs, 0);
      }
      for (const r of runs) {
        const run = this.cache.get('AnalysisRun', ns, r.analysisRun);
        if (run) this.terminate(run);
      }
    }
    const cleaned = omitEmpty(status);
    const latest = this.cache.get('Experiment', ns, exp.metadata.name) ?? exp;
    if (!same(latest.status ?? {}, cleaned)) {
      this.updateStatus({ ...clone(latest), status: cleaned });
    }
  }

  private currentExperiment(w: RolloutWork, step: any, stepIndex: number) {
    const ns = w.ro.metadata.namespace;
    const refName = w.ro.status?.canary?.currentExperiment;
    const matches = (e: KubeObject) =>
      e.metadata.labels?.[HASH_LABEL] === w.podHash &&
      e.metadata.labels?.['step-index'] === String(stepIndex);
    if (refName) {
      const e = this.cache.get('Experiment', ns, refName);
      if (e && matches(e)) return e;
    }
    const adoptable = this.cache
      .owned('Experiment', w.ro.metadata.uid)
      .filter(
        e =>
          matches(e) &&
          !e.spec?.terminate &&
          !['Failed', 'Error', 'Inconclusive'].includes(e.status?.phase),
      );
    if (adoptable.length) return adoptable[adoptable.length - 1];
    const stableRS = w.allRS.find(
      r => r.metadata.labels?.[HASH_LABEL] === w.ro.status?.stableRS,
    );
    const templates = (step.templates ?? []).map((t: any) => {
      const base =
        t.specRef === 'stable' && stableRS
          ? stableRS.spec.template
          : w.template;
      const tpl = clone(base);
      tpl.metadata = tpl.metadata ?? {};
      tpl.metadata.labels = {
        ...(tpl.metadata.labels ?? {}),
        ...(t.metadata?.labels ?? {}),
      };
      delete tpl.metadata.labels[HASH_LABEL];
      return omitEmpty({
        name: t.name,
        replicas: t.replicas ?? 1,
        selector: t.selector ?? { matchLabels: { ...tpl.metadata.labels } },
        template: tpl,
        service: t.service,
      });
    });
    const name = this.uniqueName(
      'Experiment',
      ns,
      `${w.ro.metadata.name}-${w.podHash}-${w.revision}-${stepIndex}`,
    );
    const outcome = w.ro.metadata.annotations?.[METRIC_OUTCOME_ANNOTATION];
    return this.create({
      apiVersion: ROLLOUT_API,
      kind: 'Experiment',
      metadata: {
        name,
        namespace: ns,
        labels: {
          ...(w.selector?.matchLabels ?? {}),
          [HASH_LABEL]: w.podHash,
          'step-index': String(stepIndex),
        },
        annotations: {
          [REVISION_ANNOTATION]: String(w.revision),
          ...(outcome ? { [METRIC_OUTCOME_ANNOTATION]: outcome } : {}),
        },
        ownerReferences: [ownerRef(w.ro)],
      },
      spec: omitEmpty({
        templates,
        duration: step.duration,
        analyses: step.analyses,
        dryRun: step.dryRun,
      }),
    });
  }

  // ---------------------------------------------------------------- rollouts

  private writeInvalid(ro: KubeObject, message: string) {
    const now = iso(this.opts.clock.now());
    const status = clone(ro.status ?? {});
    setCondition(
      status,
      {
        type: 'InvalidSpec',
        status: 'True',
        reason: REASONS.invalidSpec,
        message,
      },
      now,
    );
    status.observedGeneration = String(ro.metadata.generation ?? 1);
    const { phase, message: m } = calculateRolloutPhase(ro.spec ?? {}, status);
    status.phase = phase;
    status.message = m;
    if (!same(ro.status ?? {}, status))
      this.updateStatus({ ...clone(ro), status });
  }

  private reconcileRollout(input: KubeObject) {
    let ro = input;
    if (ro.metadata.deletionTimestamp) return;
    const ns = ro.metadata.namespace;
    const spec = ro.spec ?? {};
    const now = this.opts.clock.now();
    const nowIso = iso(now);

    // Resolve the pod template (workloadRef) and validate.
    let template = spec.template;
    let selector = spec.selector;
    let deployment: KubeObject | undefined;
    if (spec.workloadRef) {
      deployment = this.cache.get('Deployment', ns, spec.workloadRef.name);
      if (!deployment || spec.workloadRef.kind !== 'Deployment') {
        this.writeInvalid(
          ro,
          `workloadRef ${spec.workloadRef.kind}/${spec.workloadRef.name} not found`,
        );
        return;
      }
      template = deployment.spec?.template;
      selector = spec.selector ?? deployment.spec?.selector;
    }
    if (!selector) {
      this.writeInvalid(ro, "Rollout has missing field '.spec.selector'");
      return;
    }
    if (!spec.strategy?.canary && !spec.strategy?.blueGreen) {
      this.writeInvalid(ro, "Rollout has missing field '.spec.strategy.type'");
      return;
    }
    if (spec.strategy.blueGreen && !spec.strategy.blueGreen.activeService) {
      this.writeInvalid(
        ro,
        "Rollout has missing field '.spec.strategy.blueGreen.activeService'",
      );
      return;
    }
    // Simulator-only: redeploy a new image after a while (keeps the demo moving).
    if (this.maybeRedeploy(ro, now)) return;

    const hashKey = `${ro.metadata.uid}/${ro.metadata.generation}/${
      deployment
        ? `${deployment.metadata.uid}/${deployment.metadata.generation}`
        : ''
    }`;
    let hashes = this.hashMemo.get(ro.metadata.uid ?? '');
    if (!hashes || hashes.key !== hashKey) {
      hashes = {
        key: hashKey,
        pod: podTemplateHash(template),
        steps: spec.strategy.canary
          ? computeHash(spec.strategy.canary.steps ?? [])
          : '',
      };
      this.hashMemo.set(ro.metadata.uid ?? '', hashes);
    }
    const podHash = hashes.pod;
    let allRS = this.cache
      .owned('ReplicaSet', ro.metadata.uid)
      .filter(r => !r.metadata.deletionTimestamp);
    const maxRevision = allRS.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
    let newRS = allRS.find(r => r.metadata.labels?.[HASH_LABEL] === podHash);
    const replicas = intOr(spec.replicas, 1);
    if (!newRS) {
      newRS = this.create(
        buildReplicaSet({
          owner: ro,
          name: `${ro.metadata.name}-${podHash}`,
          template,
          selector,
          hash: podHash,
          revision: maxRevision + 1,
          replicas: 0,
          desiredReplicas: replicas,
        }),
      );
    } else if (revisionOf(newRS) < maxRevision) {
      // An older ReplicaSet comes back (undo): it takes the next revision.
      const next = clone(newRS);
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REVISION_ANNOTATION]: String(maxRevision + 1),
      };
      newRS = this.update(next);
    }
    allRS = this.cache
      .owned('ReplicaSet', ro.metadata.uid)
      .filter(r => !r.metadata.deletionTimestamp);
    const revision = revisionOf(newRS);

    // Rollout metadata: revision and workload generation annotations.
    const wantAnn: Record<string, string> = {
      ...(ro.metadata.annotations ?? {}),
      [REVISION_ANNOTATION]: String(revision),
    };
    if (deployment) {
      wantAnn[WORKLOAD_GENERATION_ANNOTATION] = String(
        deployment.metadata.generation ?? 1,
      );
    }
    if (!same(wantAnn, ro.metadata.annotations ?? {})) {
      ro = this.update({
        ...clone(ro),
        metadata: { ...clone(ro.metadata), annotations: wantAnn },
      });
    }

    const prev = ro.status ?? {};
    const w: RolloutWork = {
      ro,
      template,
      selector,
      podHash,
      replicas,
      newRS,
      allRS,
      revision,
      now,
      nowIso,
      pause: clone(prev.pauseConditions ?? []),
      addedPause: false,
      abort: Boolean(prev.abort),
      keepRuns: new Set(),
      keepExperiments: new Set(),
      requeueAt: [],
    };
    const status: any = {
      blueGreen: {},
      canary: {},
      currentPodHash: podHash,
      stableRS: prev.stableRS,
    };
    let promoteFull = Boolean(prev.promoteFull);
    let controllerPause = Boolean(prev.controllerPause);
    const progCond = getCondition(prev.conditions, 'Progressing');
    const retrying = !w.abort && progCond?.reason === REASONS.aborted;
    const newTemplate =
      Boolean(prev.currentPodHash) && prev.currentPodHash !== podHash;
    const canary = spec.strategy.canary;
    const steps: any[] = canary?.steps ?? [];
    const stepHash = canary ? hashes.steps : undefined;
    const stepsChanged =
      Boolean(canary) &&
      Boolean(prev.currentStepHash) &&
      prev.currentStepHash !== stepHash &&
      prev.stableRS !== podHash;
    let currentStepIndex: number | undefined =
      prev.currentStepIndex ?? (steps.length ? 0 : undefined);
    let refs = {
      step: prev.canary?.currentStepAnalysisRunStatus,
      background: prev.canary?.currentBackgroundAnalysisRunStatus,
      pre: prev.blueGreen?.prePromotionAnalysisRunStatus,
      post: prev.blueGreen?.postPromotionAnalysisRunStatus,
    };
    if (newTemplate || stepsChanged) {
      // resetRolloutStatus
      w.pause = [];
      controllerPause = false;
      w.abort = false;
      promoteFull = false;
      refs = {
        step: undefined,
        background: undefined,
        pre: undefined,
        post: undefined,
      };
      currentStepIndex = steps.length ? 0 : undefined;
      if (prev.stableRS === podHash && steps.length)
        currentStepIndex = steps.length;
    }
    if (retrying) {
      refs = {
        step: undefined,
        background: undefined,
        pre: undefined,
        post: undefined,
      };
    }
    if (
      !status.stableRS ||
      !allRS.some(r => r.metadata.labels?.[HASH_LABEL] === status.stableRS)
    ) {
      // Initial deploy: everything is promoted straight away.
      status.stableRS = podHash;
      currentStepIndex = steps.length ? steps.length : undefined;
    }
    if (promoteFull && status.stableRS !== podHash) {
      w.pause = [];
      controllerPause = false;
      w.abort = false;
      if (steps.length) currentStepIndex = steps.length;
    }

    if (
      spec.paused ||
      (!w.abort && w.pause.some(p => p.reason !== 'CanaryPauseStep'))
    ) {
      // A manual pause (or an inconclusive result waiting for a human) freezes the analysis:
      // referenced runs keep running and stay listed.
      const keep = (ref: any, set: (v: any) => void) => {
        const run = ref?.name
          ? this.cache.get('AnalysisRun', ns, ref.name)
          : undefined;
        if (run) {
          w.keepRuns.add(run.metadata.name);
          set(this.runStatusRef(run));
        }
      };
      keep(
        refs.background,
        v => (status.canary.currentBackgroundAnalysisRunStatus = v),
      );
      keep(refs.step, v => (status.canary.currentStepAnalysisRunStatus = v));
      keep(refs.pre, v => (status.blueGreen.prePromotionAnalysisRunStatus = v));
      keep(
        refs.post,
        v => (status.blueGreen.postPromotionAnalysisRunStatus = v),
      );
    }
    if (canary) {
      currentStepIndex = this.reconcileCanary(
        w,
        status,
        currentStepIndex,
        refs,
        controllerPause,
      );
      status.currentStepHash = stepHash;
      if (steps.length) status.currentStepIndex = currentStepIndex;
    } else {
      this.reconcileBlueGreen(w, status, refs, controllerPause);
    }

    // Runs and experiments no longer needed are terminated.
    for (const ar of this.cache.owned('AnalysisRun', ro.metadata.uid)) {
      if (!w.keepRuns.has(ar.metadata.name)) this.terminate(ar);
    }
    for (const ex of this.cache.owned('Experiment', ro.metadata.uid)) {
      if (!w.keepExperiments.has(ex.metadata.name)) this.terminate(ex);
    }

    this.reconcileServices(w, status);
    this.reconcileRevisionHistory(w, status);
    this.reconcileRestart(w, status);
    if (deployment) this.reconcileWorkloadRef(w, status, deployment);

    // Counts, from the ReplicaSets' observed status.
    const rsNow = this.cache
      .owned('ReplicaSet', ro.metadata.uid)
      .filter(r => !r.metadata.deletionTimestamp);
    const sum = (list: KubeObject[], f: string) =>
      list.reduce((n, r) => n + intOr(r.status?.[f], 0), 0);
    const newNow = rsNow.find(r => r.metadata.labels?.[HASH_LABEL] === podHash);
    status.replicas = sum(rsNow, 'replicas');
    status.updatedReplicas = newNow ? intOr(newNow.status?.replicas, 0) : 0;
    if (spec.strategy.blueGreen) {
      const active = rsNow.find(
        r =>
          r.metadata.labels?.[HASH_LABEL] === status.blueGreen.activeSelector,
      );
      status.readyReplicas = active
        ? intOr(active.status?.readyReplicas, 0)
        : 0;
      status.availableReplicas = active
        ? intOr(active.status?.availableReplicas, 0)
        : 0;
      status.HPAReplicas = active ? intOr(active.status?.replicas, 0) : 0;
      status.selector = [
        formatSelector(selector),
        `${HASH_LABEL}=${status.blueGreen.activeSelector}`,
      ]
        .filter(Boolean)
        .join(',');
    } else {
      status.readyReplicas = sum(rsNow, 'readyReplicas');
      status.availableReplicas = sum(rsNow, 'availableReplicas');
      status.HPAReplicas = status.replicas;
      status.selector = formatSelector(selector);
    }
    status.observedGeneration = String(ro.metadata.generation ?? 1);

    // Abort and pause bookkeeping (`CalculatePauseStatus`).
    if (w.abort) {
      status.abort = true;
      status.abortedAt = prev.abortedAt ?? nowIso;
    } else {
      if (w.pause.length > 0) {
        status.pauseConditions = w.pause;
        status.controllerPause = w.addedPause || controllerPause || undefined;
      }
    }
    if (promoteFull && status.stableRS !== podHash) status.promoteFull = true;

    this.computeConditions(w, status, prev, retrying);
    const { phase, message } = calculateRolloutPhase(spec, status);
    status.phase = phase;
    status.message = message;
    const finalStatus = this.finishStatus(status);
    const latest = this.cache.get('Rollout', ns, ro.metadata.name) ?? ro;
    if (!same(latest.status ?? {}, finalStatus)) {
      this.updateStatus({ ...clone(latest), status: finalStatus });
    }
    const key = qkey('Rollout', ns, ro.metadata.name);
    if (w.requeueAt.length) this.scheduleAt(key, Math.min(...w.requeueAt));
    const redeployAt = this.redeployDue(
      this.cache.get('Rollout', ns, ro.metadata.name),
    );
    if (redeployAt !== undefined) this.scheduleAt(key, redeployAt);
  }

  private finishStatus(status: any): any {
    const out: any = {};
    const keys = [
      'HPAReplicas',
      'abort',
      'abortedAt',
      'availableReplicas',
      'blueGreen',
      'canary',
      'conditions',
      'controllerPause',
      'currentPodHash',
      'currentStepHash',
      'currentStepIndex',
      'message',
      'observedGeneration',
      'pauseConditions',
      'phase',
      'promoteFull',
      'readyReplicas',
      'replicas',
      'restartedAt',
      'selector',
      'stableRS',
      'updatedReplicas',
      'workloadObservedGeneration',
    ];
    for (const k of keys) {
      const v = status[k];
      if (v === undefined || v === null || v === false || v === '') continue;
      if (v === 0 && k !== 'currentStepIndex') continue;
      if (Array.isArray(v) && v.length === 0) continue;
      out[k] = k === 'blueGreen' || k === 'canary' ? omitEmpty(v) : v;
    }
    return out;
  }

  private addPause(w: RolloutWork, reason: string) {
    if (w.pause.some(p => p.reason === reason)) return;
    w.pause.push({ reason, startTime: w.nowIso });
    w.addedPause = true;
  }

  private removePause(w: RolloutWork, reason: string) {
    w.pause = w.pause.filter(p => p.reason !== reason);
  }

  /** Handles an analysis run's result for the rollout; returns its phase. */
  private applyRunResult(
    w: RolloutWork,
    run: KubeObject | undefined,
    label: string,
    controllerPause: boolean,
  ): string | undefined {
    if (!run) return undefined;
    w.keepRuns.add(run.metadata.name);
    const phase = run.status?.phase;
    if (phase === 'Failed' || phase === 'Error') {
      if (!w.abort) {
        w.abort = true;
        w.abortMessage = `${label} analysis phase error/failed: ${
          run.status?.message ?? ''
        }`.trim();
      }
    } else if (phase === 'Inconclusive') {
      const acknowledged =
        controllerPause &&
        !w.pause.some(p => p.reason === 'InconclusiveAnalysisRun');
      if (!acknowledged) this.addPause(w, 'InconclusiveAnalysisRun');
    }
    return phase;
  }

  private desiredWeight(
    steps: any[],
    index: number | undefined,
    maxWeight: number,
  ) {
    if (index === undefined || index >= steps.length) return maxWeight;
    for (let i = index; i >= 0; i--) {
      if (steps[i]?.setWeight !== undefined) return Number(steps[i].setWeight);
    }
    return 0;
  }

  private reconcileCanary(
    w: RolloutWork,
    status: any,
    indexIn: number | undefined,
    refs: any,
    controllerPause: boolean,
  ): number | undefined {
    const spec = w.ro.spec;
    const canary = spec.strategy.canary;
    const steps: any[] = canary.steps ?? [];
    const trafficRouting = canary.trafficRouting;
    const maxWeight = intOr(trafficRouting?.maxTrafficWeight, 100);
    let index = indexIn;

    if (w.abort && status.stableRS !== w.podHash) {
      if (steps.length) index = 0;
      // keep the analysis statuses for display
      const bgRun = refs.background?.name
        ? this.cache.get(
            'AnalysisRun',
            w.ro.metadata.namespace,
            refs.background.name,
          )
        : undefined;
      const stepRun = refs.step?.name
        ? this.cache.get('AnalysisRun', w.ro.metadata.namespace, refs.step.name)
        : undefined;
      if (bgRun)
        status.canary.currentBackgroundAnalysisRunStatus =
          this.runStatusRef(bgRun);
      if (stepRun)
        status.canary.currentStepAnalysisRunStatus = this.runStatusRef(stepRun);
      w.pause = [];
    } else if (status.stableRS !== w.podHash) {
      // Background analysis.
      const startingStep = intOr(canary.analysis?.startingStep, 0);
      if (
        canary.analysis?.templates?.length &&
        (index ?? 0) >= startingStep &&
        !spec.paused
      ) {
        const resumed =
          controllerPause &&
          !w.pause.some(p => p.reason === 'InconclusiveAnalysisRun') &&
          refs.background?.status === 'Inconclusive';
        const run = this.currentRun(
          w,
          'Background',
          canary.analysis,
          resumed ? undefined : refs.background,
          undefined,
          resumed,
        );
        this.applyRunResult(
          w,
          run,
          'Background',
          resumed ? false : controllerPause,
        );
        status.canary.currentBackgroundAnalysisRunStatus =
          this.runStatusRef(run);
      }
      // Steps. An inconclusive analysis or experiment pause halts progress
      // (`haltProgress`), like a manual pause.
      const halted =
        Boolean(spec.paused) ||
        w.pause.some(p => p.reason !== 'CanaryPauseStep');
      if (!w.abort && index !== undefined && index < steps.length && !halted) {
        const step = steps[index];
        let completed = false;
        if (step.pause) {
          const cond = w.pause.find(p => p.reason === 'CanaryPauseStep');
          const dur = parseDurationMs(step.pause.duration);
          if (controllerPause && !cond) {
            completed = true;
          } else if (!cond) {
            this.addPause(w, 'CanaryPauseStep');
            if (dur !== undefined) {
              if (dur <= 0) completed = true;
              else w.requeueAt.push(w.now.getTime() + dur);
            }
          } else if (dur !== undefined) {
            const end = Date.parse(cond.startTime) + dur;
            if (w.now.getTime() >= end) completed = true;
            else w.requeueAt.push(end);
          }
        } else if (step.setWeight !== undefined || step.setCanaryScale) {
          this.scaleCanary(w, status, steps, index, maxWeight);
          completed = this.atDesiredCanary(w, status, steps, index, maxWeight);
        } else if (step.analysis) {
          const resumed =
            controllerPause &&
            !w.pause.some(p => p.reason === 'InconclusiveAnalysisRun') &&
            refs.step?.status === 'Inconclusive';
          const run = this.currentRun(
            w,
            'Step',
            step.analysis,
            resumed ? undefined : refs.step,
            index,
            resumed,
          );
          const phase = this.applyRunResult(
            w,
            run,
            'Step-based',
            resumed ? false : controllerPause,
          );
          status.canary.currentStepAnalysisRunStatus = this.runStatusRef(run);
          completed = phase === 'Successful';
        } else if (step.experiment) {
          const exp = this.currentExperiment(w, step.experiment, index);
          w.keepExperiments.add(exp.metadata.name);
          status.canary.currentExperiment = exp.metadata.name;
          const phase = exp.status?.phase;
          completed = phase === 'Successful';
          if (phase === 'Failed' || phase === 'Error') {
            w.abort = true;
            w.abortMessage = `Experiment '${
              exp.metadata.name
            }' owned by the Rollout '"${w.ro.metadata.name}"' has failed: ${
              exp.status?.message ?? phase
            }`;
          } else if (phase === 'Inconclusive') {
            const acknowledged =
              controllerPause &&
              !w.pause.some(p => p.reason === 'InconclusiveExperiment');
            if (!acknowledged) this.addPause(w, 'InconclusiveExperiment');
            else completed = true;
          }
        } else if (step.setHeaderRoute || step.setMirrorRoute || step.plugin) {
          completed = true;
        } else {
          completed = true;
        }
        if (completed) {
          index++;
          this.removePause(w, 'CanaryPauseStep');
          delete status.canary.currentStepAnalysisRunStatus;
          delete status.canary.currentExperiment;
        }
      } else if (halted && index !== undefined && index < steps.length) {
        // Manually paused: keep what is there.
        const step = steps[index];
        if (step.experiment && w.ro.status?.canary?.currentExperiment) {
          w.keepExperiments.add(w.ro.status.canary.currentExperiment);
          status.canary.currentExperiment =
            w.ro.status.canary.currentExperiment;
        }
      }
      if (w.abort) {
        if (steps.length) index = 0;
        w.pause = [];
      } else if (
        (index === undefined || index >= steps.length) &&
        !spec.paused &&
        !w.pause.some(p => p.reason !== 'CanaryPauseStep')
      ) {
        // All steps done: promote.
        status.stableRS = w.podHash;
        if (status.canary.currentBackgroundAnalysisRunStatus) {
          const run = this.cache.get(
            'AnalysisRun',
            w.ro.metadata.namespace,
            status.canary.currentBackgroundAnalysisRunStatus.name,
          );
          if (run) {
            w.keepRuns.delete(run.metadata.name);
          }
        }
        w.pause = [];
      }
    }

    // Scale ReplicaSets for where we are now.
    this.scaleCanary(w, status, steps, index, maxWeight);
    // Traffic weights.
    if (trafficRouting) {
      const promoted = status.stableRS === w.podHash;
      const canaryWeight =
        promoted || (w.abort && status.stableRS !== w.podHash)
          ? 0
          : this.desiredWeight(steps, index, maxWeight);
      status.canary.weights = {
        canary: omitEmpty({
          podTemplateHash: w.podHash,
          serviceName: canary.canaryService,
          weight: canaryWeight,
        }),
        stable: omitEmpty({
          podTemplateHash: status.stableRS,
          serviceName: canary.stableService,
          weight: maxWeight - canaryWeight,
        }),
      };
      if (canaryWeight === 0) status.canary.weights.canary.weight = 0;
    }
    return index;
  }

  /** Desired replica counts for canary and stable at `index`. */
  private canaryCounts(
    w: RolloutWork,
    status: any,
    steps: any[],
    index: number | undefined,
    maxWeight: number,
  ): { canary: number; stable: number } {
    const R = w.replicas;
    const canary = w.ro.spec.strategy.canary;
    if (status.stableRS === w.podHash) return { canary: R, stable: R };
    if (w.abort) return { canary: 0, stable: R };
    const weight = this.desiredWeight(steps, index, maxWeight);
    let canaryReplicas = Math.ceil((R * weight) / maxWeight);
    if (canary.trafficRouting && index !== undefined) {
      for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
        const s = steps[i]?.setCanaryScale;
        if (s) {
          if (s.matchTrafficWeight) break;
          if (s.replicas !== undefined)
            canaryReplicas = intOr(s.replicas, canaryReplicas);
          else if (s.weight !== undefined)
            canaryReplicas = Math.ceil((R * intOr(s.weight, 0)) / 100);
          break;
        }
      }
    }
    let stable = Math.ceil((R * (maxWeight - weight)) / maxWeight);
    if (canary.trafficRouting) {
      stable = canary.dynamicStableScale ? Math.max(R - canaryReplicas, 0) : R;
    }
    return { canary: canaryReplicas, stable };
  }

  private scaleCanary(
    w: RolloutWork,
    status: any,
    steps: any[],
    index: number | undefined,
    maxWeight: number,
  ) {
    const canary = w.ro.spec.strategy.canary;
    const counts = this.canaryCounts(w, status, steps, index, maxWeight);
    const promoted = status.stableRS === w.podHash;
    const abortDelay = intOr(canary.abortScaleDownDelaySeconds, 30);
    for (const rs of w.allRS) {
      const hash = rs.metadata.labels?.[HASH_LABEL];
      const cur =
        this.cache.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ??
        rs;
      if (hash === w.podHash) {
        if (!promoted && w.abort && canary.trafficRouting) {
          // abortScaleDownDelaySeconds: 0 keeps the canary up.
          if (abortDelay > 0) this.scaleDownWithDelay(w, cur, abortDelay);
        } else {
          this.setReplicas(cur, counts.canary, {
            [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
          });
        }
      } else if (hash === status.stableRS && !promoted) {
        this.setReplicas(cur, counts.stable, {
          [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
        });
      } else if (intOr(cur.spec?.replicas, 0) > 0) {
        if (canary.trafficRouting && promoted) {
          this.scaleDownWithDelay(
            w,
            cur,
            intOr(canary.scaleDownDelaySeconds, 30),
          );
        } else {
          this.setReplicas(cur, 0, {
            [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
          });
        }
      }
    }
  }

  /** Keeps a ReplicaSet up until its `scale-down-deadline`, then scales it to zero. */
  private scaleDownWithDelay(
    w: RolloutWork,
    rs: KubeObject,
    delaySeconds: number,
  ) {
    const replicas = intOr(rs.spec?.replicas, 0);
    if (replicas === 0) return;
    const deadline = rs.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION];
    if (!deadline) {
      if (delaySeconds === 0) {
        this.setReplicas(rs, 0);
        return;
      }
      const at = w.now.getTime() + delaySeconds * 1000;
      this.setReplicas(rs, replicas, {
        [SCALE_DOWN_DEADLINE_ANNOTATION]: iso(new Date(at)),
      });
      w.requeueAt.push(at);
      return;
    }
    const at = Date.parse(deadline);
    if (w.now.getTime() >= at) {
      this.setReplicas(rs, 0, { [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined });
    } else {
      w.requeueAt.push(at);
    }
  }

  private atDesiredCanary(
    w: RolloutWork,
    status: any,
    steps: any[],
    index: number,
    maxWeight: number,
  ): boolean {
    const counts = this.canaryCounts(w, status, steps, index, maxWeight);
    for (const rs of w.allRS) {
      const cur =
        this.cache.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ??
        rs;
      const hash = cur.metadata.labels?.[HASH_LABEL];
      let want = 0;
      if (hash === w.podHash) want = counts.canary;
      else if (hash === status.stableRS) want = counts.stable;
      if (
        hash !== w.podHash &&
        hash !== status.stableRS &&
        w.ro.spec.strategy.canary.trafficRouting
      ) {
        continue;
      }
      if (intOr(cur.spec?.replicas, 0) !== want) return false;
      if (intOr(cur.status?.availableReplicas, 0) !== want) return false;
      if (intOr(cur.status?.replicas, 0) !== want) return false;
    }
    return true;
  }

  private reconcileBlueGreen(
    w: RolloutWork,
    status: any,
    refs: any,
    controllerPause: boolean,
  ) {
    const spec = w.ro.spec;
    const bg = spec.strategy.blueGreen;
    const R = w.replicas;
    const prevBG = w.ro.status?.blueGreen ?? {};
    let active: string | undefined = prevBG.activeSelector;
    let preview: string | undefined = prevBG.previewSelector;
    const stable = status.stableRS;
    const newCur = () =>
      this.cache.get(
        'ReplicaSet',
        w.newRS.metadata.namespace,
        w.newRS.metadata.name,
      ) ?? w.newRS;
    const available = (rs: KubeObject) =>
      intOr(rs.status?.availableReplicas, 0);

    if (stable === w.podHash) {
      // Fully promoted (or rolled back to stable).
      this.setReplicas(newCur(), R, {
        [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
      });
      if (available(newCur()) >= R || !active || active === w.podHash) {
        active = w.podHash;
      }
      if (bg.previewService) preview = w.podHash;
      w.pause = [];
      if (refs.pre?.name) {
        const run = this.cache.get(
          'AnalysisRun',
          w.ro.metadata.namespace,
          refs.pre.name,
        );
        if (run && run.metadata.labels?.[HASH_LABEL] === w.podHash) {
          w.keepRuns.add(run.metadata.name);
          status.blueGreen.prePromotionAnalysisRunStatus =
            this.runStatusRef(run);
        }
      }
      if (refs.post?.name) {
        const run = this.cache.get(
          'AnalysisRun',
          w.ro.metadata.namespace,
          refs.post.name,
        );
        if (run && run.metadata.labels?.[HASH_LABEL] === w.podHash) {
          w.keepRuns.add(run.metadata.name);
          status.blueGreen.postPromotionAnalysisRunStatus =
            this.runStatusRef(run);
        }
      }
    } else if (w.abort) {
      active = stable;
      w.pause = [];
      const abortDelay = intOr(bg.abortScaleDownDelaySeconds, 30);
      if (abortDelay > 0) this.scaleDownWithDelay(w, newCur(), abortDelay);
      for (const [key, ref] of [
        ['prePromotionAnalysisRunStatus', refs.pre],
        ['postPromotionAnalysisRunStatus', refs.post],
      ] as const) {
        if (ref?.name) {
          const run = this.cache.get(
            'AnalysisRun',
            w.ro.metadata.namespace,
            ref.name,
          );
          if (run) status.blueGreen[key] = this.runStatusRef(run);
        }
      }
    } else {
      const previewReplicas =
        bg.previewReplicaCount !== undefined
          ? intOr(bg.previewReplicaCount, R)
          : R;
      if (active !== w.podHash) {
        let nrs = newCur();
        const promoting = w.ro.status?.blueGreen?.scaleUpPreviewCheckPoint;
        this.setReplicas(nrs, promoting ? R : previewReplicas, {
          [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
        });
        nrs = newCur();
        if (bg.previewService) preview = w.podHash;
        const full = Boolean(w.ro.status?.promoteFull);
        if (full && available(nrs) >= previewReplicas) {
          // promote --full: skip the pause and the pre-promotion analysis.
          w.pause = [];
          if (intOr(nrs.spec?.replicas, 0) < R) this.setReplicas(nrs, R);
          else if (available(newCur()) >= R) active = w.podHash;
        } else if (available(nrs) >= previewReplicas && !spec.paused) {
          let preDone = true;
          if (bg.prePromotionAnalysis) {
            const resumed =
              controllerPause &&
              !w.pause.some(p => p.reason === 'InconclusiveAnalysisRun') &&
              refs.pre?.status === 'Inconclusive';
            const run = this.currentRun(
              w,
              'PrePromotion',
              bg.prePromotionAnalysis,
              resumed ? undefined : refs.pre,
              undefined,
              resumed,
            );
            const phase = this.applyRunResult(
              w,
              run,
              'PrePromotion',
              resumed ? false : controllerPause,
            );
            status.blueGreen.prePromotionAnalysisRunStatus =
              this.runStatusRef(run);
            preDone = phase === 'Successful';
          }
          // The BlueGreen pause (`CompletedBlueGreenPause`).
          const autoPromotion = bg.autoPromotionEnabled ?? true;
          const autoSeconds = intOr(bg.autoPromotionSeconds, 0);
          const cond = w.pause.find(p => p.reason === 'BlueGreenPause');
          let pauseDone = false;
          if (controllerPause && !cond && !w.pause.length) pauseDone = true;
          else if (autoPromotion && autoSeconds === 0) pauseDone = true;
          else if (!cond) this.addPause(w, 'BlueGreenPause');
          else if (autoPromotion) {
            const end = Date.parse(cond.startTime) + autoSeconds * 1000;
            if (w.now.getTime() >= end) pauseDone = true;
            else w.requeueAt.push(end);
          }
          if (w.abort) {
            active = stable;
            w.pause = [];
          } else if (preDone && pauseDone) {
            this.removePause(w, 'BlueGreenPause');
            if (intOr(nrs.spec?.replicas, 0) < R) {
              this.setReplicas(nrs, R);
              status.blueGreen.scaleUpPreviewCheckPoint = true;
            } else if (available(newCur()) >= R) {
              // Switch the active service; the old active ReplicaSet scales down later.
              active = w.podHash;
            } else {
              status.blueGreen.scaleUpPreviewCheckPoint = true;
            }
          }
        }
      }
      if (active === w.podHash && status.stableRS !== w.podHash) {
        let postDone = true;
        if (bg.postPromotionAnalysis && !w.ro.status?.promoteFull) {
          const run = this.currentRun(
            w,
            'PostPromotion',
            bg.postPromotionAnalysis,
            refs.post,
          );
          const phase = this.applyRunResult(
            w,
            run,
            'PostPromotion',
            controllerPause,
          );
          status.blueGreen.postPromotionAnalysisRunStatus =
            this.runStatusRef(run);
          postDone = phase === 'Successful';
          if (refs.pre?.name) {
            const pre = this.cache.get(
              'AnalysisRun',
              w.ro.metadata.namespace,
              refs.pre.name,
            );
            if (pre) {
              w.keepRuns.add(pre.metadata.name);
              status.blueGreen.prePromotionAnalysisRunStatus =
                this.runStatusRef(pre);
            }
          }
        }
        if (w.abort) {
          active = stable;
          w.pause = [];
        } else if (postDone) {
          status.stableRS = w.podHash;
          delete status.blueGreen.scaleUpPreviewCheckPoint;
        }
      }
    }

    // Old ReplicaSets: the active one stays, the others scale down (after the delay when
    // they were serving traffic).
    for (const rs of w.allRS) {
      const hash = rs.metadata.labels?.[HASH_LABEL];
      if (hash === w.podHash) continue;
      const cur =
        this.cache.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ??
        rs;
      if (hash === active) {
        this.setReplicas(cur, R, {
          [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
        });
      } else if (
        hash === prevBG.activeSelector ||
        hash === stable ||
        cur.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]
      ) {
        this.scaleDownWithDelay(w, cur, intOr(bg.scaleDownDelaySeconds, 30));
      } else if (intOr(cur.spec?.replicas, 0) > 0) {
        this.setReplicas(cur, 0, {
          [SCALE_DOWN_DEADLINE_ANNOTATION]: undefined,
        });
      }
    }
    status.blueGreen.activeSelector = active;
    if (bg.previewService) status.blueGreen.previewSelector = preview;
  }

  private reconcileServices(w: RolloutWork, status: any) {
    const ns = w.ro.metadata.namespace;
    const targets: Array<[string | undefined, string | undefined]> = [];
    const c = w.ro.spec.strategy.canary;
    const bg = w.ro.spec.strategy.blueGreen;
    if (c) {
      targets.push([c.stableService, status.stableRS]);
      targets.push([c.canaryService, w.abort ? status.stableRS : w.podHash]);
    }
    if (bg) {
      targets.push([bg.activeService, status.blueGreen.activeSelector]);
      targets.push([bg.previewService, status.blueGreen.previewSelector]);
    }
    for (const [name, hash] of targets) {
      if (!name || !hash) continue;
      const svc = this.cache.get('Service', ns, name);
      if (!svc) continue;
      const next = clone(svc);
      next.spec = {
        ...(next.spec ?? {}),
        selector: { ...(next.spec?.selector ?? {}), [HASH_LABEL]: hash },
      };
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [MANAGED_BY_ANNOTATION]: w.ro.metadata.name,
      };
      if (
        !same(next.spec, svc.spec) ||
        !same(next.metadata.annotations, svc.metadata.annotations)
      ) {
        this.update(next);
      }
    }
  }

  /**
   * `reconcileRevisionHistoryLimit` (default 10): old, scaled-down ReplicaSets beyond the limit
   * are deleted, oldest first, with the AnalysisRuns and Experiments of their pod hash.
   */
  private reconcileRevisionHistory(w: RolloutWork, status: any) {
    const limit = intOr(w.ro.spec?.revisionHistoryLimit, 10);
    const ns = w.ro.metadata.namespace;
    const old = this.cache
      .owned('ReplicaSet', w.ro.metadata.uid)
      .filter(rs => {
        const hash = rs.metadata.labels?.[HASH_LABEL];
        return (
          hash !== w.podHash &&
          hash !== status.stableRS &&
          hash !== status.blueGreen?.activeSelector &&
          intOr(rs.spec?.replicas, 0) === 0 &&
          intOr(rs.status?.replicas, 0) === 0
        );
      })
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, Math.max(0, old.length - limit))) {
      const hash = rs.metadata.labels?.[HASH_LABEL];
      for (const kind of ['AnalysisRun', 'Experiment'] as const) {
        for (const o of this.cache.owned(kind, w.ro.metadata.uid)) {
          if (o.metadata.labels?.[HASH_LABEL] === hash) {
            this.collectGarbage(o);
            this.remove(kind, ns, o.metadata.name);
          }
        }
      }
      this.collectGarbage(rs);
      this.remove('ReplicaSet', ns, rs.metadata.name);
    }
  }

  /** `spec.restartAt`: pods started before it are replaced; then `status.restartedAt`. */
  private reconcileRestart(w: RolloutWork, status: any) {
    const restartAt = w.ro.spec?.restartAt;
    const prevRestarted = w.ro.status?.restartedAt;
    if (!restartAt) {
      if (prevRestarted) status.restartedAt = prevRestarted;
      return;
    }
    if (prevRestarted === restartAt) {
      status.restartedAt = restartAt;
      return;
    }
    if (prevRestarted) status.restartedAt = prevRestarted;
    const at = Date.parse(restartAt);
    if (!Number.isFinite(at)) return;
    if (w.now.getTime() < at) {
      w.requeueAt.push(at);
      return;
    }
    let old = 0;
    // Stable ReplicaSet first, like the controller.
    const isStable = (rs: KubeObject) =>
      rs.metadata.labels?.[HASH_LABEL] === status.stableRS ? 0 : 1;
    const ordered = [...w.allRS].sort((a, b) => isStable(a) - isStable(b));
    for (const rs of ordered) {
      for (const pod of this.cache.owned('Pod', rs.metadata.uid)) {
        const started = Date.parse(
          pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '',
        );
        if (Number.isFinite(started) && started < at) {
          old++;
          this.remove('Pod', pod.metadata.namespace, pod.metadata.name);
        }
      }
    }
    if (old === 0) status.restartedAt = restartAt;
    else w.requeueAt.push(w.now.getTime());
  }

  private reconcileWorkloadRef(
    w: RolloutWork,
    status: any,
    deployment: KubeObject,
  ) {
    status.workloadObservedGeneration = String(
      deployment.metadata.generation ?? 1,
    );
    const scaleDown = w.ro.spec.workloadRef?.scaleDown;
    if (
      (scaleDown === 'onsuccess' || scaleDown === 'progressively') &&
      status.stableRS === w.podHash &&
      intOr(deployment.spec?.replicas, 1) !== 0
    ) {
      const next = clone(deployment);
      next.spec = { ...next.spec, replicas: 0 };
      this.update(next);
    }
  }

  private computeConditions(
    w: RolloutWork,
    status: any,
    prev: any,
    retrying: boolean,
  ) {
    const nowIso = w.nowIso;
    status.conditions = clone(prev.conditions ?? []).filter(
      (c: RolloutCondition) => c.type !== 'InvalidSpec',
    );
    if (w.invalid) {
      const prevInvalid = getCondition(prev.conditions, 'InvalidSpec');
      status.conditions.push(
        prevInvalid?.message === w.invalid
          ? prevInvalid
          : {
              type: 'InvalidSpec',
              status: 'True',
              reason: REASONS.invalidSpec,
              message: w.invalid,
              lastTransitionTime: nowIso,
              lastUpdateTime: nowIso,
            },
      );
    }
    const spec = w.ro.spec;
    const R = w.replicas;
    const isPaused =
      (status.pauseConditions?.length ?? 0) > 0 || Boolean(spec.paused);
    const rsName = w.newRS.metadata.name;
    const bg = spec.strategy.blueGreen;
    const steps = spec.strategy.canary?.steps ?? [];
    const completedStrategy = bg
      ? status.blueGreen.activeSelector === w.podHash &&
        (!bg.previewService || status.blueGreen.previewSelector === w.podHash)
      : (steps.length === 0 ||
          status.currentStepIndex === undefined ||
          status.currentStepIndex === steps.length) &&
        status.stableRS === w.podHash &&
        status.replicas === R;
    const healthy =
      status.updatedReplicas === R &&
      status.availableReplicas === R &&
      completedStrategy;

    // Paused condition (`checkPausedConditions`).
    const progCond = getCondition(status.conditions, 'Progressing');
    const abortCondExists = progCond?.reason === REASONS.aborted;
    const pausedCond = getCondition(status.conditions, 'Paused');
    if (!w.abort && !(abortCondExists && !retrying)) {
      if (
        isPaused !== (pausedCond?.status === 'True') &&
        (isPaused || pausedCond)
      ) {
        setCondition(
          status,
          {
            type: 'Paused',
            status: isPaused ? 'True' : 'False',
            reason: REASONS.paused,
            message: MESSAGES.paused,
          },
          nowIso,
        );
      }
    }

    // Progressing.
    if (w.abort) {
      const message = w.abortMessage
        ? `${MESSAGES.aborted(w.revision)}: ${w.abortMessage}`
        : MESSAGES.aborted(w.revision);
      setCondition(
        status,
        {
          type: 'Progressing',
          status: 'False',
          reason: REASONS.aborted,
          message,
        },
        nowIso,
      );
    } else if (retrying) {
      setCondition(
        status,
        {
          type: 'Progressing',
          status: 'Unknown',
          reason: REASONS.retry,
          message: MESSAGES.retry,
        },
        nowIso,
      );
    } else if (isPaused) {
      setCondition(
        status,
        {
          type: 'Progressing',
          status: 'Unknown',
          reason: REASONS.paused,
          message: MESSAGES.paused,
        },
        nowIso,
      );
    } else if (healthy) {
      setCondition(
        status,
        {
          type: 'Progressing',
          status: 'True',
          reason: REASONS.newRSAvailable,
          message: MESSAGES.rsCompleted(rsName),
        },
        nowIso,
      );
    } else {
      const cur = getCondition(status.conditions, 'Progressing');
      const changed =
        !cur ||
        cur.reason !== REASONS.replicaSetUpdated ||
        prev.updatedReplicas !== status.updatedReplicas ||
        prev.currentStepIndex !== status.currentStepIndex ||
        prev.stableRS !== status.stableRS ||
        prev.currentPodHash !== status.currentPodHash ||
        (prev.availableReplicas ?? 0) < (status.availableReplicas ?? 0);
      if (changed) {
        const cond: RolloutCondition = {
          type: 'Progressing',
          status: 'True',
          reason: REASONS.replicaSetUpdated,
          message: MESSAGES.rsProgressing(rsName),
          lastTransitionTime:
            cur?.status === 'True' ? cur.lastTransitionTime : nowIso,
          lastUpdateTime: nowIso,
        };
        status.conditions = [
          ...status.conditions.filter(
            (c: RolloutCondition) => c.type !== 'Progressing',
          ),
          cond,
        ];
      }
    }

    // Available.
    let availableOk: boolean;
    if (bg) {
      const active = w.allRS.find(
        r =>
          r.metadata.labels?.[HASH_LABEL] === status.blueGreen.activeSelector,
      );
      const cur = active
        ? this.cache.get(
            'ReplicaSet',
            active.metadata.namespace,
            active.metadata.name,
          )
        : undefined;
      availableOk =
        Boolean(cur) && intOr(cur?.status?.availableReplicas, 0) >= R;
    } else {
      availableOk = (status.availableReplicas ?? 0) >= R;
    }
    setCondition(
      status,
      {
        type: 'Available',
        status: availableOk ? 'True' : 'False',
        reason: REASONS.available,
        message: availableOk ? MESSAGES.available : MESSAGES.notAvailable,
      },
      nowIso,
    );

    // Completed.
    const completed = Boolean(status.stableRS) && status.stableRS === w.podHash;
    setCondition(
      status,
      {
        type: 'Completed',
        status: completed ? 'True' : 'False',
        reason: REASONS.completed,
        message: REASONS.completed,
      },
      nowIso,
    );

    // Healthy (v1.3+).
    const healthyCond = getCondition(status.conditions, 'Healthy');
    if (!isPaused && healthy) {
      setCondition(
        status,
        {
          type: 'Healthy',
          status: 'True',
          reason: REASONS.healthy,
          message: MESSAGES.healthy,
        },
        nowIso,
      );
    } else if (healthyCond) {
      setCondition(
        status,
        {
          type: 'Healthy',
          status: 'False',
          reason: REASONS.healthy,
          message: MESSAGES.notHealthy,
        },
        nowIso,
      );
    }
  }

  // ---------------------------------------------------------------- simulator extras

  private redeployDue(ro: KubeObject | undefined): number | undefined {
    if (!ro) return undefined;
    const after = parseDurationMs(
      ro.metadata.annotations?.[REDEPLOY_AFTER_ANNOTATION],
    );
    const images = ro.metadata.annotations?.[REDEPLOY_IMAGES_ANNOTATION];
    if (after === undefined || !images || !ro.spec?.template) return undefined;
    const st = ro.status ?? {};
    if (
      st.phase !== 'Healthy' ||
      !st.stableRS ||
      st.stableRS !== st.currentPodHash ||
      st.observedGeneration !== String(ro.metadata.generation ?? 1) ||
      podTemplateHash(ro.spec.template) !== st.currentPodHash
    ) {
      return undefined;
    }
    const healthy = getCondition(st.conditions, 'Healthy');
    const since = Date.parse(healthy?.lastTransitionTime ?? '');
    if (!Number.isFinite(since)) return undefined;
    return since + after;
  }

  private maybeRedeploy(ro: KubeObject, now: Date): boolean {
    const due = this.redeployDue(ro);
    if (due === undefined || now.getTime() < due) return false;
    const images = String(ro.metadata.annotations?.[REDEPLOY_IMAGES_ANNOTATION])
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const containers: any[] = ro.spec.template?.spec?.containers ?? [];
    if (!images.length || !containers.length) return false;
    const current = containers[0].image;
    const idx = images.indexOf(current);
    const nextImage = images[(idx + 1) % images.length];
    if (nextImage === current) return false;
    const next = clone(ro);
    next.spec.template.spec.containers[0].image = nextImage;
    this.update(next);
    return true;
  }
}
