import { OpsRollout } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** The ops page's filters; an empty value means "any". */
export interface OpsFilters {
  cluster: string;
  namespace: string;
  status: string;
  owner: string;
}

export const NO_FILTERS: OpsFilters = {
  cluster: '',
  namespace: '',
  status: '',
  owner: '',
};

/** Status as the filter sees it: the phase, or "Aborted" when an abort is in effect. */
export function filterStatus(rollout: OpsRollout): string {
  return rollout.info.aborted ? 'Aborted' : rollout.info.status;
}

export function filterRollouts(
  rollouts: OpsRollout[],
  filters: OpsFilters,
): OpsRollout[] {
  return rollouts.filter(
    r =>
      (!filters.cluster || r.cluster === filters.cluster) &&
      (!filters.namespace || r.namespace === filters.namespace) &&
      (!filters.status || filterStatus(r) === filters.status) &&
      (!filters.owner || r.owner === filters.owner),
  );
}

/** The distinct, sorted values of one filter field, for its select. */
export function filterOptions(
  rollouts: OpsRollout[],
  field: keyof OpsFilters,
): string[] {
  const values = rollouts.map(r => {
    switch (field) {
      case 'status':
        return filterStatus(r);
      case 'owner':
        return r.owner ?? '';
      default:
        return r[field];
    }
  });
  return [...new Set(values.filter(Boolean))].sort();
}
