import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../types';
import type { ResourceInfo } from './registry';

/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): kubectl asks
 * for Tables so `kubectl get` shows the same columns as on a real cluster (CRD
 * additionalPrinterColumns for the Argo kinds, the built-in printers' main columns otherwise).
 */

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  description: string;
  format?: string;
  cell(o: KubeObject, now: Date): unknown;
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Kubernetes' HumanDuration, e.g. 45s, 3m20s, 5h10m, 3d4h. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10)
    return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8)
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0
      ? `${hours / 24}d`
      : `${Math.floor(hours / 24)}d${hours % 24}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 2) return `${days}d`;
  if (hours < 24 * 365 * 8) {
    return days % 365 === 0
      ? `${days / 365}y`
      : `${Math.floor(days / 365)}y${days % 365}d`;
  }
  return `${Math.floor(days / 365)}y`;
}

const nameColumn: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  cell: o => o.metadata.name,
};
const ageColumn: Column = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: (o, now) =>
    o.metadata.creationTimestamp
      ? humanDuration(
          now.getTime() - new Date(o.metadata.creationTimestamp).getTime(),
        )
      : '<unknown>',
};
const column = (
  name: string,
  type: Column['type'],
  cell: Column['cell'],
): Column => ({
  name,
  type,
  description: name,
  cell,
});

const podReady = (o: KubeObject) => {
  const containers: unknown[] = o.spec?.containers ?? [];
  const statuses: Array<{ ready?: boolean }> =
    o.status?.containerStatuses ?? [];
  return `${statuses.filter(s => s.ready).length}/${containers.length}`;
};
const restarts = (o: KubeObject) =>
  (
    (o.status?.containerStatuses ?? []) as Array<{ restartCount?: number }>
  ).reduce((n, s) => n + (s.restartCount ?? 0), 0);
const servicePorts = (o: KubeObject) => {
  const ports: Array<{ port?: number; protocol?: string }> =
    o.spec?.ports ?? [];
  return ports.length
    ? ports.map(p => `${p.port}/${p.protocol ?? 'TCP'}`).join(',')
    : '<none>';
};

const COLUMNS: Record<string, Column[]> = {
  Rollout: [
    column('Desired', 'integer', o => num(o.spec?.replicas)),
    column('Current', 'integer', o => num(o.status?.replicas)),
    column('Up-to-date', 'integer', o => num(o.status?.updatedReplicas)),
    column('Available', 'integer', o => num(o.status?.availableReplicas)),
  ],
  AnalysisRun: [column('Status', 'string', o => str(o.status?.phase))],
  Experiment: [column('Status', 'string', o => str(o.status?.phase))],
  Pod: [
    column('Ready', 'string', podReady),
    column('Status', 'string', o => str(o.status?.phase)),
    column('Restarts', 'integer', restarts),
  ],
  ReplicaSet: [
    column('Desired', 'integer', o => num(o.spec?.replicas) ?? 1),
    column('Current', 'integer', o => num(o.status?.replicas) ?? 0),
    column('Ready', 'integer', o => num(o.status?.readyReplicas) ?? 0),
  ],
  Deployment: [
    column(
      'Ready',
      'string',
      o => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
    ),
    column('Up-to-date', 'integer', o => num(o.status?.updatedReplicas) ?? 0),
    column('Available', 'integer', o => num(o.status?.availableReplicas) ?? 0),
  ],
  Service: [
    column('Type', 'string', o => str(o.spec?.type) || 'ClusterIP'),
    column('Cluster-IP', 'string', o => str(o.spec?.clusterIP) || '<none>'),
    column('External-IP', 'string', () => '<none>'),
    column('Port(s)', 'string', servicePorts),
  ],
  Namespace: [
    column('Status', 'string', o => str(o.status?.phase) || 'Active'),
  ],
};

function columnsFor(r: ResourceInfo): Column[] {
  return [nameColumn, ...(COLUMNS[r.kind] ?? []), ageColumn];
}

/** The Table version the client accepts, if it asked for Tables at all. */
export function acceptedTableVersion(
  req: IncomingMessage,
): 'v1' | 'v1beta1' | undefined {
  const accept = String(req.headers.accept ?? '');
  const types = accept.split(',').map(t => t.split(';').map(p => p.trim()));
  for (const params of types) {
    const has = (p: string) => params.includes(p);
    if (
      params[0] === 'application/json' &&
      has('as=Table') &&
      has('g=meta.k8s.io')
    ) {
      if (has('v=v1')) return 'v1';
      if (has('v=v1beta1')) return 'v1beta1';
    }
  }
  return undefined;
}

export interface TableOptions {
  version: 'v1' | 'v1beta1';
  /** `includeObject`: None, Metadata (default) or Object. */
  includeObject: string | null;
  resourceVersion: string;
  now: Date;
}

function rowObject(
  o: KubeObject,
  includeObject: string | null,
  version: string,
): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return o;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: o.metadata,
  };
}

export function toTable(
  r: ResourceInfo,
  objects: KubeObject[],
  options: TableOptions,
) {
  const columns = columnsFor(r);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: 0,
    })),
    rows: objects.map(o => {
      const object = rowObject(o, options.includeObject, options.version);
      return {
        cells: columns.map(c => c.cell(o, options.now)),
        ...(object ? { object } : {}),
      };
    }),
  };
}
