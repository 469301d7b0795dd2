import { entityWorkloadSelector } from './entityWorkloadSelector';

const entity = (annotations: Record<string, string>) => ({
  metadata: { annotations },
});

describe('entityWorkloadSelector', () => {
  it('uses backstage.io/kubernetes-id', () => {
    expect(
      entityWorkloadSelector(
        entity({ 'backstage.io/kubernetes-id': 'checkout' }),
      ),
    ).toEqual({
      requirements: [
        {
          key: 'backstage.io/kubernetes-id',
          operator: 'eq',
          value: 'checkout',
        },
      ],
      labelSelector: 'backstage.io/kubernetes-id=checkout',
      namespace: undefined,
    });
  });

  it('prefers the label selector annotation and honours the namespace', () => {
    expect(
      entityWorkloadSelector(
        entity({
          'backstage.io/kubernetes-id': 'ignored',
          'backstage.io/kubernetes-label-selector': 'app=web,tier in (front)',
          'backstage.io/kubernetes-namespace': 'shop',
        }),
      ),
    ).toMatchObject({
      labelSelector: 'app=web,tier in (front)',
      namespace: 'shop',
    });
  });

  it('returns undefined without annotations', () => {
    expect(entityWorkloadSelector(entity({}))).toBeUndefined();
  });

  it.each([
    [{ 'backstage.io/kubernetes-id': 'a b' }],
    [{ 'backstage.io/kubernetes-id': 'x,y=z' }],
    [{ 'backstage.io/kubernetes-label-selector': 'a=b,' }],
    [
      {
        'backstage.io/kubernetes-id': 'ok',
        'backstage.io/kubernetes-namespace': '../kube-system',
      },
    ],
  ])('rejects hostile annotations %j', annotations => {
    expect(() => entityWorkloadSelector(entity(annotations))).toThrow();
  });
});
