import {
  entityWorkloadSelector,
  KubernetesObject,
  Rollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import { canaryRollout } from '../__testUtils__/rollouts';
import { ClusterWatchManager } from '../watch/ClusterWatchManager';
import { EntityChange, EntityChangeTracker } from './EntityChangeTracker';
import { EntityInterest } from './EntityInterest';

/** The uid and resourceVersion the API server would have given the object. */
function withIdentity(
  object: KubernetesObject,
  uid = 'ro-2',
): KubernetesObject {
  return {
    ...object,
    metadata: { ...object.metadata, uid, resourceVersion: '1' },
  };
}

function selectorFor(id: string) {
  return entityWorkloadSelector({
    metadata: { annotations: { 'backstage.io/kubernetes-id': id } },
  })!;
}

describe('EntityChangeTracker', () => {
  function setup() {
    const cache = new ObjectCache('c1');
    const manager = {
      onChange: cache.onChange.bind(cache),
      cluster: (name: string) => (name === 'c1' ? { cache } : undefined),
    } as unknown as ClusterWatchManager;
    const interest = new EntityInterest();
    const tracker = new EntityChangeTracker(manager, interest);
    const changes: EntityChange[] = [];
    tracker.onEntityChange(change => changes.push(change));
    tracker.start();
    return { cache, interest, tracker, changes };
  }

  it("changes an entity's stamp only when something it shows changes", () => {
    const { cache, interest, tracker, changes } = setup();
    interest.touch('component:default/web', selectorFor('web'));
    interest.touch('component:default/api', selectorFor('api'));
    const web = tracker.stamp('component:default/web');
    const api = tracker.stamp('component:default/api');

    const rollout = withIdentity(canaryRollout('web', 'shop', 'web'), 'ro-1');
    cache.upsert('Rollout', rollout);
    expect(tracker.stamp('component:default/web')).not.toBe(web);
    expect(tracker.stamp('component:default/api')).toBe(api);
    expect(changes).toEqual([{ entityRefs: ['component:default/web'] }]);

    // An owned ReplicaSet changing counts for the rollout's entity.
    const afterRollout = tracker.stamp('component:default/web');
    cache.upsert('ReplicaSet', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-abc',
        namespace: 'shop',
        uid: 'rs-1',
        resourceVersion: '1',
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name: 'web',
            uid: 'ro-1',
          },
        ],
      },
    });
    expect(tracker.stamp('component:default/web')).not.toBe(afterRollout);
    expect(tracker.stamp('component:default/api')).toBe(api);
  });

  it('counts a change to an AnalysisTemplate the rollout references', () => {
    const { cache, interest, tracker } = setup();
    interest.touch('component:default/web', selectorFor('web'));
    const base = canaryRollout('web', 'shop', 'web') as unknown as Rollout;
    base.spec!.strategy!.canary!.steps = [
      { setWeight: 20 },
      { analysis: { templates: [{ templateName: 'success-rate' }] } },
    ];
    cache.upsert('Rollout', withIdentity(base as KubernetesObject, 'ro-1'));
    const template = (namespace: string, name: string, rv: string) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name, namespace, resourceVersion: rv },
      spec: { metrics: [] },
    });
    const before = tracker.stamp('component:default/web');
    cache.upsert('AnalysisTemplate', template('shop', 'other-template', '1'));
    cache.upsert(
      'AnalysisTemplate',
      template('elsewhere', 'success-rate', '1'),
    );
    expect(tracker.stamp('component:default/web')).toBe(before);
    cache.upsert('AnalysisTemplate', template('shop', 'success-rate', '2'));
    expect(tracker.stamp('component:default/web')).not.toBe(before);
  });

  it('ignores objects that belong to no rollout, and stops on stop()', () => {
    const { cache, interest, tracker, changes } = setup();
    interest.touch('component:default/web', selectorFor('web'));
    const before = tracker.stamp('component:default/web');
    cache.upsert('ReplicaSet', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'orphan', namespace: 'shop', resourceVersion: '1' },
    });
    expect(changes).toEqual([]);
    tracker.stop();
    cache.upsert('Rollout', withIdentity(canaryRollout('web', 'shop', 'web')));
    expect(tracker.stamp('component:default/web')).toBe(before);
  });
});
