import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { registerLocalAction } from './registerLocal';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-v2
spec: {type: service, owner: team-checkout, lifecycle: experimental}
`;

const locationEntity = (name: string, type: string, target: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { namespace: 'default', name },
  spec: { type, target },
});

/**
 * The catalog service as far as the action uses it. Location entities come from the in-memory
 * catalog of `catalogServiceMock` (so the kind/spec.type filter is applied for real); an entity is
 * served once a location covering its file was refreshed or registered (what the processing loop
 * does). `addLocation` fails with `registerStatus` like the catalog client does.
 */
class FakeCatalog {
  locations: Array<ReturnType<typeof locationEntity>> = [];
  served = new Set<string>();
  registerStatus = 201;
  /** Refs that become visible on refresh/registration. */
  onProcess: string[] = [];
  service = catalogServiceMock.mock({
    getEntities: async (request, options) =>
      catalogServiceMock({
        entities: [
          ...this.locations,
          // not a Location: the filter has to leave it out
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'other' },
            spec: { type: 'file', target: '/' },
          },
        ],
      }).getEntities(request, options),
    refreshEntity: async () => {
      this.onProcess.forEach(ref => this.served.add(ref));
    },
    addLocation: async ({ type = 'url', target }) => {
      if (this.registerStatus !== 201) {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'InputError',
                message:
                  'Registered locations must be of an allowed type ["url"]',
              },
              request: { method: 'POST', url: '/locations' },
              response: { statusCode: this.registerStatus },
            }),
            {
              status: this.registerStatus,
              headers: { 'Content-Type': 'application/json' },
            },
          ),
        );
      }
      this.onProcess.forEach(ref => this.served.add(ref));
      return {
        location: {
          id: 'loc-1',
          type,
          target,
          entityRef: 'location:default/loc-1',
        },
        entities: [],
      };
    },
    getEntityByRef: async ref => {
      const {
        kind,
        namespace = 'default',
        name,
      } = ref as {
        kind: string;
        namespace?: string;
        name: string;
      };
      const key = `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
      return this.served.has(key)
        ? {
            apiVersion: 'backstage.io/v1alpha1',
            kind,
            metadata: { name, namespace },
          }
        : undefined;
    },
  });

  /** Every call to the catalog, as `[method, ...args]`. */
  calls(): unknown[][] {
    return Object.entries(this.service).flatMap(([method, fn]) =>
      jest.isMockFunction(fn)
        ? fn.mock.calls.map((args: unknown[]) => [method, ...args])
        : [],
    );
  }

  callsOf(method: string): unknown[][] {
    return this.calls()
      .filter(([m]) => m === method)
      .map(([, ...args]) => args);
  }
}

