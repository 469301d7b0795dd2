import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  entitySignalChannel,
  EntityRolloutsResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef } from '../api';
import { LiveData, useLiveData } from './useLiveData';

/** The rollouts of an entity, refetched on the entity's signal (slow poll without signals). @public */
export function useEntityRollouts(
  entity: CompoundEntityRef,
): LiveData<EntityRolloutsResponse> {
  const api = useApi(progressiveDeliveryApiRef);
  const ref = stringifyEntityRef(entity);
  return useLiveData(
    () => api.getEntityRollouts(entity),
    [api, ref],
    entitySignalChannel(ref),
  );
}
