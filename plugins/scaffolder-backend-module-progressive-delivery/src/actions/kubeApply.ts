import http from 'node:http';
import https from 'node:https';

/** Where and how to reach one cluster. */
export interface ClusterTarget {
  name: string;
  url: string;
  token?: string;
  skipTLSVerify?: boolean;
  caData?: string;
}

interface Resource {
  plural: string;
  namespaced: boolean;
}

/** The kinds the templates write, with their REST resource names. */
const RESOURCES: Record<string, Resource> = {
  'argoproj.io/Rollout': { plural: 'rollouts', namespaced: true },
  'argoproj.io/AnalysisTemplate': {
    plural: 'analysistemplates',
    namespaced: true,
  },
  'argoproj.io/ClusterAnalysisTemplate': {
    plural: 'clusteranalysistemplates',
    namespaced: false,
  },
  'pyrra.dev/ServiceLevelObjective': {
    plural: 'servicelevelobjectives',
    namespaced: true,
  },
  '/Service': { plural: 'services', namespaced: true },
  '/Namespace': { plural: 'namespaces', namespaced: false },
  '/ConfigMap': { plural: 'configmaps', namespaced: true },
  'apps/Deployment': { plural: 'deployments', namespaced: true },
  'networking.k8s.io/Ingress': { plural: 'ingresses', namespaced: true },
  'networking.istio.io/VirtualService': {
    plural: 'virtualservices',
    namespaced: true,
  },
};

const APPLY_ORDER: Record<string, number> = {
  Namespace: 0,
  ConfigMap: 1,
  AnalysisTemplate: 2,
  ClusterAnalysisTemplate: 2,
  Service: 3,
  Ingress: 4,
  VirtualService: 4,
  ServiceLevelObjective: 5,
  Deployment: 6,
  Rollout: 7,
};

interface Response {
  status: number;
  body: any;
}

function request(
  cluster: ClusterTarget,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<Response> {
  const url = new URL(urlPath, cluster.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method,
        headers: {
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
          ...(cluster.token
            ? { Authorization: `Bearer ${cluster.token}` }
            : {}),
        },
        ...(url.protocol === 'https:'
          ? {
              rejectUnauthorized: !cluster.skipTLSVerify,
              ...(cluster.caData
                ? { ca: Buffer.from(cluster.caData, 'base64').toString('utf8') }
                : {}),
            }
          : {}),
        timeout: 15000,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url} timed out`)),
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Outcome for one object. */
export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  result: 'created' | 'updated' | 'skipped' | 'failed';
  message?: string;
}

function collectionPath(
  obj: any,
  resource: Resource,
  namespace: string,
): string {
  const [group, version] = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion];
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return resource.namespaced
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`
    : `${base}/${resource.plural}`;
}

function statusMessage(res: Response): string {
  return typeof res.body === 'object' && res.body?.message
    ? String(res.body.message)
    : `HTTP ${res.status}`;
}

/**
 * Creates or replaces each object (create; on 409 read the resourceVersion and replace), creating
 * the namespace first when missing. Kinds the cluster does not serve are skipped, not failed.
 */
export async function applyObjects(
  cluster: ClusterTarget,
  objects: any[],
  defaultNamespace: string,
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  const namespaces = new Set<string>();
  for (const obj of objects) {
    const group = obj.apiVersion?.includes('/')
      ? obj.apiVersion.split('/')[0]
      : '';
    const resource = RESOURCES[`${group}/${obj.kind}`];
    if (resource?.namespaced)
      namespaces.add(obj.metadata?.namespace ?? defaultNamespace);
  }
  for (const ns of namespaces) {
    const res = await request(cluster, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    if (res.status >= 300 && res.status !== 409) {
      throw new Error(
        `Cannot create namespace ${ns} in ${cluster.name}: ${statusMessage(
          res,
        )}`,
      );
    }
  }
  // what others reference first, the Rollout last (as `kubectl apply -f dir` users order them)
  const ordered = [...objects].sort(
    (a, b) => (APPLY_ORDER[a.kind] ?? 5) - (APPLY_ORDER[b.kind] ?? 5),
  );
  for (const obj of ordered) {
    const group = obj.apiVersion?.includes('/')
      ? obj.apiVersion.split('/')[0]
      : '';
    const resource = RESOURCES[`${group}/${obj.kind}`];
    const namespace = obj.metadata?.namespace ?? defaultNamespace;
    const base = {
      kind: obj.kind,
      name: obj.metadata?.name,
      ...(resource?.namespaced ? { namespace } : {}),
    };
    if (!resource) {
      results.push({
        ...base,
        result: 'skipped',
        message: `kind ${obj.apiVersion} ${obj.kind} is not applied by this action`,
      });
      continue;
    }
    const body = resource.namespaced
      ? { ...obj, metadata: { ...obj.metadata, namespace } }
      : obj;
    const collection = collectionPath(obj, resource, namespace);
    const created = await request(cluster, 'POST', collection, body);
    if (created.status < 300) {
      results.push({ ...base, result: 'created' });
      continue;
    }
    if (created.status === 404) {
      results.push({
        ...base,
        result: 'skipped',
        message: `${cluster.name} does not serve ${obj.apiVersion} ${obj.kind}`,
      });
      continue;
    }
    if (created.status !== 409) {
      results.push({
        ...base,
        result: 'failed',
        message: statusMessage(created),
      });
      continue;
    }
    const itemPath = `${collection}/${encodeURIComponent(obj.metadata.name)}`;
    const current = await request(cluster, 'GET', itemPath);
    const replaced = await request(cluster, 'PUT', itemPath, {
      ...body,
      metadata: {
        ...body.metadata,
        resourceVersion: current.body?.metadata?.resourceVersion,
      },
    });
    results.push(
      replaced.status < 300
        ? { ...base, result: 'updated' }
        : { ...base, result: 'failed', message: statusMessage(replaced) },
    );
  }
  return results;
}
