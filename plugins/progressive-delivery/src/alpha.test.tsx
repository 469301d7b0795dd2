import plugin, {
  progressiveDeliveryApi,
  progressiveDeliveryEntityCard,
  progressiveDeliveryEntityContent,
  progressiveDeliveryPage,
} from './alpha';

describe('alpha', () => {
  it('provides the API, the entity content and card, and the ops page', () => {
    expect(plugin.pluginId).toBe('progressive-delivery');
    const kinds = [
      progressiveDeliveryApi,
      progressiveDeliveryEntityContent,
      progressiveDeliveryEntityCard,
      progressiveDeliveryPage,
    ].map(e => (e as unknown as { kind: string }).kind);
    expect(kinds).toEqual(['api', 'entity-content', 'entity-card', 'page']);
  });
});