describe('progressive-delivery:catalog:register-local', () => {
  const root = createMockDirectory();
  const outside = createMockDirectory();
  let catalog: FakeCatalog;

  beforeEach(async () => {
    root.setContent({ 'checkout-v2/catalog-info.yaml': CATALOG_INFO });
    outside.setContent({ 'catalog-info.yaml': CATALOG_INFO });
    catalog = new FakeCatalog();
  });

  const file = () => path.join(root.path, 'checkout-v2', 'catalog-info.yaml');

  async function register(
    input: Record<string, unknown>,
    options: {
      dryRun?: boolean;
      configured?: boolean;
      catalogLocations?: Array<{ type: string; target: string }>;
    } = {},
  ) {
    const run = createMockActionContext({
      input: { waitSeconds: 5, ...input } as any,
      workspacePath: root.path,
      isDryRun: options.dryRun,
    });
    const action = registerLocalAction({
      config: mockServices.rootConfig({
        data:
          options.configured === false
            ? {}
            : {
                progressiveDelivery: {
                  scaffolder: { localPublishRoot: root.path },
                },
                catalog: { locations: options.catalogLocations ?? [] },
              },
      }),
      catalog: catalog.service,
    });
    await action.handler(run.ctx);
    return run;
  }

  it('refreshes the glob location that covers the file and waits for the entity', async () => {
    catalog.locations = [
      locationEntity(
        'generated-root',
        'file',
        '/somewhere/else/catalog-info.yaml',
      ),
      locationEntity(
        'generated-demo',
        'file',
        path.join(root.path, '*', 'catalog-info.yaml'),
      ),
      // not a file location: the filter has to leave it out
      locationEntity(
        'generated-url',
        'url',
        path.join(root.path, '*', 'catalog-info.yaml'),
      ),
    ];
    catalog.onProcess = ['component:default/checkout-v2'];
    const { outputs } = await register({ catalogInfoPath: file() });

    expect(outputs).toEqual({
      entityRef: 'component:default/checkout-v2',
      entityRefs: ['component:default/checkout-v2'],
      location: `file:${path.join(root.path, '*', 'catalog-info.yaml')}`,
      mode: 'refreshed',
      ready: true,
    });
    expect(catalog.callsOf('refreshEntity').map(([ref]) => ref)).toEqual([
      'location:default/generated-demo',
    ]);
    expect(catalog.service.addLocation).not.toHaveBeenCalled();
    expect(catalog.service.getEntityByRef).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'checkout-v2' },
      expect.anything(),
    );
    // on behalf of the user who runs the template, so the catalog's permissions apply
    const calls = catalog.calls();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      expect(call[call.length - 1]).toEqual({
        credentials: mockCredentials.user('user:default/guest'),
      });
    }
    expect(catalog.callsOf('getEntities')[0][0]).toMatchObject({
      filter: { kind: 'location', 'spec.type': 'file' },
    });
  });

  it('refreshes a covering location of catalog.locations that the catalog does not serve yet', async () => {
    // a glob that matched no file so far fails processing, so the entities API has no such Location
    const glob = path.join(root.path, '*', 'catalog-info.yaml');
    catalog.onProcess = ['component:default/checkout-v2'];
    const { outputs } = await register(
      { catalogInfoPath: file() },
      {
        catalogLocations: [
          { type: 'url', target: 'https://example.com/catalog-info.yaml' },
          { type: 'file', target: glob },
        ],
      },
    );
    expect(outputs).toMatchObject({ mode: 'refreshed', ready: true });
    expect(catalog.callsOf('refreshEntity').map(([ref]) => ref)).toEqual([
      `location:default/generated-${createHash('sha1')
        .update(`file:${glob}`)
        .digest('hex')}`,
    ]);
  });

  it('registers a file location when none covers the file; the path may be relative to the root', async () => {
    catalog.onProcess = ['component:default/checkout-v2'];
    const { outputs } = await register({
      catalogInfoPath: 'checkout-v2/catalog-info.yaml',
    });
    expect(outputs.mode).toBe('registered');
    expect(outputs.ready).toBe(true);
    expect(
      catalog.callsOf('addLocation').map(([location]) => location),
    ).toEqual([{ type: 'file', target: file() }]);
    expect(catalog.service.refreshEntity).not.toHaveBeenCalled();
  });

  it('explains what to configure when the catalog refuses file locations', async () => {
    catalog.registerStatus = 400;
    await expect(register({ catalogInfoPath: file() })).rejects.toThrow(
      /No catalog location covers .* refused to register it .*allowed type.*Add a file location such as .*\*\/catalog-info\.yaml to catalog\.locations/,
    );
  });

  it('treats a location registered before as registered, and passes other catalog errors on', async () => {
    catalog.registerStatus = 409;
    const { outputs } = await register({
      catalogInfoPath: file(),
      waitSeconds: 0,
    });
    expect(outputs).toMatchObject({ mode: 'registered', ready: false });
    expect(catalog.service.getEntityByRef).toHaveBeenCalledTimes(1);

    catalog.registerStatus = 500;
    const error = await register({ catalogInfoPath: file() }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
  });

  it('reports ready: false (and does not fail) when the entity does not show up in time', async () => {
    catalog.locations = [locationEntity('generated-demo', 'file', file())];
    const { outputs, logger } = await register({
      catalogInfoPath: file(),
      waitSeconds: 1,
    });
    expect(outputs.mode).toBe('refreshed');
    expect(outputs.ready).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'does not serve component:default/checkout-v2 yet',
      ),
    );
  });

  it.each([
    [
      'a file outside the root',
      () => path.join(outside.path, 'catalog-info.yaml'),
      /outside the local publish root/,
    ],
    [
      'a relative path that climbs out',
      () => '../catalog-info.yaml',
      /outside the local publish root/,
    ],
    ['the root itself', () => '.', /outside the local publish root/],
    ['a missing file', () => 'nope/catalog-info.yaml', /does not exist/],
  ])('rejects %s', async (_, candidate, message) => {
    await expect(register({ catalogInfoPath: candidate() })).rejects.toThrow(
      message,
    );
    expect(catalog.calls()).toEqual([]);
  });

  it('rejects a symbolic link inside the root that points outside it', async () => {
    fs.symlinkSync(
      path.join(outside.path, 'catalog-info.yaml'),
      path.join(root.path, 'checkout-v2', 'linked.yaml'),
    );
    await expect(
      register({ catalogInfoPath: 'checkout-v2/linked.yaml' }),
    ).rejects.toThrow(/outside the local publish root/);
    expect(catalog.calls()).toEqual([]);
  });

  it('rejects files that are not catalog YAML', async () => {
    root.addContent({
      'checkout-v2/notes.txt': 'hello',
      'checkout-v2/empty.yaml': 'just: data\n',
    });
    await expect(
      register({ catalogInfoPath: 'checkout-v2/notes.txt' }),
    ).rejects.toThrow(/is not a YAML file/);
    await expect(
      register({ catalogInfoPath: 'checkout-v2/empty.yaml' }),
    ).rejects.toThrow(/holds no catalog entity/);
    expect(catalog.calls()).toEqual([]);
  });

  it('is refused unless the publish root is configured, and calls nothing in a dry run', async () => {
    await expect(
      register({ catalogInfoPath: file() }, { configured: false }),
    ).rejects.toThrow(/Local publishing is disabled/);
    await register({ catalogInfoPath: file() }, { dryRun: true });
    expect(catalog.calls()).toEqual([]);
  });
});
