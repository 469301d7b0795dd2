import { mockServices } from '@backstage/backend-test-utils';
import { ObjectCache } from '../cache/ObjectCache';
import {
  ClusterClient,
  ClusterRequest,
  WatchRequest,
} from '../kubernetes/ClusterClient';
import { KubernetesApiError } from '../kubernetes/KubernetesApiError';
import { RESOURCE_TYPES } from '../kubernetes/resources';
import { ResourceWatcher } from './ResourceWatcher';
import { WatchOptions } from './types';

const options: WatchOptions = {
  stallTimeoutMs: 200,
  watchTimeoutSeconds: 10,
  listTimeoutMs: 1000,
  backoff: { initialMs: 5, maxMs: 20 },
};

const rollout = (name: string, rv: string, extra: object = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: {
    name,
    namespace: 'ns',
    uid: `uid-${name}`,
    resourceVersion: rv,
    managedFields: [{}],
  },
  ...extra,
});

type Step =
  | { list: { rv: string; items: object[] } }
  | { listError: KubernetesApiError }
  | { events: object[]; then?: 'close' | 'hang' | KubernetesApiError };

/** A scripted cluster: each list/watch call consumes the next step. */
class ScriptedClient implements ClusterClient {
  readonly clusterName = 'test';
  readonly calls: string[] = [];
  constructor(private readonly steps: Step[]) {}

  private next(): Step | undefined {
    return this.steps.shift();
  }

  async request<T>(req: ClusterRequest): Promise<T> {
    this.calls.push(`list ${req.path}`);
    const step = this.next();
    if (!step) return new Promise<T>(() => {});
    if ('listError' in step) throw step.listError;
    if ('list' in step) {
      return {
        metadata: { resourceVersion: step.list.rv },
        items: step.list.items,
      } as T;
    }
    throw new Error('expected a list step');
  }

  async watch(req: WatchRequest): Promise<void> {
    this.calls.push(`watch rv=${req.query.resourceVersion}`);
    const step = this.next();
    if (!step || !('events' in step)) {
      return new Promise<void>((_, reject) =>
        req.signal.addEventListener('abort', () =>
          reject(new KubernetesApiError('aborted', undefined)),
        ),
      );
    }
    for (const event of step.events) req.onEvent(event);
    if (step.then instanceof KubernetesApiError) throw step.then;
    if (step.then === 'hang') {
      return new Promise<void>((_, reject) =>
        req.signal.addEventListener('abort', () =>
          reject(new KubernetesApiError('aborted', undefined)),
        ),
      );
    }
    return undefined;
  }
}

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 5));
  }
}

function start(steps: Step[]) {
  const client = new ScriptedClient(steps);
  const cache = new ObjectCache('test');
  const watcher = new ResourceWatcher({
    client,
    type: RESOURCE_TYPES.Rollout,
    cache,
    logger: mockServices.logger.mock(),
    options,
  });
  watcher.start();
  return { client, cache, watcher };
}

