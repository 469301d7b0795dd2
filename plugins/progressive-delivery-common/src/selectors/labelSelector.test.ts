import {
  formatLabelSelector,
  isValidLabelKey,
  matchesRequirements,
  parseLabelSelector,
  requirementsFromLabelSelector,
} from './labelSelector';

describe('parseLabelSelector', () => {
  it('parses every operator', () => {
    expect(
      parseLabelSelector(
        'app=web, tier==front,env!=dev,zone in (a, b),x notin (c),k,!gone',
      ),
    ).toEqual([
      { key: 'app', operator: 'eq', value: 'web' },
      { key: 'tier', operator: 'eq', value: 'front' },
      { key: 'env', operator: 'neq', value: 'dev' },
      { key: 'zone', operator: 'in', values: ['a', 'b'] },
      { key: 'x', operator: 'notin', values: ['c'] },
      { key: 'k', operator: 'exists' },
      { key: 'gone', operator: 'notexists' },
    ]);
  });

  it('accepts prefixed keys like backstage.io/kubernetes-id', () => {
    expect(parseLabelSelector('backstage.io/kubernetes-id=checkout')).toEqual([
      { key: 'backstage.io/kubernetes-id', operator: 'eq', value: 'checkout' },
    ]);
  });

  it.each([
    [''],
    ['a=b,'],
    ['a=b c'],
    ['../etc=x'],
    ['a="x"'],
    ['a in (b'],
    ['a in ((b))'],
    [`a=${'x'.repeat(64)}`],
    ['a=b'.repeat(400)],
    ['app=web&watch=true'],
  ])('rejects %j', selector => {
    expect(() => parseLabelSelector(selector)).toThrow();
  });

  it('round-trips through the canonical form', () => {
    const text = 'app=web,env!=dev,zone in (a,b),k,!gone';
    expect(formatLabelSelector(parseLabelSelector(text))).toBe(text);
  });
});

describe('matchesRequirements', () => {
  const labels = { app: 'web', zone: 'a' };
  it.each([
    ['app=web', true],
    ['app=api', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['zone in (a,b)', true],
    ['zone notin (a)', false],
    ['missing notin (a)', true],
    ['app', true],
    ['!app', false],
    ['app=web,zone=b', false],
  ])('%s → %s', (selector, expected) => {
    expect(matchesRequirements(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });
});

describe('requirementsFromLabelSelector', () => {
  it('converts matchLabels and matchExpressions', () => {
    const requirements = requirementsFromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['a'] },
        { key: 'x', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesRequirements(requirements!, { app: 'web', zone: 'a' })).toBe(
      true,
    );
    expect(
      matchesRequirements(requirements!, { app: 'web', zone: 'a', x: '1' }),
    ).toBe(false);
  });

  it('matches nothing for unknown operators', () => {
    expect(
      requirementsFromLabelSelector({
        matchExpressions: [{ key: 'a', operator: 'Like' }],
      }),
    ).toBeUndefined();
  });

  it('validates keys', () => {
    expect(isValidLabelKey('example.com/name')).toBe(true);
    expect(isValidLabelKey('Example.com/name')).toBe(false);
    expect(isValidLabelKey('/name')).toBe(false);
  });
});
