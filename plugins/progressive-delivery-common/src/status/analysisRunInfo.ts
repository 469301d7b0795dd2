import { AnalysisRun } from '../kubernetes/analysisRun';
import { IntOrString } from '../kubernetes/objectMeta';
import { ownedBy, parseRevision } from '../kubernetes/ownership';
import {
  JOB_NAME_METADATA_KEY,
  ROLLOUT_TYPE_LABEL,
} from '../kubernetes/wellKnownKeys';
import { RolloutAnalysisJobInfo, RolloutAnalysisRunInfo } from './types';
import { compareText } from './compareText';

/** Upstream reads IntOrString limits as `IntVal`: a string (e.g. an arg reference) counts as 0. */
function intValue(value: IntOrString | undefined): number {
  return typeof value === 'number' ? value : 0;
}

/**
 * One AnalysisRun as the kubectl plugin summarizes it (reference §1.5): phase, measurement counts
 * summed over metric results, the metrics' limits and the Job measurements.
 * @public
 */
export function describeAnalysisRunSummary(
  run: AnalysisRun,
): RolloutAnalysisRunInfo {
  const results = run.status?.metricResults ?? [];
  const jobs: RolloutAnalysisJobInfo[] = [];
  let successful = 0;
  let failed = 0;
  let inconclusive = 0;
  let error = 0;
  for (const result of results) {
    successful += result.successful ?? 0;
    failed += result.failed ?? 0;
    inconclusive += result.inconclusive ?? 0;
    error += result.error ?? 0;
    for (const measurement of result.measurements ?? []) {
      const jobName = measurement.metadata?.[JOB_NAME_METADATA_KEY];
      if (jobName !== undefined) {
        jobs.push({
          name: jobName,
          status: measurement.phase,
          metricName: result.name,
          ...(measurement.startedAt
            ? { startedAt: measurement.startedAt }
            : {}),
        });
      }
    }
  }
  const type = run.metadata.labels?.[ROLLOUT_TYPE_LABEL];
  return {
    name: run.metadata.name ?? '',
    revision: parseRevision(run),
    status: run.status?.phase ?? '',
    successful,
    failed,
    inconclusive,
    error,
    metrics: (run.spec.metrics ?? []).map(metric => ({
      name: metric.name,
      ...(metric.successCondition
        ? { successCondition: metric.successCondition }
        : {}),
      ...(metric.failureCondition
        ? { failureCondition: metric.failureCondition }
        : {}),
      count: intValue(metric.count),
      failureLimit: intValue(metric.failureLimit),
      inconclusiveLimit: intValue(metric.inconclusiveLimit),
    })),
    ...(run.status?.message ? { message: run.status.message } : {}),
    ...(type ? { type } : {}),
    jobs,
  };
}

/**
 * AnalysisRuns owned by `ownerUid` (Rollout or Experiment), sorted like upstream: revision
 * descending, then creation ascending, then name descending.
 * @public
 */
export function describeAnalysisRuns(
  ownerUid: string | undefined,
  runs: readonly AnalysisRun[] | undefined,
): RolloutAnalysisRunInfo[] {
  return ownedBy(runs, ownerUid)
    .map(run => ({
      info: describeAnalysisRunSummary(run),
      created: Date.parse(run.metadata.creationTimestamp ?? '') || 0,
    }))
    .sort((a, b) => {
      if (a.info.revision !== b.info.revision) {
        return b.info.revision - a.info.revision;
      }
      if (a.created !== b.created) return a.created - b.created;
      return compareText(b.info.name, a.info.name);
    })
    .map(entry => entry.info);
}
