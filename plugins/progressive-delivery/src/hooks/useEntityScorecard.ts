import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  entitySignalChannel,
  EntityScorecardResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef } from '../api';
import { LiveData, useLiveData } from './useLiveData';
import { useHeldValue } from './useHeldValue';

/**
 * The scorecard of the current entity over the last `days` days, refetched on the entity's
 * signal (slow poll without signals). Switching `days` keeps the old window on screen until the
 * new one arrives.
 * @public
 */
export function useEntityScorecard(
  days: number,
): LiveData<EntityScorecardResponse> {
  const { entity } = useEntity();
  const api = useApi(progressiveDeliveryApiRef);
  const compound = getCompoundEntityRef(entity);
  const ref = stringifyEntityRef(compound);
  const data = useLiveData(
    async () => ({
      identity: ref,
      value: await api.getEntityScorecard(compound, { days }),
    }),
    [api, ref, days],
    entitySignalChannel(ref),
  );
  return useHeldValue(data, ref);
}
