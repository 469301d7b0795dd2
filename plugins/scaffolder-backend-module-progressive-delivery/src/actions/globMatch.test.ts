import { globMatches } from './globMatch';

describe('globMatches', () => {
  const file = '/repo/.demo-services/checkout-v2/catalog-info.yaml';

  it.each([
    [file, true],
    ['/repo/.demo-services/*/catalog-info.yaml', true],
    ['/repo/.demo-services/**/catalog-info.yaml', true],
    ['/repo/**/*.yaml', true],
    ['/repo/.demo-services/checkout-v?/catalog-info.yaml', true],
    ['/repo/.demo-services/*/catalog-info.yml', false],
    ['/repo/*/catalog-info.yaml', false],
    ['/repo/.demo-services/*', false],
    ['/repo/.demo-servicesX/*/catalog-info.yaml', false],
    // regex characters in paths are literal
    ['/repo/.demo-services/checkout-v2/catalog-info(yaml', false],
    ['/repo/.demo-services/{a,b}/catalog-info.yaml', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(globMatches(pattern, file)).toBe(expected);
  });
});
