/*
 * AnalysisRun model: creation from (Cluster)AnalysisTemplates the way `newAnalysisRunFromRollout`
 * does it, and the analysis controller's measurement loop and assessment (argo-rollouts
 * analysis/analysis.go): count / interval / initialDelay / failureLimit / inconclusiveLimit /
 * consecutiveErrorLimit / consecutiveSuccessLimit, dry-run metrics, terminate.
 */
import { KubeObject, SimulatedMetricOutcome } from '../types';
import { isCompleted } from './conditions';
import { iso, parseDurationMs } from './duration';
import { fnv32a } from './hash';

export type AnalysisPhase =
  | 'Pending'
  | 'Running'
  | 'Successful'
  | 'Failed'
  | 'Error'
  | 'Inconclusive';

const PHASE_RANK: Record<string, number> = {
  Successful: 0,
  Running: 1,
  Pending: 2,
  Inconclusive: 3,
  Error: 4,
  Failed: 5,
};

/** `IsWorse(current, new)`. */
export function isWorse(current: string, next: string): boolean {
  return (PHASE_RANK[next] ?? 0) > (PHASE_RANK[current] ?? 0);
}

function toInt(v: unknown, dflt: number): number {
  if (v === undefined || v === null || v === '') return dflt;
  const n = Number(v);
  return Number.isFinite(n) ? n : dflt;
}

/** count unset and interval unset → 1; only interval → unbounded. */
export function effectiveCount(metric: any): number {
  if (metric.count !== undefined && metric.count !== null) {
    return toInt(metric.count, 1);
  }
  return metric.interval ? Number.POSITIVE_INFINITY : 1;
}

export interface ArgValue {
  name: string;
  value?: string;
  valueFrom?: any;
}

/** Merges template args with the Rollout's args (rollout values win) and resolves valueFrom. */
export function resolveArgs(
  templateArgs: ArgValue[],
  rolloutArgs: ArgValue[],
  ctx: { rollout: KubeObject; stableHash?: string; latestHash: string },
): ArgValue[] {
  const out = new Map<string, ArgValue>();
  for (const a of templateArgs) out.set(a.name, { ...a });
  for (const a of rolloutArgs) {
    out.set(a.name, { ...(out.get(a.name) ?? {}), ...a });
  }
  return [...out.values()].map(a => {
    if (a.value !== undefined) return { name: a.name, value: a.value };
    const vf = a.valueFrom;
    if (vf?.podTemplateHashValue) {
      const v =
        vf.podTemplateHashValue === 'Stable'
          ? ctx.stableHash ?? ''
          : ctx.latestHash;
      return { name: a.name, value: v };
    }
    if (vf?.fieldRef?.fieldPath) {
      const v = readFieldPath(ctx.rollout, vf.fieldRef.fieldPath);
      if (v !== undefined) return { name: a.name, value: v };
    }
    return { ...a };
  });
}

function readFieldPath(obj: any, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return obj.metadata?.[m[1]]?.[m[2]];
  let cur: any = obj;
  for (const part of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    cur = cur[part];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

/** Replaces `{{args.x}}` in every string of `value`. */
export function substituteArgs<T>(value: T, args: ArgValue[]): T {
  const map = new Map(args.map(a => [a.name, a.value]));
  const walk = (v: any): any => {
    if (typeof v === 'string') {
      return v.replace(/\{\{\s*args\.([\w.-]+)\s*\}\}/g, (whole, name) =>
        map.get(name) !== undefined ? String(map.get(name)) : whole,
      );
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, walk(x)]),
      );
    }
    return v;
  };
  return walk(value);
}

/** Deterministic jitter in [0, 1). */
function jitter(seed: string): number {
  return (fnv32a(seed) % 10000) / 10000;
}

function providerName(metric: any): string {
  return Object.keys(metric.provider ?? {})[0] ?? 'unknown';
}

const COND_RE = /result(?:\[0\])?\s*(>=|<=|>|<|==)\s*([0-9]+(?:\.[0-9]+)?)/;

