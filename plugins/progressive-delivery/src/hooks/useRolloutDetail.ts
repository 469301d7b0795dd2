import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  entitySignalChannel,
  RolloutDetailResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef, RolloutRef } from '../api';
import { LiveData, useLiveData } from './useLiveData';

/** One rollout in full (steps, analysis, pods), refetched on the entity's signal. @public */
export function useRolloutDetail(
  entity: CompoundEntityRef,
  rollout: RolloutRef,
  options: { enabled?: boolean } = {},
): LiveData<RolloutDetailResponse> {
  const api = useApi(progressiveDeliveryApiRef);
  const ref = stringifyEntityRef(entity);
  return useLiveData(
    () => api.getRolloutDetail(entity, rollout),
    [api, ref, rollout.cluster, rollout.namespace, rollout.name],
    entitySignalChannel(ref),
    undefined,
    options.enabled ?? true,
  );
}
