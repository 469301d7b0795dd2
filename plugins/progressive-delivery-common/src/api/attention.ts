import { RolloutInfo } from '../status/types';
import { AttentionReason } from './types';

/**
 * Whether a rollout needs a human: Degraded, aborted, or Paused for a reason other than a
 * canary pause step (which is the normal "waiting for promotion" state).
 * @public
 */
export function rolloutAttention(
  info: RolloutInfo,
): { reason: AttentionReason; message: string } | undefined {
  if (info.aborted) {
    return { reason: 'aborted', message: info.message || 'Rollout aborted' };
  }
  if (info.status === 'Degraded') {
    return { reason: 'degraded', message: info.message || 'Rollout degraded' };
  }
  if (info.status === 'Paused') {
    const onlyStepPauses =
      !info.manuallyPaused &&
      info.pauseConditions.length > 0 &&
      info.pauseConditions.every(c => c.reason === 'CanaryPauseStep');
    if (!onlyStepPauses) {
      const reasons = info.pauseConditions.map(c => c.reason).join(', ');
      return {
        reason: 'paused',
        message: info.manuallyPaused
          ? 'Paused manually'
          : `Paused: ${reasons || info.message || 'unknown reason'}`,
      };
    }
  }
  return undefined;
}
