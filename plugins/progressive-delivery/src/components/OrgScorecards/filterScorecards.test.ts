import {
  filterScorecards,
  NO_SCORECARD_FILTERS,
  scorecardFilterOptions,
} from './filterScorecards';
import { normalizeSummaries } from './refs';
import { makeOrgScorecards } from '../../__testUtils__/scorecardData';

const entities = normalizeSummaries(makeOrgScorecards().entities);

describe('filterScorecards', () => {
  it('filters by level, owner, system and text', () => {
    const names = (f: Partial<typeof NO_SCORECARD_FILTERS>) =>
      filterScorecards(entities, { ...NO_SCORECARD_FILTERS, ...f }).map(
        e => e.entityRef,
      );
    expect(names({})).toHaveLength(3);
    expect(names({ level: 'gold' })).toEqual(['component:default/payments']);
    expect(names({ owner: 'group:default/team-checkout' })).toEqual([
      'component:default/checkout',
      'component:default/cart',
    ]);
    expect(names({ system: 'system:default/billing' })).toEqual([
      'component:default/payments',
    ]);
    // Text matches the title, case-insensitively, and the refs.
    expect(names({ text: '  CART ' })).toEqual(['component:default/cart']);
    expect(names({ text: 'team-payments' })).toEqual([
      'component:default/payments',
    ]);
    expect(
      names({ level: 'gold', owner: 'group:default/team-checkout' }),
    ).toEqual([]);
  });

  it('offers each owner and system once, sorted', () => {
    expect(scorecardFilterOptions(entities, 'owner')).toEqual([
      'group:default/team-checkout',
      'group:default/team-payments',
    ]);
    expect(
      scorecardFilterOptions(
        [...entities, { ...entities[0], system: undefined }],
        'system',
      ),
    ).toEqual(['system:default/billing', 'system:default/storefront']);
  });
});
