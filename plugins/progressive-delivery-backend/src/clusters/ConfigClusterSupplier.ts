import { Config } from '@backstage/config';
import { ClusterAuth, ClusterDetails, ClusterSupplier } from './types';

/** Cluster names end up in URLs and labels: keep them to DNS-label-like characters. */
const CLUSTER_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** True for names a configured cluster can have; request paths are checked with it too. */
export function isValidClusterName(name: string): boolean {
  return CLUSTER_NAME.test(name);
}

/**
 * Reads clusters of `type: config` from `kubernetes.clusterLocatorMethods`, the block the
 * Backstage Kubernetes plugin uses, so adopters configure clusters once for both plugins.
 */
export class ConfigClusterSupplier implements ClusterSupplier {
  static fromConfig(config: Config): ConfigClusterSupplier {
    const clusters: ClusterDetails[] = [];
    const methods =
      config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
    for (const method of methods) {
      if (method.getString('type') !== 'config') {
        continue;
      }
      for (const c of method.getOptionalConfigArray('clusters') ?? []) {
        clusters.push(readCluster(c));
      }
    }
    const seen = new Set<string>();
    for (const { name } of clusters) {
      if (seen.has(name)) {
        throw new Error(
          `Duplicate cluster name '${name}' in kubernetes config`,
        );
      }
      seen.add(name);
    }
    return new ConfigClusterSupplier(clusters);
  }

  constructor(private readonly clusters: ClusterDetails[]) {}

  async getClusters(): Promise<ClusterDetails[]> {
    return this.clusters;
  }
}

function readCluster(c: Config): ClusterDetails {
  const name = c.getString('name');
  if (!isValidClusterName(name)) {
    throw new Error(
      `Invalid cluster name '${name}': use letters, digits, '.', '_' and '-'`,
    );
  }
  const url = c.getString('url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Cluster '${name}' has an invalid url`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Cluster '${name}' url must be http(s)`);
  }
  const provider = c.getOptionalString('authProvider') ?? 'serviceAccount';
  const auth: ClusterAuth =
    provider === 'serviceAccount'
      ? {
          provider,
          token: c.getOptionalString('serviceAccountToken')?.trim(),
        }
      : { provider: 'unsupported', name: provider };
  return {
    name,
    title: c.getOptionalString('title'),
    url: url.replace(/\/+$/, ''),
    auth,
    caData: c.getOptionalString('caData'),
    caFile: c.getOptionalString('caFile'),
    skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
  };
}
