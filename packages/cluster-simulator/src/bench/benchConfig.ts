/** The app-config and catalog file the benchmark's backend runs with (written to a temp dir). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimulatedCluster } from '../startSimulator';

export const BENCH_STATIC_TOKEN = 'pdelivery-bench-static-token-1f7c2a9e4b';

export function benchEntityName(j: number): string {
  return `svc-${String(j + 1).padStart(4, '0')}`;
}

/** Components `svc-0001`… with `backstage.io/kubernetes-id`, as the scale scenario labels them. */
export async function writeBenchCatalog(
  dir: string,
  entities: number,
): Promise<string> {
  const docs = Array.from({ length: entities }, (_, j) => {
    const name = benchEntityName(j);
    return JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'backstage.io/kubernetes-id': name },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-bench' },
    });
  });
  const file = join(dir, 'bench-catalog.yaml');
  await writeFile(file, `${docs.join('\n---\n')}\n`);
  return file;
}

/**
 * The whole config of the benchmark's backend (app-config.yaml is not loaded, so demo
 * settings such as SLO data sources do not leak into the measurement). JSON is YAML: it is
 * written as JSON into a .yaml file.
 */
export async function writeBenchConfig(options: {
  dir: string;
  name: string;
  port: number;
  catalogFile: string;
  clusters: SimulatedCluster[];
}): Promise<string> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const config = {
    app: { title: 'Progressive Delivery benchmark', baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port: options.port },
      cors: { origin: baseUrl },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: BENCH_STATIC_TOKEN, subject: 'pdelivery-bench' },
          },
        ],
      },
    },
    auth: {
      providers: {
        // The user session the reads carry, as a browser would.
        guest: {
          userEntityRef: 'user:default/guest',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Location'] }],
      locations: [{ type: 'file', target: options.catalogFile }],
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: options.clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.tokens.readWrite,
            skipTLSVerify: true,
            skipMetricsLookup: true,
          })),
        },
      ],
      customResources: [
        { group: 'argoproj.io', apiVersion: 'v1alpha1', plural: 'rollouts' },
        {
          group: 'argoproj.io',
          apiVersion: 'v1alpha1',
          plural: 'analysisruns',
        },
      ],
    },
    permission: { enabled: true },
    progressiveDelivery: {},
  };
  const file = join(options.dir, `${options.name}.yaml`);
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
