import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  burnRateThreshold,
  burnRateWindows,
  EntityRollout,
  EntityWorkloadSelector,
  errorBudget,
  errorRatioQuery,
  errorsQuery,
  formatSelector,
  isBurnRateRefusal,
  labelMatchers,
  PyrraIndicatorType,
  PyrraObjective,
  parsePyrraObjective,
  pyrraBurnrateQuery,
  pyrraErrorsQuery,
  pyrraTotalQuery,
  Rollout,
  ServiceLevelObjective,
  SloAlertState,
  SloBurnRateTierStatus,
  SloSummary,
  SloUnknownReason,
  totalQuery,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import { rolloutMatches } from '../service/RolloutService';
import { errorBudgetGating } from './analysisGating';
import { PyrraRulesMode, readSloConfig, serverForCluster } from './config';
import { DemoMetricsSource } from './demoMetricsSource';
import {
  HttpPrometheusClient,
  InstantQueryResult,
  MetricsSource,
  PromSample,
} from './PrometheusClient';

/** The label the Kubernetes plugin (and the demo) put on an entity's workloads. */
const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
/** Prometheus' default lookback: a series without a sample this recent is gone. */
const STALE_AFTER_SECONDS = 300;
/** How long a detected "Pyrra rules present" is trusted; "absent" is rechecked sooner. */
const MODE_TTL_MS = 5 * 60_000;
const ABSENT_MODE_TTL_MS = 60_000;

/** The metrics source serving one cluster. */
export interface ClusterMetrics {
  source: MetricsSource;
  pyrraRules: PyrraRulesMode;
}

/** What the service reads of the watch manager. */
export interface SloClusters {
  clusters(): Array<{ name: string; cache: ObjectCache }>;
}

export interface SloServiceOptions {
  clusters: SloClusters;
  /** The metrics source of a cluster, or undefined when none is configured. */
  metricsFor: (cluster: string) => ClusterMetrics | undefined;
  logger?: LoggerService;
  /** How long an SLO's state is reused (default 15 s). */
  cacheTtlMs?: number;
  /** How long a detected rules / raw decision is reused (default 5 min present, 1 min absent). */
  modeTtlMs?: number;
  /** Queries in flight at once, over all servers (default 8). */
  concurrency?: number;
  now?: () => Date;
  /**
   * The instant to evaluate at; default undefined, i.e. each server's own now. Tests pin it to the
   * end of their fixture.
   */
  evaluationTime?: () => Date | undefined;
}

/** A small semaphore. */
class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>(resolve => this.queue.push(resolve));
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

class QueryFailed extends Error {
  constructor(readonly reason: SloUnknownReason, message: string) {
    super(message);
  }
}

function indicatorTypeOf(slo: ServiceLevelObjective): PyrraIndicatorType {
  const indicator = slo.spec?.indicator ?? {};
  if (indicator.latency) return 'latency';
  if (indicator.latencyNative) return 'latencyNative';
  if (indicator.bool_gauge) return 'boolGauge';
  return 'ratio';
}

function primarySelector(objective: PyrraObjective): string {
  const { indicator } = objective;
  const selector =
    indicator.type === 'boolGauge' ? indicator.metric : indicator.total;
  return formatSelector(selector.metric, selector.matchers);
}

function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function sum(samples: PromSample[]): number | undefined {
  if (samples.length === 0) return undefined;
  return samples.reduce((acc, s) => acc + s.value, 0);
}

function max(samples: PromSample[]): number | undefined {
  const values = samples.map(s => s.value).filter(v => !Number.isNaN(v));
  return values.length > 0 ? Math.max(...values) : undefined;
}

function objectKey(cluster: string, slo: ServiceLevelObjective): string {
  return `${cluster}/${slo.metadata.namespace ?? ''}/${slo.metadata.name}`;
}

