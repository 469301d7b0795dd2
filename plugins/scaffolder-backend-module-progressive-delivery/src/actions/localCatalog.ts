import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** A catalog Location entity that reads a file (or a glob of files) on the backend host. */
export interface FileLocation {
  /** Ref of the Location entity, e.g. `location:default/generated-…`. */
  entityRef: string;
  /** Absolute path or glob (`spec.target`). */
  target: string;
}

/** Parts of a catalog entity ref. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The few catalog calls the register action makes, over the catalog's REST API on behalf of the
 * user who runs the template (so the catalog's permissions apply). A small client instead of
 * `@backstage/catalog-client`, which this package does not depend on.
 */
export class LocalCatalogClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      credentials: BackstageCredentials;
    },
  ) {}

  private async request(
    method: string,
    urlPath: string,
    body?: unknown,
  ): Promise<Response> {
    const [baseUrl, { token }] = await Promise.all([
      this.deps.discovery.getBaseUrl('catalog'),
      this.deps.auth.getPluginRequestToken({
        onBehalfOf: this.deps.credentials,
        targetPluginId: 'catalog',
      }),
    ]);
    return fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async expectOk(res: Response): Promise<Response> {
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  /** Location entities of type `file`, from config (`catalog.locations`) or registered. */
  async fileLocations(): Promise<FileLocation[]> {
    const out: FileLocation[] = [];
    let cursor: string | undefined;
    // bounded: a catalog with more than 100 000 file locations is not a demo
    for (let page = 0; page < 100; page++) {
      const query = cursor
        ? `cursor=${encodeURIComponent(cursor)}`
        : [
            'filter=kind=location,spec.type=file',
            'fields=kind,metadata.namespace,metadata.name,spec.target',
            'limit=1000',
          ].join('&');
      const res = await this.expectOk(
        await this.request('GET', `/entities/by-query?${query}`),
      );
      const body = (await res.json()) as {
        items: Array<{
          metadata: { namespace?: string; name: string };
          spec?: { target?: unknown };
        }>;
        pageInfo?: { nextCursor?: string };
      };
      for (const item of body.items) {
        if (typeof item.spec?.target !== 'string') continue;
        out.push({
          entityRef: `location:${item.metadata.namespace ?? 'default'}/${
            item.metadata.name
          }`,
          target: item.spec.target,
        });
      }
      cursor = body.pageInfo?.nextCursor;
      if (!cursor) break;
    }
    return out;
  }

  /** Schedules the entity (and the locations above it) for processing now. */
  async refresh(entityRef: string): Promise<void> {
    await this.expectOk(await this.request('POST', '/refresh', { entityRef }));
  }

  /** Registers a `file` location; returns its id. */
  async addFileLocation(target: string): Promise<string> {
    const res = await this.expectOk(
      await this.request('POST', '/locations', { type: 'file', target }),
    );
    const body = (await res.json()) as { location: { id: string } };
    return body.location.id;
  }

  /** Whether the catalog serves the entity (processed and stitched). */
  async hasEntity(entity: EntityName): Promise<boolean> {
    const res = await this.request(
      'GET',
      `/entities/by-name/${[entity.kind, entity.namespace, entity.name]
        .map(encodeURIComponent)
        .join('/')}`,
    );
    if (res.status === 404) return false;
    await this.expectOk(res);
    return true;
  }
}
