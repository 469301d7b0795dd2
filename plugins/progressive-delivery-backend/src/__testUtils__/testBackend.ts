import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import type { Server } from 'node:http';
import knexFactory, { Knex } from 'knex';
import type { Simulator } from '@pdelivery/cluster-simulator';
import { progressiveDeliveryPlugin } from '../plugin';

export interface PublishedSignal {
  channel: string;
  message: unknown;
  at: number;
}

/** A Component; by default annotated `backstage.io/kubernetes-id: <name>`. */
export function component(
  name: string,
  annotations: Record<string, string> = { 'backstage.io/kubernetes-id': name },
  owner = 'group:default/team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}

/** Cluster config for the standard `kubernetes` block, pointing at simulated clusters. */
export function clustersConfig(
  simulator: Simulator,
  overrides: Record<string, JsonObject> = {},
): JsonObject {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: simulator.clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.tokens.readWrite,
            ...(simulator.caPem
              ? { caData: Buffer.from(simulator.caPem).toString('base64') }
              : { skipTLSVerify: true }),
            ...overrides[c.name],
          })),
        },
      ],
    },
  };
}

/** A plugin database in memory (SQLite) that outlives backend restarts; destroy it after. */
export function inMemoryKnex(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

/** The plugin in a test backend, with real clusters (simulated) and mocked Backstage services. */
export interface PluginBackend {
  server: Server;
  stop(): Promise<void>;
  signals: PublishedSignal[];
}

export async function startPluginBackend(options: {
  config: JsonObject;
  entities: Entity[];
  allow?: (permission: string, resourceRef?: string, user?: string) => boolean;
  /** The plugin's database; default an in-memory SQLite per backend. */
  knex?: Knex;
}): Promise<PluginBackend> {
  const signals: PublishedSignal[] = [];
  const { progressiveDelivery, ...config } = options.config;
  // Quick stall detection and retries, unless the test sets its own `watch`.
  const watch = {
    stallTimeoutSeconds: 5,
    listTimeoutSeconds: 5,
    backoffInitialSeconds: 0.05,
    backoffMaxSeconds: 0.3,
  };
  const allow = options.allow ?? (() => true);
  const backend = await startTestBackend({
    features: [
      progressiveDeliveryPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          progressiveDelivery: {
            watch,
            ...(progressiveDelivery as JsonObject),
          },
        },
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.permissions.mock({
        authorize: async (requests, opts) =>
          requests.map(r => ({
            result: allow(
              r.permission.name,
              'resourceRef' in r ? r.resourceRef : undefined,
              (opts?.credentials?.principal as { userEntityRef?: string })
                ?.userEntityRef,
            )
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })),
      }).factory,
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async ({ channel, message }) => {
            signals.push({ channel, message, at: Date.now() });
          },
        }),
      }),
    ],
  });
  return { server: backend.server, stop: () => backend.stop(), signals };
}

/** Polls until `check` returns a truthy value; bounded. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) {
      throw new Error(
        `condition not met within ${timeoutMs} ms${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