function numericValue(
  metric: any,
  outcome: 'success' | 'failure' | 'inconclusive',
  seed: string,
): number | undefined {
  const j = jitter(seed);
  let m = COND_RE.exec(metric.successCondition ?? '');
  let wantTrue = outcome === 'success';
  if (!m) {
    m = COND_RE.exec(metric.failureCondition ?? '');
    wantTrue = outcome !== 'success';
  }
  if (!m) return undefined;
  const op = m[1];
  const t = Number(m[2]);
  const greaterSide = op === '>' || op === '>=';
  const above = (): number =>
    t < 1 ? t + (1 - t) * (0.35 + 0.6 * j) : t * (1.15 + 0.5 * j);
  const below = (): number =>
    t <= 1 && t > 0.5 ? t - (t - 0.5) * (0.2 + 0.5 * j) : t * (0.3 + 0.5 * j);
  if (outcome === 'inconclusive') {
    return t * (greaterSide ? 0.999 : 1.001);
  }
  if (op === '==') return wantTrue ? t : t + 1;
  return greaterSide === wantTrue ? above() : below();
}

export interface Measurement {
  phase: AnalysisPhase;
  startedAt: string;
  finishedAt?: string;
  value?: string;
  message?: string;
  metadata?: Record<string, string>;
}

/** One simulated measurement that looks like what the provider would return. */
export function simulateMeasurement(
  run: KubeObject,
  metric: any,
  outcome: SimulatedMetricOutcome,
  index: number,
  now: Date,
): Measurement {
  const provider = providerName(metric);
  const ts = iso(now);
  const base: Measurement = {
    phase: 'Successful',
    startedAt: ts,
    finishedAt: ts,
  };
  if (outcome === 'error') {
    const messages: Record<string, string> = {
      prometheus: `Post "${
        metric.provider?.prometheus?.address ??
        'http://prometheus.monitoring.svc:9090'
      }/api/v1/query": dial tcp 10.96.112.40:9090: connect: connection refused`,
      job: 'job failed',
      web: 'received non 2xx response code: 503',
    };
    const message =
      messages[provider] ?? `${provider} provider error: request timed out`;
    return { ...base, phase: 'Error', message };
  }
  const phases: Record<string, AnalysisPhase> = {
    success: 'Successful',
    failure: 'Failed',
    inconclusive: 'Inconclusive',
  };
  const phase = phases[outcome];
  if (provider === 'job') {
    const ns = run.metadata.namespace ?? 'default';
    return {
      ...base,
      phase,
      metadata: {
        'job-name': `${run.metadata.uid ?? run.metadata.name}.${metric.name}.${
          index + 1
        }`,
        'job-namespace': ns,
      },
    };
  }
  const seed = `${run.metadata.name}/${metric.name}/${index}`;
  const n = numericValue(metric, outcome, seed);
  let value: string;
  if (n === undefined) {
    value = outcome === 'success' ? 'true' : 'false';
  } else {
    const rounded = String(Number(n.toFixed(4)));
    value = provider === 'prometheus' ? `[${rounded}]` : rounded;
  }
  return { ...base, phase, value };
}

interface MetricResult {
  name: string;
  phase: AnalysisPhase;
  message?: string;
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
  consecutiveError?: number;
  consecutiveSuccess?: number;
  dryRun?: boolean;
  metadata?: Record<string, string>;
  measurements?: Measurement[];
}

function inc(r: MetricResult, key: keyof MetricResult) {
  (r as any)[key] = ((r as any)[key] ?? 0) + 1;
}

function dropZeros(r: MetricResult): MetricResult {
  const out: any = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === 0 || v === undefined || v === '' || v === false) continue;
    out[k] = v;
  }
  return out;
}