/**
 * SLO state of an entity's Pyrra ServiceLevelObjectives: objectives come from the watch caches
 * (matched to entities exactly like rollouts), numbers from the Prometheus server configured
 * for the SLO's cluster — Pyrra's recording rules when they exist there, raw queries otherwise.
 * Each SLO is evaluated on its own: a failing or slow server makes only its SLOs `unknown`.
 * Grouped SLOs (`grouping: [...]`) are summarised as one: counts summed over the groups, each
 * burn-rate window at its worst group.
 */
export class SloService {
  private readonly cacheTtlMs: number;
  private readonly limiter: Limiter;
  private readonly now: () => Date;
  private readonly results = new Map<
    string,
    { version: string; expires: number; promise: Promise<SloSummary> }
  >();
  private readonly modes = new Map<
    string,
    { rules: boolean; expires: number }
  >();

  constructor(private readonly options: SloServiceOptions) {
    this.cacheTtlMs = options.cacheTtlMs ?? 15_000;
    this.limiter = new Limiter(options.concurrency ?? 8);
    this.now = options.now ?? (() => new Date());
  }

  /** Builds the service from `progressiveDelivery.prometheus` / `progressiveDelivery.demoMetrics`. */
  static fromConfig(
    config: Config,
    clusters: SloClusters,
    logger: LoggerService,
  ): SloService {
    const { servers, demoMetrics } = readSloConfig(config);
    let metricsFor: SloServiceOptions['metricsFor'];
    if (demoMetrics) {
      logger.warn(
        'progressiveDelivery.demoMetrics is on: SLO numbers are made-up demo data, not Prometheus',
      );
      const demo: ClusterMetrics = {
        source: new DemoMetricsSource(),
        pyrraRules: 'absent',
      };
      metricsFor = () => demo;
    } else {
      const byName = new Map(
        servers.map(s => [
          s.name,
          {
            source: new HttpPrometheusClient({
              name: s.name,
              url: s.url,
              timeoutMs: s.timeoutMs,
              token: s.token,
            }),
            pyrraRules: s.pyrraRules,
          },
        ]),
      );
      metricsFor = cluster => {
        const server = serverForCluster(servers, cluster);
        return server ? byName.get(server.name) : undefined;
      };
    }
    return new SloService({ clusters, metricsFor, logger });
  }

  /** True when every answer is demo data. */
  isDemo(): boolean {
    const first = this.options.clusters.clusters()[0];
    return first
      ? this.options.metricsFor(first.name)?.source.demo === true
      : false;
  }

  /** The entity's SLOs in every cluster, unevaluated. */
  entitySloObjects(
    selector: EntityWorkloadSelector,
  ): Array<{ cluster: string; slo: ServiceLevelObjective }> {
    const found: Array<{ cluster: string; slo: ServiceLevelObjective }> = [];
    for (const watcher of this.options.clusters.clusters()) {
      for (const slo of watcher.cache.list<ServiceLevelObjective>(
        'ServiceLevelObjective',
      )) {
        if (slo.metadata?.name && rolloutMatches(slo, selector)) {
          found.push({ cluster: watcher.name, slo });
        }
      }
    }
    return found.sort(
      (a, b) =>
        (a.slo.metadata.name ?? '').localeCompare(b.slo.metadata.name ?? '') ||
        a.cluster.localeCompare(b.cluster) ||
        (a.slo.metadata.namespace ?? '').localeCompare(
          b.slo.metadata.namespace ?? '',
        ),
    );
  }

  /** `GET /entities/.../slos`: every SLO of the entity, evaluated (cached briefly). */
  async entitySlos(selector: EntityWorkloadSelector): Promise<SloSummary[]> {
    return Promise.all(
      this.entitySloObjects(selector).map(({ cluster, slo }) =>
        this.evaluate(cluster, slo),
      ),
    );
  }