describe('ResourceWatcher', () => {
  it('lists, then applies watch events and resumes from the last resourceVersion', async () => {
    const { client, cache, watcher } = start([
      { list: { rv: '10', items: [rollout('a', '5')] } },
      {
        events: [
          { type: 'ADDED', object: rollout('b', '11') },
          { type: 'MODIFIED', object: rollout('a', '12') },
        ],
        then: 'close',
      },
      {
        events: [{ type: 'DELETED', object: rollout('b', '13') }],
        then: 'hang',
      },
    ]);
    await until(() => client.calls.length >= 3 && cache.size('Rollout') === 1);
    expect(client.calls).toEqual([
      'list /apis/argoproj.io/v1alpha1/rollouts',
      'watch rv=10',
      'watch rv=12',
    ]);
    expect(cache.get('Rollout', 'ns', 'a')?.metadata.resourceVersion).toBe(
      '12',
    );
    expect(cache.get('Rollout', 'ns', 'a')?.metadata).not.toHaveProperty(
      'managedFields',
    );
    expect(watcher.getStatus().state).toBe('ok');
    await watcher.stop();
  });

  it('relists after a 410 Expired ERROR event, emitting only the differences', async () => {
    const { client, cache, watcher } = start([
      { list: { rv: '10', items: [rollout('a', '5'), rollout('gone', '6')] } },
      {
        events: [
          {
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired' },
          },
        ],
      },
      { list: { rv: '30', items: [rollout('a', '5'), rollout('new', '29')] } },
      { events: [], then: 'hang' },
    ]);
    const events: string[] = [];
    cache.onChange(e => events.push(`${e.type} ${e.object.metadata.name}`));
    await until(() => client.calls.length >= 4);
    expect(client.calls.slice(2)).toEqual([
      'list /apis/argoproj.io/v1alpha1/rollouts',
      'watch rv=30',
    ]);
    // the first list adds both; the relist only removes 'gone' and adds 'new'
    expect(events).toEqual([
      'added a',
      'added gone',
      'deleted gone',
      'added new',
    ]);
    await watcher.stop();
  });

  it('relists after HTTP 410 on the watch request', async () => {
    const { client, watcher } = start([
      { list: { rv: '1', items: [] } },
      { events: [], then: new KubernetesApiError('expired', 410, 'Expired') },
      { list: { rv: '2', items: [] } },
    ]);
    await until(() => client.calls.length >= 4);
    expect(client.calls[2]).toBe('list /apis/argoproj.io/v1alpha1/rollouts');
    await watcher.stop();
  });

  it('reports errors, backs off and recovers', async () => {
    const { client, watcher } = start([
      {
        listError: new KubernetesApiError(
          'Cluster test: Unauthorized',
          401,
          'Unauthorized',
        ),
      },
      {
        listError: new KubernetesApiError(
          'Cluster test unreachable: ECONNREFUSED',
          undefined,
        ),
      },
      { list: { rv: '3', items: [rollout('a', '1')] } },
      { events: [], then: 'hang' },
    ]);
    await until(() => client.calls.length >= 1);
    await until(() => watcher.getStatus().state === 'error');
    expect(watcher.getStatus().error).toContain('Unauthorized');
    await until(() => watcher.getStatus().state === 'ok');
    expect(watcher.getStatus().error).toBeUndefined();
    expect(watcher.getStatus().lastSyncAt).toBeInstanceOf(Date);
    await watcher.stop();
  });

  it('reports a watch that stalls silently, then relists', async () => {
    const { client, watcher } = start([
      { list: { rv: '7', items: [] } },
      { events: [], then: 'hang' },
      { list: { rv: '9', items: [] } },
      { events: [], then: 'hang' },
    ]);
    await until(() => watcher.getStatus().state === 'error', 2000);
    expect(watcher.getStatus().error).toMatch(/no data from the cluster/);
    await until(() => client.calls.length >= 4, 2000);
    expect(client.calls).toEqual([
      'list /apis/argoproj.io/v1alpha1/rollouts',
      'watch rv=7',
      'list /apis/argoproj.io/v1alpha1/rollouts',
      'watch rv=9',
    ]);
    await until(() => watcher.getStatus().state === 'ok', 2000);
    await watcher.stop();
  });

  it('treats a missing optional custom resource as empty, not as an error', async () => {
    const client = new ScriptedClient([
      { listError: new KubernetesApiError('not found', 404, 'NotFound') },
    ]);
    const watcher = new ResourceWatcher({
      client,
      type: RESOURCE_TYPES.Experiment,
      cache: new ObjectCache('test'),
      logger: mockServices.logger.mock(),
      options,
      optional: true,
    });
    watcher.start();
    await until(() => watcher.getStatus().state === 'ok');
    expect(watcher.getStatus()).toEqual({
      state: 'ok',
      lastSyncAt: expect.any(Date),
    });
    await watcher.stop();
  });
});
