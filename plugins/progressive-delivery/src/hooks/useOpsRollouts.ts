import { useApi } from '@backstage/core-plugin-api';
import {
  OPS_SIGNAL_CHANNEL,
  OpsRolloutsResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef } from '../api';
import { LiveData, useLiveData } from './useLiveData';

/** Every rollout the user may read, across clusters; refetched on the ops signal. @public */
export function useOpsRollouts(options: {
  attention?: boolean;
}): LiveData<OpsRolloutsResponse> {
  const api = useApi(progressiveDeliveryApiRef);
  return useLiveData(
    () => api.getOpsRollouts({ attention: options.attention || undefined }),
    [api, options.attention],
    OPS_SIGNAL_CHANNEL,
  );
}
