import {
  ScorecardLevel,
  ScorecardSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** The organisation view's filters; an empty value means "any". */
export interface ScorecardFilters {
  level: ScorecardLevel | '';
  owner: string;
  system: string;
  /** Case-insensitive text in the entity ref, title, owner or system. */
  text: string;
}

export const NO_SCORECARD_FILTERS: ScorecardFilters = {
  level: '',
  owner: '',
  system: '',
  text: '',
};

export function filterScorecards(
  entities: ScorecardSummary[],
  filters: ScorecardFilters,
): ScorecardSummary[] {
  const text = filters.text.trim().toLocaleLowerCase('en-US');
  return entities.filter(
    e =>
      (!filters.level || e.level === filters.level) &&
      (!filters.owner || e.owner === filters.owner) &&
      (!filters.system || e.system === filters.system) &&
      (!text ||
        [e.entityRef, e.title, e.owner, e.system].some(v =>
          v?.toLocaleLowerCase('en-US').includes(text),
        )),
  );
}

/** The distinct, sorted owners or systems, for their select. */
export function scorecardFilterOptions(
  entities: ScorecardSummary[],
  field: 'owner' | 'system',
): string[] {
  return [
    ...new Set(entities.map(e => e[field]).filter((v): v is string => !!v)),
  ].sort();
}
