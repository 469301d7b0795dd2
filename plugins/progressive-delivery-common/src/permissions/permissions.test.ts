import {
  auditReadPermission,
  isRolloutActionPermission,
  progressiveDeliveryPermissions,
  rolloutActionPermissions,
  rolloutReadPermission,
} from './permissions';
import {
  isIdempotentAction,
  isRolloutAction,
  ROLLOUT_ACTIONS,
} from '../actions/rolloutActions';

describe('permissions', () => {
  it('names every permission as DESIGN §4.4 fixes it', () => {
    expect(progressiveDeliveryPermissions.map(p => p.name).sort()).toEqual(
      [
        'progressive-delivery.audit.read',
        'progressive-delivery.rollout.abort',
        'progressive-delivery.rollout.pause',
        'progressive-delivery.rollout.promote',
        'progressive-delivery.rollout.promote-full',
        'progressive-delivery.rollout.read',
        'progressive-delivery.rollout.restart',
        'progressive-delivery.rollout.resume',
        'progressive-delivery.rollout.retry',
        'progressive-delivery.rollout.rollback',
      ].sort(),
    );
  });

  it('evaluates rollout permissions against catalog entities', () => {
    expect(rolloutReadPermission).toMatchObject({
      type: 'resource',
      resourceType: 'catalog-entity',
      attributes: { action: 'read' },
    });
    for (const action of ROLLOUT_ACTIONS) {
      expect(rolloutActionPermissions[action]).toMatchObject({
        type: 'resource',
        resourceType: 'catalog-entity',
        attributes: { action: 'update' },
      });
    }
    expect(auditReadPermission.type).toBe('basic');
  });

  it('recognises action permissions and actions', () => {
    expect(
      isRolloutActionPermission('progressive-delivery.rollout.abort'),
    ).toBe(true);
    expect(isRolloutActionPermission('progressive-delivery.rollout.read')).toBe(
      false,
    );
    expect(isRolloutAction('promote-full')).toBe(true);
    expect(isRolloutAction('delete')).toBe(false);
    expect(isRolloutAction(42)).toBe(false);
  });

  it('knows which actions must not apply twice', () => {
    expect(ROLLOUT_ACTIONS.filter(a => !isIdempotentAction(a))).toEqual([
      'promote',
      'promote-full',
      'restart',
      'rollback',
    ]);
  });
});
