import { parsePath } from './router';

const res = (p: string) => {
  const r = parsePath(p);
  return r?.type === 'resource'
    ? {
        kind: r.resource.kind,
        ns: r.namespace,
        name: r.name,
        sub: r.subresource,
      }
    : r;
};

describe('parsePath', () => {
  it('parses discovery paths', () => {
    expect(parsePath('/version')).toEqual({ type: 'version' });
    expect(parsePath('/api')).toEqual({ type: 'apiVersions' });
    expect(parsePath('/apis')).toEqual({ type: 'apiGroupList' });
    expect(parsePath('/apis/argoproj.io')).toEqual({
      type: 'apiGroup',
      group: 'argoproj.io',
    });
    expect(parsePath('/api/v1')).toEqual({
      type: 'resourceList',
      group: '',
      version: 'v1',
    });
    expect(parsePath('/apis/apps/v1/')).toEqual({
      type: 'resourceList',
      group: 'apps',
      version: 'v1',
    });
  });

  it('parses namespaced and cluster-wide resource paths', () => {
    expect(res('/apis/argoproj.io/v1alpha1/rollouts')).toEqual({
      kind: 'Rollout',
    });
    expect(
      res('/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts'),
    ).toEqual({ kind: 'Rollout', ns: 'team-a' });
    expect(
      res('/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts/web/status'),
    ).toEqual({
      kind: 'Rollout',
      ns: 'team-a',
      name: 'web',
      sub: 'status',
    });
    expect(res('/api/v1/namespaces/team-a/pods/p1')).toEqual({
      kind: 'Pod',
      ns: 'team-a',
      name: 'p1',
    });
    expect(res('/apis/apps/v1/namespaces/x/replicasets')).toEqual({
      kind: 'ReplicaSet',
      ns: 'x',
    });
    expect(res('/apis/pyrra.dev/v1alpha1/servicelevelobjectives')).toEqual({
      kind: 'ServiceLevelObjective',
    });
  });

  it('parses cluster-scoped kinds, including the Namespace special case', () => {
    expect(res('/api/v1/namespaces')).toEqual({ kind: 'Namespace' });
    expect(res('/api/v1/namespaces/team-a')).toEqual({
      kind: 'Namespace',
      name: 'team-a',
    });
    expect(res('/api/v1/namespaces/team-a/status')).toEqual({
      kind: 'Namespace',
      name: 'team-a',
      sub: 'status',
    });
    expect(
      res('/apis/argoproj.io/v1alpha1/clusteranalysistemplates/t'),
    ).toEqual({
      kind: 'ClusterAnalysisTemplate',
      name: 't',
    });
  });

  it.each([
    '/',
    '/healthz',
    '/api/v2',
    '/apis/unknown.io/v1',
    '/apis/argoproj.io/v1',
    '/apis/argoproj.io/v1alpha1/widgets',
    '/apis/argoproj.io/v1alpha1/rollouts/web', // namespaced kind needs its namespace
    '/apis/argoproj.io/v1alpha1/namespaces/a/clusteranalysistemplates',
    '/apis/argoproj.io/v1alpha1/namespaces/a/analysisruns/web/scale', // no scale subresource
    '/apis/argoproj.io/v1alpha1/namespaces/a/rollouts/web/exec',
    '/apis/argoproj.io/v1alpha1/clusteranalysistemplates/t/status',
    '/apis/argoproj.io/v1alpha1/namespaces/a/analysistemplates/t/status', // no status subresource
    '/apis/argoproj.io/v1alpha1/namespaces/a/rollouts/web/status/extra',
    '/api/v1/namespaces//pods',
    '/api/v1/namespaces/%E0%A4%A/pods',
  ])('returns undefined for %s', p => {
    expect(parsePath(p)).toBeUndefined();
  });
});
