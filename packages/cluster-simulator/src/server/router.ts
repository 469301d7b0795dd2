import { apiGroups, findResource, ResourceInfo } from './registry';

/** What a request path addresses. */
export type Route =
  | { type: 'version' }
  | { type: 'apiVersions' }
  | { type: 'apiGroupList' }
  | { type: 'apiGroup'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'openapiV3Root' }
  | { type: 'openapiV3'; gvPath: string }
  | {
      type: 'resource';
      resource: ResourceInfo;
      /** Set for namespaced paths (`/namespaces/<ns>/...`). */
      namespace?: string;
      name?: string;
      subresource?: 'status' | 'scale';
    };

function segmentsOf(pathname: string): string[] | undefined {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  try {
    return trimmed.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined; // malformed %-escape
  }
}

/** Parses a request path; `undefined` means nothing is served there (404). */
export function parsePath(pathname: string): Route | undefined {
  const segs = segmentsOf(pathname);
  if (!segs || segs.some(s => s === '')) {
    return undefined;
  }
  if (segs.length === 1 && segs[0] === 'version') return { type: 'version' };
  if (segs[0] === 'openapi' && segs[1] === 'v3') {
    if (segs.length === 2) return { type: 'openapiV3Root' };
    return { type: 'openapiV3', gvPath: segs.slice(2).join('/') };
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { type: 'apiVersions' };
    if (segs[1] !== 'v1') return undefined;
    [group, version, rest] = ['', 'v1', segs.slice(2)];
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { type: 'apiGroupList' };
    const known = apiGroups().find(g => g.group === segs[1]);
    if (!known) return undefined;
    if (segs.length === 2) return { type: 'apiGroup', group: segs[1] };
    if (segs[2] !== known.version) return undefined;
    [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
  } else {
    return undefined;
  }
  if (rest.length === 0) return { type: 'resourceList', group, version };

  // `/namespaces/<ns>/<plural>/...` is a namespaced path, except that
  // `/api/v1/namespaces/<name>[/status]` addresses the Namespace object itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status') {
    const [, namespace, plural, name, subresource, ...extra] = rest;
    const resource = findResource(group, version, plural);
    if (!resource || !resource.namespaced || extra.length > 0) return undefined;
    return withSubresource(
      { type: 'resource', resource, namespace, name },
      subresource,
    );
  }
  const [plural, name, subresource, ...extra] = rest;
  const resource = findResource(group, version, plural);
  if (!resource || extra.length > 0) return undefined;
  // A namespaced kind can be listed across namespaces, but a single object needs its namespace.
  if (resource.namespaced && name !== undefined) return undefined;
  return withSubresource({ type: 'resource', resource, name }, subresource);
}

function withSubresource(
  route: Extract<Route, { type: 'resource' }>,
  subresource: string | undefined,
): Route | undefined {
  if (subresource === undefined || route.name === undefined) {
    return subresource === undefined ? route : undefined;
  }
  if (subresource === 'status' && route.resource.statusSubresource) {
    return { ...route, subresource: 'status' };
  }
  if (subresource === 'scale' && route.resource.scale) {
    return { ...route, subresource: 'scale' };
  }
  return undefined;
}
