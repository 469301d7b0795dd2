import { createHash } from 'node:crypto';
import { RESOURCES } from './registry';

/**
 * A minimal OpenAPI v3 discovery: for every resource a PATCH operation tagged with its
 * group/version/kind and the `fieldValidation` query parameter. That is what kubectl create and
 * apply look for to choose server-side field validation; without any OpenAPI they refuse to
 * run ("failed to download openapi"). No schemas are published, so kubectl computes merge
 * patches for the custom resources, as on a real cluster without structural schemas.
 */

/** `api/v1`, `apis/argoproj.io/v1alpha1`, ... */
function gvPaths(): Map<string, { group: string; version: string }> {
  const out = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) {
    const key = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
    out.set(key, { group: r.group, version: r.version });
  }
  return out;
}

export function openApiV3GroupDocument(gvPath: string): unknown | undefined {
  const gv = gvPaths().get(gvPath);
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  for (const r of RESOURCES.filter(
    x => x.group === gv.group && x.version === gv.version,
  )) {
    const prefix = `/${gvPath}${
      r.namespaced ? '/namespaces/{namespace}' : ''
    }/${r.plural}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const body = { schema: { type: 'object' } };
    paths[`${prefix}/{name}`] = {
      patch: {
        description: `partially update the specified ${r.kind}`,
        operationId: `patch${r.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: [
          {
            name: 'dryRun',
            in: 'query',
            schema: { type: 'string', uniqueItems: true },
          },
          {
            name: 'fieldManager',
            in: 'query',
            schema: { type: 'string', uniqueItems: true },
          },
          {
            name: 'fieldValidation',
            in: 'query',
            schema: { type: 'string', uniqueItems: true },
          },
        ],
        requestBody: {
          content: {
            'application/json-patch+json': body,
            'application/merge-patch+json': body,
          },
          required: true,
        },
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths,
    components: { schemas: {} },
  };
}

export function openApiV3Root(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const key of gvPaths().keys()) {
    const hash = createHash('sha512')
      .update(JSON.stringify(openApiV3GroupDocument(key)))
      .digest('hex')
      .slice(0, 128)
      .toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { paths };
}
