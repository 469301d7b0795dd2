import {
  Rollout,
  RolloutAnalysisRunStatus,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { AbortCause } from './events';

/** Upstream's condition message for an abort without a reason: what a person's abort gets. */
const BARE_ABORT_MESSAGE = /^Rollout aborted update to revision \d+\.?$/;

/**
 * Why the controller aborted, from the status it wrote with `abortedAt`: a failed or errored
 * analysis (or experiment), another controller reason (progress deadline), or nobody's but a
 * person's (`status.abort` patched by kubectl, Argo CD, the dashboard or the portal).
 *
 * Current controllers write `Rollout aborted update to revision N` for a person's abort and
 * append `: <reason>` otherwise; old ones wrote the bare AnalysisRun message (reference §1).
 */
export function abortCause(rollout: Rollout): AbortCause {
  const status = rollout.status ?? {};
  const runs: Array<RolloutAnalysisRunStatus | undefined> = [
    status.canary?.currentStepAnalysisRunStatus,
    status.canary?.currentBackgroundAnalysisRunStatus,
    status.blueGreen?.prePromotionAnalysisRunStatus,
    status.blueGreen?.postPromotionAnalysisRunStatus,
  ];
  if (runs.some(run => run?.status === 'Failed' || run?.status === 'Error')) {
    return 'analysis';
  }
  const condition = (status.conditions ?? []).find(
    c => c.reason === 'RolloutAborted',
  );
  const message = (condition?.message ?? '').trim();
  if (message === '' || BARE_ABORT_MESSAGE.test(message)) return 'manual';
  if (/analysis|experiment|assessed/i.test(message)) return 'analysis';
  return 'controller';
}
