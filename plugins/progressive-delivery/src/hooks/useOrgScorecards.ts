import { useApi } from '@backstage/core-plugin-api';
import { OrgScorecardResponse } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef } from '../api';
import { LiveData } from './useLiveData';
import { useHeldValue } from './useHeldValue';
import { usePolledData } from './usePolledData';

/**
 * The organisation view polls instead of following the ops signal: that fires on every rollout
 * change anywhere, and the summary scores every readable entity.
 */
export const ORG_SCORECARD_POLL_MS = 5 * 60_000;

/**
 * Every readable entity's scorecard summary over the last `days` days, refreshed every five
 * minutes. Switching `days` keeps the old window on screen until the new one arrives.
 * @public
 */
export function useOrgScorecards(days: number): LiveData<OrgScorecardResponse> {
  const api = useApi(progressiveDeliveryApiRef);
  const data = usePolledData(
    async () => ({
      identity: 'org',
      value: await api.getOrgScorecards({ days }),
    }),
    [api, days],
    ORG_SCORECARD_POLL_MS,
  );
  return useHeldValue(data, 'org');
}
