import { ScorecardOutcomes } from '@pdelivery/backstage-plugin-progressive-delivery-common';
/** A rollout by identity: cluster, namespace, name. */
export interface RolloutKey {
  cluster: string;
  namespace: string;
  name: string;
}
/** Outcome metrics from the recorded rollout history. */
export interface OutcomeHistory {
  outcomes(
    rollouts: RolloutKey[],
    days: number,
    now?: Date,
  ): Promise<ScorecardOutcomes>;
}
