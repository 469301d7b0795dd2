import { humanDuration } from './table';
import {
  rollout,
  startTestCluster,
  TestCluster,
} from './__testUtils__/testCluster';

const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('humanDuration (as kubectl shows ages)', () => {
  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [45_000, '45s'],
    [119_000, '119s'],
    [200_000, '3m20s'],
    [180_000, '3m'],
    [45 * 60_000, '45m'],
    [(5 * 60 + 10) * 60_000, '5h10m'],
    [20 * 3600_000, '20h'],
    [(3 * 24 + 4) * 3600_000, '3d4h'],
    [30 * 24 * 3600_000, '30d'],
    [(3 * 365 + 10) * 24 * 3600_000, '3y10d'],
    [10 * 365 * 24 * 3600_000, '10y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('Table responses', () => {
  let c: TestCluster;
  beforeEach(async () => {
    c = await startTestCluster();
  });
  afterEach(() => c.close());

  async function get(path: string, accept = TABLE_ACCEPT) {
    const res = await fetch(`${c.url}${path}`, {
      headers: { authorization: 'Bearer rw-token', accept },
    });
    return res.json();
  }

  it('lists Rollouts as a Table with the CRD printer columns and metadata row objects', async () => {
    c.store.update(
      rollout('team-a', 'web', {
        spec: { replicas: 3 },
        labels: { app: 'web' },
        status: { replicas: 4, updatedReplicas: 2, availableReplicas: 3 },
      }),
    );
    const t = await get('/apis/argoproj.io/v1alpha1/rollouts');
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(t.metadata.resourceVersion).toBe(c.store.resourceVersion);
    expect(t.columnDefinitions.map((d: any) => d.name)).toEqual([
      'Name',
      'Desired',
      'Current',
      'Up-to-date',
      'Available',
      'Age',
    ]);
    expect(t.rows[0].cells.slice(0, 5)).toEqual(['web', 3, 4, 2, 3]);
    expect(t.rows[1].cells.slice(0, 5)).toEqual(['api', 1, null, null, null]);
    expect(t.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'web', namespace: 'team-a' },
    });
  });

  it('honours includeObject and the v1beta1 Table version, and gets single objects as Tables', async () => {
    const full = await get(
      '/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts/web?includeObject=Object',
    );
    expect(full.rows).toHaveLength(1);
    expect(full.rows[0].object.kind).toBe('Rollout');
    const none = await get(
      '/api/v1/namespaces?includeObject=None',
      'application/json;as=Table;v=v1beta1;g=meta.k8s.io',
    );
    expect(none.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(none.rows[0].object).toBeUndefined();
    expect(none.rows[0].cells.slice(0, 2)).toEqual(['team-a', 'Active']);
    // plain JSON without the Table media type
    expect((await get('/api/v1/namespaces', 'application/json')).kind).toBe(
      'NamespaceList',
    );
  });
});
