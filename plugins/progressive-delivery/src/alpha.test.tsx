import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  progressiveDeliveryApi,
  progressiveDeliveryEntityCard,
  progressiveDeliveryEntityContent,
  progressiveDeliveryPage,
  progressiveDeliveryScorecardCard,
} from './alpha';

describe('alpha', () => {
  it('provides the API, the entity content and card, and the ops page', () => {
    expect(plugin.pluginId).toBe('progressive-delivery');
    const kinds = [
      progressiveDeliveryApi,
      progressiveDeliveryEntityContent,
      progressiveDeliveryEntityCard,
      progressiveDeliveryScorecardCard,
      progressiveDeliveryPage,
    ].map(e => (e as unknown as { kind: string }).kind);
    expect(kinds).toEqual([
      'api',
      'entity-content',
      'entity-card',
      'entity-card',
      'page',
    ]);
  });
});

describe('alpha scorecard card', () => {
  it('is shown only on entities that carry the Kubernetes annotations', () => {
    const tester = createExtensionTester(progressiveDeliveryScorecardCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        annotations: { 'backstage.io/kubernetes-id': 'checkout' },
      },
    };
    expect(filter?.(entity)).toBe(true);
    expect(filter?.({ ...entity, metadata: { name: 'checkout' } })).toBe(false);
  });

  it('is part of the plugin, next to the overview card', () => {
    expect(
      plugin.getExtension('entity-card:progressive-delivery/scorecard'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:progressive-delivery'),
    ).toBeDefined();
  });
});
