import {
  apiGroups,
  groupVersion,
  RESOURCES,
  STATUS_VERBS,
  VERBS,
} from './registry';

/**
 * Legacy (non-aggregated) discovery documents. kubectl 1.33 asks for aggregated discovery
 * first and falls back to these when the answer is a plain APIVersions/APIGroupList.
 */

export const KUBERNETES_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-23T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: string, version: string) {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: apiGroups().map(g => apiGroup(g.group, g.version)),
  };
}

export function apiGroupDocument(group: string) {
  const g = apiGroups().find(x => x.group === group)!;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    ...apiGroup(g.group, g.version),
  };
}

/** The APIResourceList of one group/version: what kubectl needs to resolve `ro`, `rs`, ... */
export function apiResourceList(group: string, version: string) {
  const resources = RESOURCES.filter(
    r => r.group === group && r.version === version,
  ).flatMap(r => {
    const main = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
      shortNames: r.shortNames,
      ...(r.categories ? { categories: r.categories } : {}),
    };
    const status = {
      name: `${r.plural}/status`,
      singularName: '',
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: STATUS_VERBS,
    };
    const scale = {
      name: `${r.plural}/scale`,
      singularName: '',
      namespaced: r.namespaced,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: STATUS_VERBS,
    };
    return [
      main,
      ...(r.statusSubresource ? [status] : []),
      ...(r.scale ? [scale] : []),
    ];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources,
  };
}
