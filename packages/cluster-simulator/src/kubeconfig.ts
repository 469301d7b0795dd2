import yaml from 'js-yaml';

export interface KubeconfigCluster {
  name: string;
  url: string;
  caPem?: string;
  readWriteToken: string;
  readOnlyToken: string;
}

/**
 * A kubeconfig with one context per cluster (user: the read-write token) and, per cluster,
 * an extra `<name>-read-only` user for `kubectl --user`. Plain-HTTP clusters are marked
 * insecure-skip-tls-verify, without which client-node refuses http:// servers.
 */
export function buildKubeconfig(clusters: KubeconfigCluster[]): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: c.caPem
        ? {
            server: c.url,
            'certificate-authority-data': Buffer.from(c.caPem).toString(
              'base64',
            ),
          }
        : { server: c.url, 'insecure-skip-tls-verify': true },
    })),
    users: clusters.flatMap(c => [
      { name: `${c.name}-read-write`, user: { token: c.readWriteToken } },
      { name: `${c.name}-read-only`, user: { token: c.readOnlyToken } },
    ]),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-read-write` },
    })),
    'current-context': clusters[0]?.name ?? '',
  };
  return yaml.dump(config, { noRefs: true, lineWidth: -1 });
}
