import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  entitySignalChannel,
  EntitySlosResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef } from '../api';
import { LiveData, useLiveData } from './useLiveData';

/**
 * The entity's Pyrra SLOs with error budget and burn rates, refetched on the entity's signal
 * (slow poll without signals); the last value stays on screen while refetching.
 * @public
 */
export function useEntitySlos(
  entity: CompoundEntityRef,
): LiveData<EntitySlosResponse> {
  const api = useApi(progressiveDeliveryApiRef);
  const ref = stringifyEntityRef(entity);
  return useLiveData(
    () => api.getEntitySlos(entity),
    [api, ref],
    entitySignalChannel(ref),
  );
}