/** `assessMetricStatus`. */
export function assessMetric(
  metric: any,
  result: MetricResult,
  terminating: boolean,
): { phase: AnalysisPhase; message?: string } {
  const ms = result.measurements ?? [];
  if (ms.length === 0) {
    return { phase: terminating ? 'Successful' : 'Pending' };
  }
  if (!ms[ms.length - 1].finishedAt) return { phase: 'Running' };
  const failureLimit = toInt(metric.failureLimit, 0);
  const inconclusiveLimit = toInt(metric.inconclusiveLimit, 0);
  const errorLimit = toInt(metric.consecutiveErrorLimit, 4);
  const failed = result.failed ?? 0;
  const inconclusive = result.inconclusive ?? 0;
  const consecutiveError = result.consecutiveError ?? 0;
  let phase: AnalysisPhase | undefined;
  let message: string | undefined;
  const name = metric.name;
  if (failureLimit >= 0 && failed > failureLimit) {
    phase = 'Failed';
    message = `Metric "${name}" assessed Failed due to failed (${failed}) > failureLimit (${failureLimit})`;
  }
  if (inconclusive > inconclusiveLimit) {
    phase = 'Inconclusive';
    message = `Metric "${name}" assessed Inconclusive due to inconclusive (${inconclusive}) > inconclusiveLimit (${inconclusiveLimit})`;
  }
  if (consecutiveError > errorLimit) {
    phase = 'Error';
    message = `Metric "${name}" assessed Error due to consecutiveErrors (${consecutiveError}) > consecutiveErrorLimit (${errorLimit})`;
  }
  if (phase) return { phase, message };
  const successLimit = toInt(metric.consecutiveSuccessLimit, 0);
  if (successLimit > 0 && (result.consecutiveSuccess ?? 0) >= successLimit) {
    return { phase: 'Successful' };
  }
  if ((result.count ?? 0) >= effectiveCount(metric)) {
    if (successLimit > 0 && failureLimit >= 0) {
      return {
        phase: 'Inconclusive',
        message: `Metric "${name}" assessed Inconclusive due to consecutiveSuccessLimit (${successLimit}) not reached`,
      };
    }
    return { phase: 'Successful' };
  }
  return { phase: terminating ? 'Successful' : 'Running' };
}

export interface AnalysisStepResult {
  status: any;
  /** Clock time (ms) at which the next measurement is due. */
  nextAt?: number;
}

/**
 * Advances an AnalysisRun's status to `now`: takes due measurements and assesses metrics and
 * the run. Pure: returns the new status.
 */
