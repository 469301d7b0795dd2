import { useCallback, useState } from 'react';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  AuditEntryView,
  AuditPageResponse,
  entitySignalChannel,
  OPS_SIGNAL_CHANNEL,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef } from '../api';
import { useLiveData } from './useLiveData';

/** @public */
export interface AuditLog {
  items: AuditEntryView[];
  loading: boolean;
  error?: Error;
  /** True when older entries exist. */
  hasMore: boolean;
  loadMore: () => Promise<void>;
  refresh: () => Promise<void>;
}

/**
 * The audit trail of an entity (or, without one, the global audit log), newest first. The first
 * page refreshes live; older pages are appended by `loadMore`.
 * @public
 */
export function useAuditLog(
  entity?: CompoundEntityRef,
  pageSize: number = 20,
): AuditLog {
  const api = useApi(progressiveDeliveryApiRef);
  const ref = entity ? stringifyEntityRef(entity) : undefined;
  const load = (cursor?: string): Promise<AuditPageResponse> =>
    entity
      ? api.getEntityAudit(entity, { limit: pageSize, cursor })
      : api.getAudit({ limit: pageSize, cursor });
  const first = useLiveData(
    () => load(),
    [api, ref, pageSize],
    ref ? entitySignalChannel(ref) : OPS_SIGNAL_CHANNEL,
  );
  const [older, setOlder] = useState<{
    items: AuditEntryView[];
    nextCursor?: string;
    loading: boolean;
    error?: Error;
    after?: string;
  }>({ items: [], loading: false });

  const cursor = older.after ? older.nextCursor : first.value?.nextCursor;
  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setOlder(s => ({ ...s, loading: true }));
    try {
      const page = await load(cursor);
      setOlder(s => ({
        items: [...s.items, ...page.items],
        nextCursor: page.nextCursor,
        after: cursor,
        loading: false,
      }));
    } catch (e) {
      setOlder(s => ({ ...s, loading: false, error: e as Error }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor]);

  const seen = new Set((first.value?.items ?? []).map(i => i.id));
  const items = [
    ...(first.value?.items ?? []),
    ...older.items.filter(i => !seen.has(i.id)),
  ];
  return {
    items,
    loading: first.loading || older.loading,
    error: first.error ?? older.error,
    hasMore: Boolean(cursor),
    loadMore,
    refresh: first.refresh,
  };
}
