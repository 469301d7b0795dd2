import { applyStrategicMergePatch } from './strategicMergePatch';

describe('applyStrategicMergePatch (simplified)', () => {
  const pod = {
    metadata: { labels: { a: '1' } },
    spec: {
      containers: [
        { name: 'app', image: 'app:1', env: [{ name: 'X', value: '1' }] },
        { name: 'sidecar', image: 'side:1' },
      ],
      tolerations: [{ key: 'a' }],
    },
  };

  it('merges containers by name and keeps the others', () => {
    const out = applyStrategicMergePatch(pod, {
      spec: { containers: [{ name: 'app', image: 'app:2' }] },
    }) as any;
    expect(out.spec.containers).toEqual([
      { name: 'app', image: 'app:2', env: [{ name: 'X', value: '1' }] },
      { name: 'sidecar', image: 'side:1' },
    ]);
  });

  it('deletes list items and map keys', () => {
    const out = applyStrategicMergePatch(pod, {
      metadata: { labels: { a: null, b: '2' } },
      spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] },
    }) as any;
    expect(out.metadata.labels).toEqual({ b: '2' });
    expect(out.spec.containers.map((c: any) => c.name)).toEqual(['app']);
  });

  it('replaces lists without a merge key and honours $patch: replace', () => {
    const out = applyStrategicMergePatch(pod, {
      spec: {
        tolerations: [{ key: 'b' }],
        containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }],
      },
    }) as any;
    expect(out.spec.tolerations).toEqual([{ key: 'b' }]);
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('appends new keyed items and drops unknown directives', () => {
    const out = applyStrategicMergePatch(pod, {
      $setElementOrder: [],
      spec: { containers: [{ name: 'new', image: 'n' }] },
    }) as any;
    expect(out.spec.containers.map((c: any) => c.name)).toEqual([
      'app',
      'sidecar',
      'new',
    ]);
    expect(out.$setElementOrder).toBeUndefined();
  });
});