export function reconcileAnalysisRun(
  run: KubeObject,
  now: Date,
  outcomeOf: (run: KubeObject, metricName: string) => SimulatedMetricOutcome,
): AnalysisStepResult {
  if (isCompleted(run.status?.phase)) return { status: run.status };
  const status = structuredClone(run.status ?? {});
  const nowMs = now.getTime();
  const terminating = Boolean(run.spec?.terminate);
  if (!status.startedAt) status.startedAt = iso(now);
  const startedMs = Date.parse(status.startedAt);
  const metrics: any[] = run.spec?.metrics ?? [];
  const dryRunNames = new Set(
    (run.spec?.dryRun ?? []).map((d: any) => d.metricName),
  );
  const isDry = (n: string) => dryRunNames.has(n) || dryRunNames.has('*');
  const results: MetricResult[] = [];
  const previous: MetricResult[] = status.metricResults ?? [];
  let nextAt: number | undefined;
  const args: ArgValue[] = run.spec?.args ?? [];

  for (const metric of metrics) {
    const prev = previous.find(r => r.name === metric.name);
    const result: MetricResult = prev
      ? structuredClone(prev)
      : { name: metric.name, phase: 'Pending' };
    if (isDry(metric.name)) result.dryRun = true;
    if (!prev && metric.provider?.prometheus?.query) {
      result.metadata = {
        ResolvedPrometheusQuery: substituteArgs(
          metric.provider.prometheus.query,
          args,
        ),
      };
    }
    if (!isCompleted(result.phase) && !terminating) {
      const interval = parseDurationMs(metric.interval) ?? 0;
      const initialDelay = parseDurationMs(metric.initialDelay) ?? 0;
      const maxCount = effectiveCount(metric);
      let guard = 0;
      for (;;) {
        const ms = result.measurements ?? [];
        const taken =
          (result.successful ?? 0) +
          (result.failed ?? 0) +
          (result.inconclusive ?? 0);
        if (taken >= maxCount) break;
        if (
          assessMetric(metric, result, false).phase !== 'Running' &&
          ms.length
        )
          break;
        const last = ms[ms.length - 1];
        const due = last
          ? Date.parse(last.finishedAt ?? last.startedAt) + interval
          : startedMs + initialDelay;
        if (due > nowMs) {
          nextAt = nextAt === undefined ? due : Math.min(nextAt, due);
          break;
        }
        const outcome = outcomeOf(run, metric.name);
        const m = simulateMeasurement(run, metric, outcome, ms.length, now);
        result.measurements = [...ms, m];
        if (m.phase === 'Error') {
          inc(result, 'error');
          inc(result, 'consecutiveError');
          result.consecutiveSuccess = 0;
        } else {
          result.consecutiveError = 0;
          if (m.phase === 'Successful') {
            inc(result, 'successful');
            inc(result, 'consecutiveSuccess');
          } else {
            result.consecutiveSuccess = 0;
            inc(result, m.phase === 'Failed' ? 'failed' : 'inconclusive');
          }
          inc(result, 'count');
        }
        const retention = (run.spec?.measurementRetention ?? []).find(
          (r: any) => r.metricName === metric.name || r.metricName === '*',
        );
        const limit = retention ? toInt(retention.limit, 10) : 10;
        if (result.measurements.length > limit) {
          result.measurements = result.measurements.slice(-limit);
        }
        if (++guard > 1000) break;
      }
    }
    if (!isCompleted(result.phase)) {
      const assessed = assessMetric(metric, result, terminating);
      result.phase = assessed.phase;
      if (assessed.message) result.message = assessed.message;
      else delete result.message;
      if (terminating && !isCompleted(prev?.phase) && !assessed.message) {
        result.message = 'Metric Terminated';
      }
    }
    results.push(dropZeros(result));
  }

  // Run assessment (`assessRunStatus`).
  let worst: AnalysisPhase = 'Successful';
  let message: string | undefined;
  let allCompleted = true;
  const summary = {
    count: 0,
    successful: 0,
    failed: 0,
    inconclusive: 0,
    error: 0,
  };
  const drySummary = { ...summary };
  for (const r of results) {
    const target = r.dryRun ? drySummary : summary;
    target.count++;
    if (r.phase === 'Successful') target.successful++;
    if (r.phase === 'Failed') target.failed++;
    if (r.phase === 'Inconclusive') target.inconclusive++;
    if (r.phase === 'Error') target.error++;
    if (r.dryRun) continue;
    if (!isCompleted(r.phase)) allCompleted = false;
    if (isWorse(worst, r.phase)) {
      worst = r.phase;
      message = r.message;
    }
  }
  let phase: AnalysisPhase;
  if (allCompleted) {
    phase = worst;
  } else if (worst === 'Failed' || worst === 'Error') {
    phase = worst; // a failed metric fails the run; the others stop measuring
  } else {
    phase = 'Running';
  }
  status.metricResults = results;
  status.phase = phase;
  if (isCompleted(phase)) {
    if (terminating && phase === 'Successful') message = 'Run Terminated';
    if (message) status.message = message;
    else delete status.message;
    status.completedAt = iso(now);
    nextAt = undefined;
  } else {
    delete status.message;
  }
  status.runSummary = dropZeros(summary as any);
  if (drySummary.count > 0) status.dryRunSummary = dropZeros(drySummary as any);
  return { status, nextAt };
}

/** Parses the metric-outcome annotation (see createRolloutController docs). */
export function outcomeFromAnnotation(
  value: string | undefined,
  measurementIndex: number,
): SimulatedMetricOutcome | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const m = /^(failure|error|inconclusive)-after:(\d+)$/.exec(v);
  if (m) {
    return measurementIndex < Number(m[2])
      ? 'success'
      : (m[1] as SimulatedMetricOutcome);
  }
  if (
    v === 'success' ||
    v === 'failure' ||
    v === 'inconclusive' ||
    v === 'error'
  ) {
    return v;
  }
  return undefined;
}
