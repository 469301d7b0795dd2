import { normalizeRef, normalizeSummaries } from './refs';
import { makeSummary } from '../../__testUtils__/scorecardData';

describe('normalizeRef', () => {
  it('completes short refs with the default kind and namespace', () => {
    expect(normalizeRef('storefront', 'system')).toBe(
      'system:default/storefront',
    );
    expect(normalizeRef('team-a', 'group')).toBe('group:default/team-a');
    expect(normalizeRef('Group:ops/team-b', 'group')).toBe('group:ops/team-b');
    expect(normalizeRef('user:default/alice', 'group')).toBe(
      'user:default/alice',
    );
  });

  it('leaves nothing and unparseable text alone', () => {
    expect(normalizeRef(undefined, 'group')).toBeUndefined();
    expect(normalizeRef('a:b:c/d/e', 'group')).toBe('a:b:c/d/e');
  });

  it('normalises owner and system of each summary', () => {
    const [summary] = normalizeSummaries([
      makeSummary({ owner: 'team-a', system: undefined }),
    ]);
    expect(summary.owner).toBe('group:default/team-a');
    expect(summary.system).toBeUndefined();
  });
});
