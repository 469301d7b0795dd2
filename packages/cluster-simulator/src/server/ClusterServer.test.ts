import {
  rollout,
  startTestCluster,
  TestCluster,
  TOKENS,
} from './__testUtils__/testCluster';

const RO = '/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts';
const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';

describe('ClusterServer routes', () => {
  let c: TestCluster;
  beforeEach(async () => {
    c = await startTestCluster({ maxBodyBytes: 64 * 1024 });
  });
  afterEach(() => c.close());

  function expectStatus(json: any, code: number, reason: string) {
    expect(json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code,
      reason,
    });
    expect(typeof json.message).toBe('string');
  }

  describe('discovery', () => {
    it('serves /version without a token', async () => {
      const r = await c.request('GET', '/version', { token: null });
      expect(r.status).toBe(200);
      expect(r.contentType).toBe('application/json');
      expect(r.json).toMatchObject({
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.0',
      });
    });

    it('serves /api, /apis and per-group resource lists', async () => {
      expect((await c.request('GET', '/api')).json).toMatchObject({
        kind: 'APIVersions',
        versions: ['v1'],
      });
      const apis = (await c.request('GET', '/apis')).json;
      expect(apis.kind).toBe('APIGroupList');
      expect(apis.groups.map((g: any) => g.name)).toEqual([
        'argoproj.io',
        'apps',
        'pyrra.dev',
        'autoscaling',
        'batch',
        'networking.k8s.io',
      ]);
      expect((await c.request('GET', '/apis/apps')).json).toMatchObject({
        kind: 'APIGroup',
        preferredVersion: { groupVersion: 'apps/v1' },
      });
      const argo = (await c.request('GET', '/apis/argoproj.io/v1alpha1')).json;
      expect(argo).toMatchObject({
        kind: 'APIResourceList',
        groupVersion: 'argoproj.io/v1alpha1',
      });
      const byName = Object.fromEntries(
        argo.resources.map((r: any) => [r.name, r]),
      );
      expect(byName.rollouts).toMatchObject({
        kind: 'Rollout',
        singularName: 'rollout',
        namespaced: true,
        shortNames: ['ro'],
      });
      expect(byName.rollouts.verbs).toEqual(
        expect.arrayContaining(['list', 'watch', 'patch', 'get']),
      );
      expect(byName['rollouts/status'].verbs).toEqual([
        'get',
        'patch',
        'update',
      ]);
      expect(byName.clusteranalysistemplates).toMatchObject({
        namespaced: false,
        shortNames: ['cat'],
      });
      expect(byName['analysistemplates/status']).toBeUndefined();
      const core = (await c.request('GET', '/api/v1')).json;
      const names = core.resources.map(
        (r: any) => `${r.name}:${(r.shortNames ?? []).join()}`,
      );
      expect(names).toEqual(
        expect.arrayContaining([
          'pods:po',
          'services:svc',
          'namespaces:ns',
          'pods/status:',
        ]),
      );
      const slo = (await c.request('GET', '/apis/pyrra.dev/v1alpha1')).json;
      expect(slo.resources[0]).toMatchObject({
        name: 'servicelevelobjectives',
        shortNames: ['slo'],
      });
    });

    it('serves OpenAPI v3 discovery with PATCH operations that take fieldValidation', async () => {
      const root = (await c.request('GET', '/openapi/v3')).json;
      expect(Object.keys(root.paths)).toEqual(
        expect.arrayContaining([
          'api/v1',
          'apis/argoproj.io/v1alpha1',
          'apis/apps/v1',
        ]),
      );
      const url = root.paths['apis/argoproj.io/v1alpha1'].serverRelativeURL;
      expect(url).toMatch(
        /^\/openapi\/v3\/apis\/argoproj.io\/v1alpha1\?hash=[0-9A-F]+$/,
      );
      const doc = (await c.request('GET', url)).json;
      const patch =
        doc.paths[
          '/apis/argoproj.io/v1alpha1/namespaces/{namespace}/rollouts/{name}'
        ].patch;
      expect(patch['x-kubernetes-group-version-kind']).toEqual({
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Rollout',
      });
      expect(patch.parameters.map((p: any) => p.name)).toContain(
        'fieldValidation',
      );
      expect((await c.request('GET', '/openapi/v3/apis/nope/v1')).status).toBe(
        404,
      );
      expect((await c.request('GET', '/openapi/v2')).status).toBe(404);
    });

    it('rejects writes to discovery paths with 405', async () => {
      const r = await c.request('POST', '/apis', { body: {} });
      expect(r.status).toBe(405);
      expectStatus(r.json, 405, 'MethodNotAllowed');
    });
  });

  describe('authentication and authorization', () => {
    it.each([
      ['missing', null],
      ['wrong', 'nope'],
    ])('answers 401 for a %s token', async (_what, token) => {
      const r = await c.request('GET', RO, { token });
      expect(r.status).toBe(401);
      expect(r.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    });

    it('answers 401 for a wrong token even on /version', async () => {
      expect(
        (await c.request('GET', '/version', { token: 'nope' })).status,
      ).toBe(401);
    });

    it('lets the read-only token read but not write (403)', async () => {
      expect(
        (await c.request('GET', RO, { token: TOKENS.readOnly })).status,
      ).toBe(200);
      const r = await c.request('PATCH', `${RO}/web`, {
        token: TOKENS.readOnly,
        body: { spec: { replicas: 2 } },
        contentType: MERGE,
      });
      expect(r.status).toBe(403);
      expectStatus(r.json, 403, 'Forbidden');
      expect(r.json.message).toBe(
        'rollouts.argoproj.io "web" is forbidden: User "simulator:read-only" cannot patch resource "rollouts" in API group "argoproj.io" in the namespace "team-a"',
      );
      expect(r.json.details).toEqual({
        name: 'web',
        group: 'argoproj.io',
        kind: 'rollouts',
      });
      for (const [method, path] of [
        ['POST', RO],
        ['PUT', `${RO}/web`],
        ['DELETE', `${RO}/web`],
        ['PATCH', `${RO}/web/status`],
      ]) {
        expect(
          (await c.request(method, path, { token: TOKENS.readOnly, body: {} }))
            .status,
        ).toBe(403);
      }
    });

    it('can allow anonymous reads when configured', async () => {
      const anon = await startTestCluster({ anonymous: 'read-only' });
      try {
        expect((await anon.request('GET', RO, { token: null })).status).toBe(
          200,
        );
        expect(
          (await anon.request('DELETE', `${RO}/web`, { token: null })).status,
        ).toBe(403);
      } finally {
        await anon.close();
      }
    });
  });

  describe('list', () => {
    it('lists across namespaces and per namespace with the store resourceVersion', async () => {
      const all = await c.request('GET', '/apis/argoproj.io/v1alpha1/rollouts');
      expect(all.status).toBe(200);
      expect(all.contentType).toBe('application/json');
      expect(all.json).toMatchObject({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'RolloutList',
        metadata: { resourceVersion: c.store.resourceVersion },
      });
      expect(
        all.json.items.map(
          (i: any) => `${i.metadata.namespace}/${i.metadata.name}`,
        ),
      ).toEqual(['team-a/web', 'team-b/api']);
      expect(all.json.items[0].kind).toBe('Rollout');
      const ns = await c.request('GET', RO);
      expect(ns.json.items.map((i: any) => i.metadata.name)).toEqual(['web']);
    });

    it('filters by label and field selectors', async () => {
      const sel = async (q: string) =>
        (
          await c.request('GET', `/apis/argoproj.io/v1alpha1/rollouts?${q}`)
        ).json.items.map((i: any) => i.metadata.name);
      expect(await sel('labelSelector=app%3Dapi')).toEqual(['api']);
      expect(await sel('labelSelector=app%20in%20(web%2Capi)')).toEqual([
        'web',
        'api',
      ]);
      expect(await sel('labelSelector=!app')).toEqual([]);
      expect(await sel('fieldSelector=metadata.name%3Dweb')).toEqual(['web']);
      expect(await sel('fieldSelector=metadata.namespace!%3Dteam-a')).toEqual([
        'api',
      ]);
      expect(await sel('limit=500')).toEqual(['web', 'api']);
    });

    it('answers 400 for malformed selectors', async () => {
      const bad = await c.request('GET', `${RO}?labelSelector=app%20in%20web`);
      expect(bad.status).toBe(400);
      expectStatus(bad.json, 400, 'BadRequest');
      const field = await c.request(
        'GET',
        `${RO}?fieldSelector=spec.replicas%3D1`,
      );
      expect(field.status).toBe(400);
      expect(field.json.message).toBe(
        'field label not supported: spec.replicas',
      );
    });

    it('omits apiVersion/kind on built-in items whatever their key order', async () => {
      c.store.create({
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { name: 'p', namespace: 'team-a' },
      } as any);
      c.store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'q', namespace: 'team-a' },
      });
      const r = await c.request('GET', '/api/v1/namespaces/team-a/pods');
      expect(r.json.items).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'p' }),
        }),
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'q' }),
        }),
      ]);
      expect(r.json.items.map((i: any) => [i.kind, i.apiVersion])).toEqual([
        [undefined, undefined],
        [undefined, undefined],
      ]);
      // a single GET keeps them
      expect(
        (await c.request('GET', '/api/v1/namespaces/team-a/pods/p')).json.kind,
      ).toBe('Pod');
    });

    it('lists cluster-scoped namespaces, omitting apiVersion/kind on built-in items', async () => {
      const r = await c.request('GET', '/api/v1/namespaces');
      expect(r.json.kind).toBe('NamespaceList');
      expect(r.json.items.map((i: any) => i.metadata.name)).toEqual([
        'team-a',
        'team-b',
      ]);
      expect(r.json.items[0].kind).toBeUndefined();
    });
  });

  it('serves the other built-in kinds Backstage lists (empty, but 200)', async () => {
    for (const path of [
      '/api/v1/namespaces/team-a/configmaps',
      '/api/v1/limitranges',
      '/api/v1/resourcequotas',
      '/api/v1/events',
      '/apis/autoscaling/v2/horizontalpodautoscalers',
      '/apis/batch/v1/jobs',
      '/apis/batch/v1/cronjobs',
      '/apis/networking.k8s.io/v1/ingresses',
      '/apis/apps/v1/statefulsets',
      '/apis/apps/v1/daemonsets',
    ]) {
      const r = await c.request(
        'GET',
        `${path}?labelSelector=backstage.io%2Fkubernetes-id%3Dweb`,
      );
      expect({ path, status: r.status, items: r.json.items }).toEqual({
        path,
        status: 200,
        items: [],
      });
    }
    const cm = await c.request('POST', '/api/v1/namespaces/team-a/configmaps', {
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cfg' },
        data: { a: '1' },
      },
    });
    expect(cm.status).toBe(201);
    expect(
      (await c.request('GET', '/api/v1/namespaces/team-a/configmaps/cfg')).json
        .data,
    ).toEqual({ a: '1' });
  });

  describe('hostile input', () => {
    it('rejects deeply nested JSON and YAML alias bombs with 400', async () => {
      const deep = `{"metadata":{"name":"x"},"spec":${'['.repeat(
        5000,
      )}${']'.repeat(5000)}}`;
      const r = await c.request('POST', RO, {
        rawBody: deep,
        contentType: 'application/json',
      });
      expect(r.status).toBe(400);
      expect(r.json.message).toContain('nested deeper');
      const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 12; i++) {
        const prev = String.fromCharCode(96 + i);
        const next = String.fromCharCode(97 + i);
        lines.push(
          `${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`,
        );
      }
      const bomb = await c.request('POST', RO, {
        rawBody: lines.join('\n'),
        contentType: 'application/yaml',
      });
      expect(bomb.status).toBe(400);
      expect(bomb.json.message).toContain('too many elements');
    });

    it('answers malformed HTTP with a JSON Status', async () => {
      const { connect } = await import('node:net');
      const port = Number(new URL(c.url).port);
      const reply = await new Promise<string>((resolve, reject) => {
        let data = '';
        const socket = connect(port, '127.0.0.1', () =>
          socket.write('GARBAGE\r\n\r\n'),
        );
        socket.on('data', d => {
          data += d;
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
      expect(reply).toContain('Content-Type: application/json');
      expect(
        JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)),
      ).toMatchObject({ kind: 'Status', code: 400 });
    });
  });

  describe('get', () => {
    it('gets an object and its status subresource', async () => {
      const r = await c.request('GET', `${RO}/web`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        kind: 'Rollout',
        metadata: { name: 'web' },
        status: { phase: 'Healthy' },
      });
      expect(
        (await c.request('GET', `${RO}/web/status`)).json.metadata.name,
      ).toBe('web');
      expect(
        (await c.request('GET', '/api/v1/namespaces/team-a')).json.metadata
          .name,
      ).toBe('team-a');
    });

    it('answers 404 NotFound Status for a missing object and an unknown path', async () => {
      const r = await c.request('GET', `${RO}/nope`);
      expect(r.status).toBe(404);
      expect(r.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'rollouts.argoproj.io "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'argoproj.io', kind: 'rollouts' },
        code: 404,
      });
      const ns = await c.request('GET', '/api/v1/namespaces/nope');
      expect(ns.json.message).toBe('namespaces "nope" not found');
      const unknown = await c.request(
        'GET',
        '/apis/argoproj.io/v1alpha1/widgets',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.contentType).toBe('application/json');
      expect(unknown.json.message).toBe(
        'the server could not find the requested resource',
      );
    });
  });

  describe('create', () => {
    it('creates with server-assigned metadata and ignores status (201)', async () => {
      const body = rollout('team-a', 'new', { status: { phase: 'Healthy' } });
      body.metadata.uid = 'forged';
      body.metadata.resourceVersion = '1';
      const r = await c.request('POST', RO, { body });
      expect(r.status).toBe(201);
      expect(r.json.metadata).toMatchObject({
        name: 'new',
        namespace: 'team-a',
        generation: 1,
      });
      expect(r.json.metadata.uid).not.toBe('forged');
      expect(r.json.metadata.resourceVersion).toBe(c.store.resourceVersion);
      expect(r.json.status).toBeUndefined();
    });

    it('supports generateName and YAML bodies', async () => {
      const r = await c.request('POST', RO, {
        rawBody:
          'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  generateName: gen-\nspec:\n  replicas: 2\n',
        contentType: 'application/yaml',
      });
      expect(r.status).toBe(201);
      expect(r.json.metadata.name).toMatch(/^gen-[0-9a-f]{5}$/);
    });

    it('answers 409 AlreadyExists', async () => {
      const r = await c.request('POST', RO, { body: rollout('team-a', 'web') });
      expect(r.status).toBe(409);
      expectStatus(r.json, 409, 'AlreadyExists');
      expect(r.json.message).toBe('rollouts.argoproj.io "web" already exists');
    });

    it('answers 404 when the namespace does not exist', async () => {
      const r = await c.request(
        'POST',
        '/apis/argoproj.io/v1alpha1/namespaces/nope/rollouts',
        {
          body: rollout('nope', 'x'),
        },
      );
      expect(r.status).toBe(404);
      expect(r.json.message).toBe('namespaces "nope" not found');
    });

    it('answers 422 Invalid for bad names, labels and replicas', async () => {
      const r = await c.request('POST', RO, {
        body: rollout('team-a', 'Bad_Name'),
      });
      expect(r.status).toBe(422);
      expectStatus(r.json, 422, 'Invalid');
      expect(r.json.details).toMatchObject({
        name: 'Bad_Name',
        group: 'argoproj.io',
        kind: 'Rollout',
      });
      expect(r.json.details.causes[0].field).toBe('metadata.name');
      const labels = await c.request('POST', RO, {
        body: rollout('team-a', 'ok', { labels: { 'bad key': 'v' } }),
      });
      expect(labels.status).toBe(422);
      const replicas = await c.request('POST', RO, {
        body: rollout('team-a', 'ok', { spec: { replicas: -1 } }),
      });
      expect(replicas.status).toBe(422);
      expect(replicas.json.message).toContain('spec.replicas');
      expect(
        (
          await c.request('POST', RO, {
            body: { kind: 'Rollout', metadata: {} },
          })
        ).status,
      ).toBe(422);
    });

    it('answers 400 for bad JSON, non-objects and mismatched namespace or kind', async () => {
      for (const rawBody of ['{not json', '[1,2]', '"x"', '']) {
        const r = await c.request('POST', RO, {
          rawBody,
          contentType: 'application/json',
        });
        expect(r.status).toBe(400);
        expectStatus(r.json, 400, 'BadRequest');
      }
      expect(
        (await c.request('POST', RO, { body: rollout('team-b', 'x') })).status,
      ).toBe(400);
      expect(
        (
          await c.request('POST', RO, {
            body: { ...rollout('team-a', 'x'), kind: 'Pod' },
          })
        ).status,
      ).toBe(400);
    });

    it('answers 415 for an unknown content type and 413 for oversized bodies', async () => {
      const r = await c.request('POST', RO, {
        rawBody: 'x',
        contentType: 'text/plain',
      });
      expect(r.status).toBe(415);
      expectStatus(r.json, 415, 'UnsupportedMediaType');
      const big = rollout('team-a', 'big');
      big.metadata.annotations = { blob: 'x'.repeat(100 * 1024) };
      const tooBig = await c.request('POST', RO, { body: big });
      expect(tooBig.status).toBe(413);
      expectStatus(tooBig.json, 413, 'RequestEntityTooLarge');
      expect(c.store.get('Rollout', 'team-a', 'big')).toBeUndefined();
    });

    it('answers 405 for POST to a named path or a cluster-wide collection', async () => {
      expect((await c.request('POST', `${RO}/web`, { body: {} })).status).toBe(
        405,
      );
      expect(
        (
          await c.request('POST', '/apis/argoproj.io/v1alpha1/rollouts', {
            body: {},
          })
        ).status,
      ).toBe(405);
    });
  });

  describe('update (PUT)', () => {
    it('replaces spec, keeps status, and bumps generation', async () => {
      const cur = (await c.request('GET', `${RO}/web`)).json;
      const r = await c.request('PUT', `${RO}/web`, {
        body: { ...cur, spec: { replicas: 3 }, status: { phase: 'Degraded' } },
      });
      expect(r.status).toBe(200);
      expect(r.json.spec.replicas).toBe(3);
      expect(r.json.status.phase).toBe('Healthy');
      expect(r.json.metadata.generation).toBe(2);
    });

    it('PUT /status writes only status', async () => {
      const cur = (await c.request('GET', `${RO}/web`)).json;
      const r = await c.request('PUT', `${RO}/web/status`, {
        body: { ...cur, spec: { replicas: 9 }, status: { phase: 'Paused' } },
      });
      expect(r.json).toMatchObject({
        spec: { replicas: 1 },
        status: { phase: 'Paused' },
      });
      expect(r.json.metadata.generation).toBe(1);
    });

    it('answers 409 Conflict for a stale resourceVersion and 422 without one', async () => {
      const cur = (await c.request('GET', `${RO}/web`)).json;
      await c.request('PATCH', `${RO}/web`, {
        body: { spec: { replicas: 2 } },
        contentType: MERGE,
      });
      const stale = await c.request('PUT', `${RO}/web`, { body: cur });
      expect(stale.status).toBe(409);
      expectStatus(stale.json, 409, 'Conflict');
      expect(stale.json.message).toContain('the object has been modified');
      const { resourceVersion: _rv, ...meta } = cur.metadata;
      const none = await c.request('PUT', `${RO}/web`, {
        body: { ...cur, metadata: meta },
      });
      expect(none.status).toBe(422);
    });

    it('answers 404 for a missing object and 400 for a name mismatch', async () => {
      expect(
        (
          await c.request('PUT', `${RO}/nope`, {
            body: rollout('team-a', 'nope'),
          })
        ).status,
      ).toBe(404);
      const cur = (await c.request('GET', `${RO}/web`)).json;
      const r = await c.request('PUT', `${RO}/web`, {
        body: { ...cur, metadata: { ...cur.metadata, name: 'other' } },
      });
      expect(r.status).toBe(400);
    });
  });

  describe('patch', () => {
    it('merge-patches spec, ignoring status on the main resource', async () => {
      const r = await c.request('PATCH', `${RO}/web`, {
        body: { spec: { replicas: 4 }, status: { phase: 'Degraded' } },
        contentType: MERGE,
      });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        spec: { replicas: 4 },
        status: { phase: 'Healthy' },
      });
      expect(r.json.metadata.generation).toBe(2);
    });

    it('does not bump resourceVersion for a no-op patch', async () => {
      const before = c.store.resourceVersion;
      const objectRv = c.store.peek('Rollout', 'team-a', 'web')!.metadata
        .resourceVersion;
      const r = await c.request('PATCH', `${RO}/web`, {
        body: { status: { phase: 'X' } },
        contentType: MERGE,
      });
      expect(r.json.metadata.resourceVersion).toBe(objectRv);
      expect(c.store.resourceVersion).toBe(before);
    });

    it('patches only status through /status, without a generation bump', async () => {
      const r = await c.request('PATCH', `${RO}/web/status`, {
        body: { spec: { replicas: 7 }, status: { phase: 'Paused' } },
        contentType: MERGE,
      });
      expect(r.json).toMatchObject({
        spec: { replicas: 1 },
        status: { phase: 'Paused' },
      });
      expect(r.json.metadata.generation).toBe(1);
    });

    it('applies JSON patches including test', async () => {
      const r = await c.request('PATCH', `${RO}/web`, {
        body: [
          { op: 'test', path: '/spec/replicas', value: 1 },
          { op: 'replace', path: '/spec/replicas', value: 2 },
          { op: 'add', path: '/metadata/labels/extra', value: 'yes' },
        ],
        contentType: JSONPATCH,
      });
      expect(r.status).toBe(200);
      expect(r.json.spec.replicas).toBe(2);
      expect(r.json.metadata.labels.extra).toBe('yes');
      const failed = await c.request('PATCH', `${RO}/web`, {
        body: [{ op: 'test', path: '/spec/replicas', value: 1 }],
        contentType: JSONPATCH,
      });
      expect(failed.status).toBe(422);
      expectStatus(failed.json, 422, 'Invalid');
      const malformed = await c.request('PATCH', `${RO}/web`, {
        body: { spec: {} },
        contentType: JSONPATCH,
      });
      expect(malformed.status).toBe(400);
    });

    it('answers 415 for a strategic merge patch on a custom resource', async () => {
      const r = await c.request('PATCH', `${RO}/web`, {
        body: { spec: { replicas: 2 } },
        contentType: 'application/strategic-merge-patch+json',
      });
      expect(r.status).toBe(415);
      expectStatus(r.json, 415, 'UnsupportedMediaType');
      expect(r.json.message).toBe(
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
      const apply = await c.request('PATCH', `${RO}/web`, {
        rawBody: '{}',
        contentType: 'application/apply-patch+yaml',
      });
      expect(apply.status).toBe(415);
    });

    it('accepts strategic merge patches on built-in kinds', async () => {
      await c.request('POST', '/api/v1/namespaces/team-a/pods', {
        body: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {
            containers: [
              { name: 'a', image: 'a:1' },
              { name: 'b', image: 'b:1' },
            ],
          },
        },
      });
      const r = await c.request('PATCH', '/api/v1/namespaces/team-a/pods/p', {
        body: { spec: { containers: [{ name: 'b', image: 'b:2' }] } },
        contentType: 'application/strategic-merge-patch+json',
      });
      expect(r.status).toBe(200);
      expect(r.json.spec.containers).toEqual([
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:2' },
      ]);
    });

    it('answers 409 for a resourceVersion precondition that does not match', async () => {
      const r = await c.request('PATCH', `${RO}/web`, {
        body: { metadata: { resourceVersion: '1' }, spec: { replicas: 2 } },
        contentType: MERGE,
      });
      expect(r.status).toBe(409);
      expectStatus(r.json, 409, 'Conflict');
      const ok = await c.request('PATCH', `${RO}/web`, {
        body: {
          metadata: {
            resourceVersion: c.store.peek('Rollout', 'team-a', 'web')!.metadata
              .resourceVersion,
          },
          spec: { replicas: 2 },
        },
        contentType: MERGE,
      });
      expect(ok.status).toBe(200);
    });

    it('answers 422 for immutable fields and invalid results, 404 and 400 otherwise', async () => {
      const rename = await c.request('PATCH', `${RO}/web`, {
        body: { metadata: { name: 'x' } },
        contentType: MERGE,
      });
      expect(rename.status).toBe(422);
      const neg = await c.request('PATCH', `${RO}/web`, {
        body: { spec: { replicas: -1 } },
        contentType: MERGE,
      });
      expect(neg.status).toBe(422);
      expect(
        (
          await c.request('PATCH', `${RO}/nope`, {
            body: {},
            contentType: MERGE,
          })
        ).status,
      ).toBe(404);
      const bad = await c.request('PATCH', `${RO}/web`, {
        rawBody: '{',
        contentType: MERGE,
      });
      expect(bad.status).toBe(400);
      const arr = await c.request('PATCH', `${RO}/web`, {
        rawBody: '[]',
        contentType: MERGE,
      });
      expect(arr.status).toBe(400);
      expect(
        (
          await c.request('PATCH', `${RO}/web`, {
            rawBody: '{}',
            contentType: 'text/plain',
          })
        ).status,
      ).toBe(415);
    });
  });

  describe('scale subresource', () => {
    it('reads and writes spec.replicas through an autoscaling/v1 Scale', async () => {
      const scale = await c.request('GET', `${RO}/web/scale`);
      expect(scale.json).toMatchObject({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: 'web', namespace: 'team-a' },
        spec: { replicas: 1 },
        status: { replicas: 0 },
      });
      const patched = await c.request('PATCH', `${RO}/web/scale`, {
        body: { spec: { replicas: 3 } },
        contentType: MERGE,
      });
      expect(patched.json.spec.replicas).toBe(3);
      expect(c.store.get('Rollout', 'team-a', 'web')!.spec.replicas).toBe(3);
      expect(c.store.get('Rollout', 'team-a', 'web')!.metadata.generation).toBe(
        2,
      );
      const put = await c.request('PUT', `${RO}/web/scale`, {
        body: { ...patched.json, spec: { replicas: 5 } },
      });
      expect(put.json.spec.replicas).toBe(5);
      const stale = await c.request('PUT', `${RO}/web/scale`, {
        body: { ...patched.json, spec: { replicas: 6 } },
      });
      expect(stale.status).toBe(409);
      const negative = await c.request('PATCH', `${RO}/web/scale`, {
        body: { spec: { replicas: -2 } },
        contentType: MERGE,
      });
      expect(negative.status).toBe(422);
      expect(negative.json.details.kind).toBe('Scale');
      expect(
        (
          await c.request(
            'GET',
            '/apis/argoproj.io/v1alpha1/namespaces/team-a/analysisruns/x/scale',
          )
        ).status,
      ).toBe(404);
      expect((await c.request('GET', `${RO}/nope/scale`)).status).toBe(404);
      const argo = (await c.request('GET', '/apis/argoproj.io/v1alpha1')).json;
      expect(
        argo.resources.find((r: any) => r.name === 'rollouts/scale'),
      ).toMatchObject({
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
      });
    });
  });

  describe('delete', () => {
    it('deletes and returns the object; 404 afterwards', async () => {
      const r = await c.request('DELETE', `${RO}/web`);
      expect(r.status).toBe(200);
      expect(r.json.metadata.name).toBe('web');
      expect((await c.request('DELETE', `${RO}/web`)).status).toBe(404);
      expect((await c.request('GET', `${RO}/web`)).status).toBe(404);
    });

    it('answers 409 for failed preconditions', async () => {
      const r = await c.request('DELETE', `${RO}/web`, {
        body: { preconditions: { resourceVersion: '1' } },
      });
      expect(r.status).toBe(409);
      expect(c.store.get('Rollout', 'team-a', 'web')).toBeDefined();
    });

    it('deletes dependents (ownerReferences) and namespace content', async () => {
      const owner = c.store.peek('Rollout', 'team-a', 'web')!;
      c.store.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: 'web-1',
          namespace: 'team-a',
          ownerReferences: [
            {
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'Rollout',
              name: 'web',
              uid: owner.metadata.uid!,
            },
          ],
        },
      });
      await c.request('DELETE', `${RO}/web`);
      expect(c.store.list('ReplicaSet')).toEqual([]);
      expect(
        (await c.request('DELETE', '/api/v1/namespaces/team-b')).status,
      ).toBe(200);
      expect(c.store.list('Rollout')).toEqual([]);
    });

    it('answers 405 for deleting a collection', async () => {
      expect((await c.request('DELETE', RO)).status).toBe(405);
    });
  });

  it('logs every request with method, path, query, status, user and duration', async () => {
    c.server.requestLog.clear();
    await c.request('GET', `${RO}?labelSelector=app%3Dweb`);
    await c.request('GET', RO, { token: 'nope' });
    const log = c.server.requestLog.list();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      method: 'GET',
      path: RO,
      query: { labelSelector: 'app=web' },
      status: 200,
      user: 'simulator:read-write',
      watch: false,
    });
    expect(log[0].ms).toBeGreaterThanOrEqual(0);
    expect(log[1]).toMatchObject({ status: 401, user: '' });
  });
});