  /**
   * Adds `slos` (SLOs of the same workload: same cluster and namespace, and the same
   * `backstage.io/kubernetes-id` when both carry one) and `gatedOnErrorBudget` to an entity's
   * rollouts. Waits at most `deadlineMs` for Prometheus; SLOs not evaluated by then are
   * reported `unknown` / `pending` and are ready (cached) for the next request.
   */
  async annotateRollouts(
    selector: EntityWorkloadSelector,
    rollouts: EntityRollout[],
    deadlineMs = 2_000,
  ): Promise<void> {
    const caches = new Map(
      this.options.clusters.clusters().map(c => [c.name, c.cache]),
    );
    const slos = this.entitySloObjects(selector);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>(resolve => {
      timer = setTimeout(() => resolve('late'), deadlineMs);
    });
    try {
      await Promise.all(
        rollouts.map(async entry => {
          const cache = caches.get(entry.cluster);
          const rollout = cache?.get<Rollout>(
            'Rollout',
            entry.namespace,
            entry.name,
          );
          if (!cache || !rollout) return;
          const gating = errorBudgetGating(cache, rollout);
          if (gating) entry.gatedOnErrorBudget = gating;
          const id = rollout.metadata.labels?.[KUBERNETES_ID_LABEL];
          const mine = slos.filter(({ cluster, slo }) => {
            if (cluster !== entry.cluster) return false;
            if (slo.metadata.namespace !== entry.namespace) return false;
            const sloId = slo.metadata.labels?.[KUBERNETES_ID_LABEL];
            return !id || !sloId || id === sloId;
          });
          if (mine.length === 0) return;
          entry.slos = await Promise.all(
            mine.map(async ({ cluster, slo }) => {
              const result = await Promise.race([
                this.evaluate(cluster, slo),
                deadline,
              ]);
              return result === 'late'
                ? this.pendingSummary(cluster, slo, deadlineMs)
                : result;
            }),
          );
        }),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** The state of one SLO; the same evaluation is shared for `cacheTtlMs`. */
  evaluate(cluster: string, slo: ServiceLevelObjective): Promise<SloSummary> {
    const key = objectKey(cluster, slo);
    const version = `${slo.metadata.resourceVersion ?? ''}|${JSON.stringify(
      slo.spec ?? null,
    )}`;
    const nowMs = this.now().getTime();
    const cached = this.results.get(key);
    if (cached && cached.version === version && cached.expires > nowMs) {
      return cached.promise;
    }
    const promise = this.compute(cluster, slo).catch(error => {
      this.options.logger?.error(
        `SLO ${key}: evaluation failed: ${(error as Error).message}`,
      );
      return {
        ...this.baseSummary(cluster, slo),
        status: 'unknown' as const,
        reason: 'prometheus-error' as const,
        message: `Evaluation failed: ${(error as Error).message}`,
      };
    });
    this.results.set(key, {
      version,
      expires: nowMs + this.cacheTtlMs,
      promise,
    });
    if (this.results.size > 5_000) {
      for (const [k, v] of this.results) {
        if (v.expires <= nowMs) this.results.delete(k);
      }
    }
    return promise;
  }

  private baseSummary(
    cluster: string,
    slo: ServiceLevelObjective,
    objective?: PyrraObjective,
  ): SloSummary {
    return {
      cluster,
      namespace: slo.metadata.namespace ?? '',
      name: slo.metadata.name ?? '',
      ...(slo.spec?.description ? { description: slo.spec.description } : {}),
      objective: objective
        ? {
            target: objective.target.percent,
            window: objective.window,
            indicator: objective.indicator.type,
          }
        : {
            target: Number(slo.spec?.target),
            window: String(slo.spec?.window ?? ''),
            indicator: indicatorTypeOf(slo),
          },
      status: 'unknown',
      availability: null,
      errorBudget: null,
      burnRates: [],
      burning: false,
      evaluatedAt: this.now().toISOString(),
    };
  }

  private pendingSummary(
    cluster: string,
    slo: ServiceLevelObjective,
    deadlineMs: number,
  ): SloSummary {
    let objective: PyrraObjective | undefined;
    try {
      objective = parsePyrraObjective(slo);
    } catch {
      objective = undefined;
    }
    return {
      ...this.baseSummary(cluster, slo, objective),
      reason: 'pending',
      message: `Prometheus did not answer within ${
        deadlineMs / 1000
      }s; the state is still being computed`,
    };
  }

  private async query(
    source: MetricsSource,
    promql: string,
    at: Date | undefined,
  ): Promise<PromSample[]> {
    const result: InstantQueryResult = await this.limiter.run(() =>
      source.instantQuery(promql, at),
    );
    if (!result.ok) {
      throw new QueryFailed(
        result.kind === 'timeout' ? 'timeout' : 'prometheus-error',
        result.error,
      );
    }
    return result.samples;
  }

  /** Rules or raw: fixed by config, or detected (and remembered for a few minutes) per SLO. */
  private async usesRules(
    metrics: ClusterMetrics,
    key: string,
    objective: PyrraObjective,
    at: Date | undefined,
  ): Promise<boolean> {
    if (metrics.pyrraRules !== 'auto') return metrics.pyrraRules === 'present';
    const modeKey = `${metrics.source.name}|${key}`;
    const nowMs = this.now().getTime();
    const known = this.modes.get(modeKey);
    if (known && known.expires > nowMs) return known.rules;
    // Pyrra's increase rule carries `slo="<name>"`: present iff its rules are loaded and ran.
    const samples = await this.query(
      metrics.source,
      pyrraTotalQuery(objective),
      at,
    );
    const rules = samples.length > 0;
    const ttl =
      this.options.modeTtlMs ?? (rules ? MODE_TTL_MS : ABSENT_MODE_TTL_MS);
    this.modes.set(modeKey, { rules, expires: nowMs + ttl });
    return rules;
  }

  private async compute(
    cluster: string,
    slo: ServiceLevelObjective,
  ): Promise<SloSummary> {
    let objective: PyrraObjective;
    try {
      objective = parsePyrraObjective(slo);
    } catch (error) {
      return {
        ...this.baseSummary(cluster, slo),
        reason: 'invalid-slo',
        message: (error as Error).message,
      };
    }
    const base = this.baseSummary(cluster, slo, objective);
    const metrics = this.options.metricsFor(cluster);
    if (!metrics) {
      return {
        ...base,
        reason: 'no-prometheus',
        message: `No Prometheus server is configured for cluster '${cluster}' (progressiveDelivery.prometheus)`,
      };
    }
    const { source } = metrics;
    const identity = {
      source: undefined as SloSummary['source'],
      ...(source.demo ? { demo: true } : {}),
      prometheus: source.name,
    };
    const at = this.options.evaluationTime?.();
    const tiers = burnRateWindows(objective.window);
    try {
      const rules = await this.usesRules(
        metrics,
        objectKey(cluster, slo),
        objective,
        at,
      );
      identity.source = rules ? 'pyrra-rules' : 'raw';
      if (source.demo) identity.source = 'demo';
      const windows = isBurnRateRefusal(tiers)
        ? []
        : [...new Set(tiers.flatMap(t => [t.short, t.long]))];
      const alertQuery =
        rules && objective.alerting.burnrates
          ? `ALERTS${labelMatchers({
              alertname: objective.alerting.name,
              slo: objective.name,
            })}`
          : undefined;
      const [total, errors, freshness, alerts, ...ratios] = await Promise.all([
        this.query(
          source,
          rules
            ? pyrraTotalQuery(objective)
            : totalQuery(objective, objective.window),
          at,
        ),
        this.query(
          source,
          rules
            ? pyrraErrorsQuery(objective)
            : errorsQuery(objective, objective.window),
          at,
        ),
        this.query(source, `max(timestamp(${primarySelector(objective)}))`, at),
        alertQuery
          ? this.query(source, alertQuery, at)
          : Promise.resolve(undefined),
        ...windows.map(w =>
          this.query(
            source,
            rules
              ? pyrraBurnrateQuery(objective, w)
              : errorRatioQuery(objective, w),
            at,
          ),
        ),
      ]);

      const evaluatedAt = at ?? this.now();
      const lastSample = max(freshness);
      const ageSeconds =
        lastSample === undefined
          ? null
          : Math.max(0, evaluatedAt.getTime() / 1000 - lastSample);
      const freshnessInfo = {
        lastSampleAt:
          lastSample === undefined
            ? null
            : new Date(lastSample * 1000).toISOString(),
        ageSeconds,
        stale: ageSeconds === null || ageSeconds > STALE_AFTER_SECONDS,
      };

      const totalCount = sum(total);
      if (totalCount === undefined || !(totalCount > 0)) {
        return {
          ...base,
          ...identity,
          evaluatedAt: evaluatedAt.toISOString(),
          reason: 'no-data',
          message:
            objective.indicator.type === 'latencyNative'
              ? `No data for ${primarySelector(
                  objective,
                )}: latencyNative needs native histograms (Prometheus 2.40+ with --enable-feature=native-histograms)`
              : `No samples of ${primarySelector(objective)} in the last ${
                  objective.window
                }`,
          freshness: freshnessInfo,
        };
      }
      // Pyrra's error queries are empty when no error series exists yet: zero errors.
      const errorCount = Math.max(0, sum(errors) ?? 0);
      const budget = errorBudget({
        target: objective.target.percent,
        errors: errorCount,
        total: totalCount,
      });

      const byWindow = new Map(windows.map((w, i) => [w, max(ratios[i])]));
      const alertStates = new Map<string, SloAlertState>();
      for (const sample of alerts ?? []) {
        const k = `${sample.labels.short}|${sample.labels.long}`;
        const state = sample.labels.alertstate;
        if (state === 'firing') alertStates.set(k, 'firing');
        else if (state === 'pending' && alertStates.get(k) !== 'firing') {
          alertStates.set(k, 'pending');
        }
      }
      const severities = objective.alerting.severities;
      const severityOf = [
        severities.fastBurn,
        severities.mediumBurn,
        severities.slowBurn,
        severities.longTermBurn,
      ];
      const allowed = 1 - objective.target.fraction;
      const windowValue = (window: string) => {
        const errorRatio = finite(byWindow.get(window));
        return {
          window,
          errorRatio,
          burnRate: errorRatio === null ? null : errorRatio / allowed,
        };
      };
      const burnRates: SloBurnRateTierStatus[] = isBurnRateRefusal(tiers)
        ? []
        : tiers.map((tier, i) => {
            const threshold = burnRateThreshold(tier, objective.target.percent);
            const short = windowValue(tier.short);
            const long = windowValue(tier.long);
            return {
              severity: severityOf[i],
              factor: tier.factor,
              threshold,
              short,
              long,
              for: tier.for,
              ...(tier.exhaustion ? { exhaustion: tier.exhaustion } : {}),
              exceeded:
                short.errorRatio !== null &&
                long.errorRatio !== null &&
                short.errorRatio > threshold &&
                long.errorRatio > threshold,
              ...(alerts !== undefined
                ? {
                    alertState:
                      alertStates.get(`${tier.short}|${tier.long}`) ??
                      'inactive',
                  }
                : {}),
            };
          });
      return {
        ...base,
        ...identity,
        status: 'ok',
        availability: budget.availability,
        errorBudget: {
          total: budget.errorBudgetTotal,
          remaining: budget.errorBudgetRemaining,
          status: budget.status,
          errors: errorCount,
          requests: totalCount,
        },
        burnRates,
        ...(isBurnRateRefusal(tiers) ? { burnRatesError: tiers.error } : {}),
        burning: burnRates.some(t => t.exceeded || t.alertState === 'firing'),
        freshness: freshnessInfo,
        evaluatedAt: evaluatedAt.toISOString(),
      };
    } catch (error) {
      if (error instanceof QueryFailed) {
        return {
          ...base,
          ...identity,
          reason: error.reason,
          message: error.message,
        };
      }
      throw error;
    }
  }
}
