import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector';

const labels = {
  app: 'web',
  tier: 'frontend',
  'backstage.io/kubernetes-id': 'web',
};
const match = (s: string, l: Record<string, string> = labels) =>
  matchesLabelSelector(parseLabelSelector(s), l);

describe('label selectors', () => {
  it('selects everything when empty', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(parseLabelSelector(undefined)).toEqual([]);
    expect(match('  ')).toBe(true);
  });

  it('supports =, == and !=', () => {
    expect(match('app=web')).toBe(true);
    expect(match('app==web')).toBe(true);
    expect(match('app=api')).toBe(false);
    expect(match('app!=api')).toBe(true);
    expect(match('app!=web')).toBe(false);
    // != also matches objects without the label, as in Kubernetes
    expect(match('missing!=x')).toBe(true);
    expect(match('backstage.io/kubernetes-id=web')).toBe(true);
  });

  it('supports in and notin', () => {
    expect(match('tier in (frontend, backend)')).toBe(true);
    expect(match('tier in (backend)')).toBe(false);
    expect(match('tier notin (backend)')).toBe(true);
    expect(match('tier notin (frontend,backend)')).toBe(false);
    expect(match('missing notin (x)')).toBe(true);
    expect(match('missing in (x)')).toBe(false);
  });

  it('supports exists and !key', () => {
    expect(match('app')).toBe(true);
    expect(match('missing')).toBe(false);
    expect(match('!missing')).toBe(true);
    expect(match('!app')).toBe(false);
  });

  it('ANDs comma-separated requirements', () => {
    expect(match('app=web,tier in (frontend),!missing')).toBe(true);
    expect(match('app=web,tier=backend')).toBe(false);
  });

  it('treats an empty value as a value', () => {
    expect(match('app=', { app: '' })).toBe(true);
    expect(match('app=', { app: 'x' })).toBe(false);
  });

  it.each([
    'app=web=x',
    'app in web',
    'app in ()',
    'app in (a b)',
    '=web',
    'app=web,',
    ',app',
    '!',
    'app >',
    'app=(x)',
    'bad key=1',
    '-app=1',
    'app=-bad-',
    `app=${'x'.repeat(64)}`,
    'UPPER.example.com/app=1',
    'app ?= 1',
  ])('rejects malformed selector %j', s => {
    expect(() => parseLabelSelector(s)).toThrow(LabelSelectorError);
  });
});
