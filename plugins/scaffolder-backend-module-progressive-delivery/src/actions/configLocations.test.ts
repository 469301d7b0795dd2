import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { configFileLocations } from './configLocations';

describe('configFileLocations', () => {
  it('names the file locations of catalog.locations as the catalog does', () => {
    const config = mockServices.rootConfig({
      data: {
        catalog: {
          locations: [
            { type: 'url', target: 'https://example.com/catalog-info.yaml' },
            { type: 'file', target: '/repo/catalog-info.yaml' },
            { type: 'file', target: 'services/*/catalog-info.yaml' },
          ],
        },
      },
    });
    expect(configFileLocations(config)).toEqual([
      {
        // sha1("file:/repo/catalog-info.yaml"), the name the catalog gives this location
        entityRef:
          'location:default/generated-604a0ae445ea1f7c9bea14f511e06ba16e9b4a77',
        target: '/repo/catalog-info.yaml',
      },
      {
        entityRef: expect.stringMatching(
          /^location:default\/generated-[0-9a-f]{40}$/,
        ),
        target: path.resolve('services/*/catalog-info.yaml'),
      },
    ]);
  });

  it('is empty without catalog locations', () => {
    expect(configFileLocations(mockServices.rootConfig())).toEqual([]);
  });
});
