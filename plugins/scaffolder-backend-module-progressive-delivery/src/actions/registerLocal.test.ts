import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { registerLocalAction } from './registerLocal';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-v2
spec: {type: service, owner: team-checkout, lifecycle: experimental}
`;

interface Call {
  method: string;
  url: string;
  authorization?: string;
  body?: any;
}

/**
 * The catalog's REST API as far as the action uses it: Location entities by query, refresh,
 * location registration and entities by name. An entity becomes visible once a location
 * covering its file was refreshed or registered (what the real processing loop does).
 */
class FakeCatalog {
  calls: Call[] = [];
  fileLocations: Array<{ name: string; target: string }> = [];
  served = new Set<string>();
  registerStatus = 201;
  /** Refs that become visible on refresh/registration. */
  onProcess: string[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  async start() {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/api/catalog`;
  }

  async stop() {
    await new Promise(r => this.server.close(r));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let text = '';
    req.on('data', c => (text += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const body = text ? JSON.parse(text) : undefined;
      this.calls.push({
        method: req.method!,
        url: url.pathname + url.search,
        authorization: req.headers.authorization,
        body,
      });
      const send = (status: number, json?: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      const route = `${req.method} ${url.pathname.replace('/api/catalog', '')}`;
      if (route === 'GET /entities/by-query') {
        send(200, {
          items: this.fileLocations.map(l => ({
            kind: 'Location',
            metadata: { namespace: 'default', name: l.name },
            spec: { target: l.target },
          })),
          totalItems: this.fileLocations.length,
          pageInfo: {},
        });
      } else if (route === 'POST /refresh') {
        this.onProcess.forEach(ref => this.served.add(ref));
        send(200);
      } else if (route === 'POST /locations') {
        if (this.registerStatus !== 201) {
          send(this.registerStatus, {
            error: {
              name: 'InputError',
              message:
                'Registered locations must be of an allowed type ["url"]',
            },
            request: { method: 'POST', url: '/locations' },
            response: { statusCode: this.registerStatus },
          });
          return;
        }
        this.onProcess.forEach(ref => this.served.add(ref));
        send(201, {
          location: { id: 'loc-1', type: body.type, target: body.target },
          entities: [],
        });
      } else if (route.startsWith('GET /entities/by-name/')) {
        const [kind, namespace, name] = url.pathname
          .split('/')
          .slice(-3)
          .map(decodeURIComponent);
        const ref = `${kind}:${namespace}/${name}`;
        if (this.served.has(ref)) {
          send(200, { kind, metadata: { name, namespace } });
        } else {
          send(404, { error: { name: 'NotFoundError', message: ref } });
        }
      } else {
        send(404, { error: { name: 'NotFoundError', message: route } });
      }
    });
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
    await catalog.start();
  });

  afterEach(async () => {
    await catalog.stop();
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
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => catalog.url,
      }),
      auth: mockServices.auth(),
    });
    await action.handler(run.ctx);
    return run;
  }

  it('refreshes the glob location that covers the file and waits for the entity', async () => {
    catalog.fileLocations = [
      { name: 'generated-root', target: '/somewhere/else/catalog-info.yaml' },
      {
        name: 'generated-demo',
        target: path.join(root.path, '*', 'catalog-info.yaml'),
      },
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
    const refresh = catalog.calls.filter(c => c.url === '/api/catalog/refresh');
    expect(refresh.map(c => c.body)).toEqual([
      { entityRef: 'location:default/generated-demo' },
    ]);
    expect(
      catalog.calls.some(
        c => c.method === 'POST' && c.url.includes('/locations'),
      ),
    ).toBe(false);
    // on behalf of the user who runs the template, so the catalog's permissions apply
    const expected = `Bearer ${mockCredentials.service.token({
      onBehalfOf: mockCredentials.user('user:default/guest'),
      targetPluginId: 'catalog',
    })}`;
    expect(new Set(catalog.calls.map(c => c.authorization))).toEqual(
      new Set([expected]),
    );
    expect(catalog.calls[0].url).toContain(
      'filter=kind=location,spec.type=file',
    );
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
    const refresh = catalog.calls.filter(c => c.url === '/api/catalog/refresh');
    expect(refresh.map(c => c.body.entityRef)).toEqual([
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
    const posts = catalog.calls.filter(c => c.url === '/api/catalog/locations');
    expect(posts.map(c => c.body)).toEqual([{ type: 'file', target: file() }]);
  });

  it('explains what to configure when the catalog refuses file locations', async () => {
    catalog.registerStatus = 400;
    await expect(register({ catalogInfoPath: file() })).rejects.toThrow(
      /No catalog location covers .* refused to register it .*allowed type.*Add a file location such as .*\*\/catalog-info\.yaml to catalog\.locations/,
    );
  });

  it('reports ready: false (and does not fail) when the entity does not show up in time', async () => {
    catalog.fileLocations = [{ name: 'generated-demo', target: file() }];
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
    expect(catalog.calls).toEqual([]);
  });

  it('rejects a symbolic link inside the root that points outside it', async () => {
    fs.symlinkSync(
      path.join(outside.path, 'catalog-info.yaml'),
      path.join(root.path, 'checkout-v2', 'linked.yaml'),
    );
    await expect(
      register({ catalogInfoPath: 'checkout-v2/linked.yaml' }),
    ).rejects.toThrow(/outside the local publish root/);
    expect(catalog.calls).toEqual([]);
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
    expect(catalog.calls).toEqual([]);
  });

  it('is refused unless the publish root is configured, and calls nothing in a dry run', async () => {
    await expect(
      register({ catalogInfoPath: file() }, { configured: false }),
    ).rejects.toThrow(/Local publishing is disabled/);
    await register({ catalogInfoPath: file() }, { dryRun: true });
    expect(catalog.calls).toEqual([]);
  });
});
